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
	'short-answer',
	'ordering',
	'matching',
	'evidence',
	'two-part'
] as const;
export type QuestionTypeName = (typeof QUESTION_TYPES)[number];

/** How the UI names each type. */
export const TYPE_LABELS: Record<QuestionTypeName, string> = {
	'single-choice': 'Single choice',
	'multiple-choice': 'Multiple choice',
	'true-false-not-stated': 'True, false or not stated',
	'short-answer': 'Short answer',
	ordering: 'Put in order',
	matching: 'Matching',
	evidence: 'Find the evidence',
	'two-part': 'Two-part question'
};
