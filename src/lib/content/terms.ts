/**
 * The fixed vocabularies of the module format, free of the schema library so that pages can
 * use them without shipping a validator to the browser.
 */

export const SKILLS = [
	'recall',
	'vocabulary',
	'sequence',
	'inference',
	'purpose',
	'sourcing'
] as const;
/** A reading skill a question exercises; used in summaries and coverage reports. */
export type Skill = (typeof SKILLS)[number];

/** Words for people, so the UI and the coverage report name skills the same way. */
export const SKILL_LABELS: Record<Skill, string> = {
	recall: 'Recall',
	vocabulary: 'Vocabulary in context',
	sequence: 'Sequence',
	inference: 'Inference',
	purpose: "Author's purpose and framing",
	sourcing: 'Sourcing'
};

export const TRUTH_VALUES = ['true', 'false', 'not-stated'] as const;
export type Truth = (typeof TRUTH_VALUES)[number];

export const QUESTION_TYPES = [
	'single-choice',
	'multiple-choice',
	'true-false-not-stated',
	'short-answer'
] as const;
