/**
 * The module format, as schemas. Every content type in Citewise is inferred from these, so the
 * validator and the code can never disagree about what a question file may contain.
 *
 * Cross-field rules a schema cannot express (a quote must be in its paragraph, an answer must name
 * one of the choices, a lesson must name known questions) live in `load.ts`.
 */
import { z } from 'zod';
import { SKILLS, TRUTH_VALUES } from './terms.ts';

export {
	QUESTION_TYPES,
	SKILL_LABELS,
	SKILLS,
	TRUTH_VALUES,
	type Skill,
	type Truth
} from './terms.ts';

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(kebab, 'must be kebab-case (lowercase letters, digits and dashes)');

export const skillSchema = z.enum(SKILLS);

/** A citation: the paragraph (¶, counted from 1) and the exact words in it that prove the answer. */
export const citeSchema = z.strictObject({
	paragraph: z.int('must be a whole number').min(1, 'paragraphs are numbered from 1'),
	quote: text
});
export type Cite = z.infer<typeof citeSchema>;

const choiceSchema = z.strictObject({
	id,
	text,
	/** Why this choice is wrong, shown when a student picks it. */
	rationale: text.optional()
});
export type Choice = z.infer<typeof choiceSchema>;

const common = {
	id,
	skill: skillSchema,
	prompt: text,
	points: z.number().positive().max(10).default(1),
	hints: z.array(text).max(3).default([]),
	explanation: text,
	cites: z.array(citeSchema).min(1, 'every question cites at least one paragraph')
};

const choices = z.array(choiceSchema).min(2, 'needs at least two choices').max(6);

export const singleChoiceSchema = z.strictObject({
	...common,
	type: z.literal('single-choice'),
	choices,
	answer: id
});

export const multipleChoiceSchema = z.strictObject({
	...common,
	type: z.literal('multiple-choice'),
	choices,
	answers: z.array(id).min(2, 'a multiple-choice question has at least two correct choices')
});

export const truthSchema = z.enum(TRUTH_VALUES);

export const trueFalseNotStatedSchema = z.strictObject({
	...common,
	type: z.literal('true-false-not-stated'),
	// YAML reads a bare `true` as a boolean; accept it and store the word.
	answer: z.preprocess((v) => (typeof v === 'boolean' ? String(v) : v), truthSchema)
});

export const shortAnswerSchema = z.strictObject({
	...common,
	type: z.literal('short-answer'),
	accepted: z
		.array(z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text))
		.min(1, 'list at least one accepted answer')
});

const itemSchema = z.strictObject({ id, text });
export type Item = z.infer<typeof itemSchema>;

/** Items listed in the correct order; the quiz shows them shuffled. */
export const orderingSchema = z.strictObject({
	...common,
	type: z.literal('ordering'),
	items: z.array(itemSchema).min(3, 'an ordering question has at least three items').max(8)
});

/** Each item (a person, a source…) is matched to one option; options may include extras. */
export const matchingSchema = z.strictObject({
	...common,
	type: z.literal('matching'),
	items: z
		.array(z.strictObject({ id, text, match: id }))
		.min(2, 'a matching question has at least two items')
		.max(8),
	options: z.array(itemSchema).min(2).max(10)
});

/**
 * The learner picks, in the reader, the paragraph or sentence that supports the claim in the
 * prompt. It is graded against `cites`: a cited paragraph, or a sentence containing a cited quote.
 */
export const evidenceSchema = z.strictObject({
	...common,
	type: z.literal('evidence'),
	select: z.enum(['paragraph', 'sentence']),
	/** The inclusive ¶ range to choose from; defaults to the question's lesson. */
	within: z
		.tuple([z.int().min(1), z.int().min(1)])
		.refine(([a, b]) => a <= b, 'the first paragraph must not come after the last')
		.optional()
});

/**
 * Part A asks a question; Part B asks which quote from the article supports the answer. Part B
 * earns credit only when Part A is right.
 */
export const twoPartSchema = z.strictObject({
	...common,
	type: z.literal('two-part'),
	choices,
	answer: id,
	partB: z.strictObject({
		prompt: text,
		/** Each choice's text is a quote from the article. */
		choices,
		answer: id
	})
});

export const questionSchema = z.discriminatedUnion('type', [
	singleChoiceSchema,
	multipleChoiceSchema,
	trueFalseNotStatedSchema,
	shortAnswerSchema,
	orderingSchema,
	matchingSchema,
	evidenceSchema,
	twoPartSchema
]);

/** A question with its answer key, explanation and citations: server-side knowledge. */
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type SingleChoiceQuestion = z.infer<typeof singleChoiceSchema>;
export type MultipleChoiceQuestion = z.infer<typeof multipleChoiceSchema>;
export type TrueFalseNotStatedQuestion = z.infer<typeof trueFalseNotStatedSchema>;
export type ShortAnswerQuestion = z.infer<typeof shortAnswerSchema>;
export type OrderingQuestion = z.infer<typeof orderingSchema>;
export type MatchingQuestion = z.infer<typeof matchingSchema>;
export type EvidenceQuestion = z.infer<typeof evidenceSchema>;
export type TwoPartQuestion = z.infer<typeof twoPartSchema>;

export const questionFileSchema = z.strictObject({
	questions: z.array(z.unknown()).min(1, 'a question file lists at least one question')
});

export const lessonSchema = z.strictObject({
	id,
	title: text,
	/** Inclusive paragraph range [first, last]. */
	paragraphs: z
		.tuple([z.int().min(1), z.int().min(1)])
		.refine(([a, b]) => a <= b, 'the first paragraph must not come after the last'),
	questions: z.array(id).min(1, 'a lesson has at least one question')
});
export type Lesson = z.infer<typeof lessonSchema>;

export const glossaryEntrySchema = z.strictObject({
	term: text,
	definition: text,
	/** `article` when the article itself defines the term; `background` otherwise. */
	source: z.enum(['article', 'background']).default('article'),
	paragraphs: z.array(z.int().min(1)).default([])
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export const moduleFileSchema = z.strictObject({
	title: text,
	summary: text,
	readingMinutes: z.int().min(1).max(120),
	objectives: z.array(text).min(1),
	glossary: z.array(glossaryEntrySchema).default([]),
	lessons: z.array(lessonSchema).min(1, 'a module has at least one lesson'),
	/** What the question bank must cover; the validator fails a module that falls short. */
	coverage: z
		.strictObject({
			/** Every body paragraph is cited by at least one question. */
			everyParagraphCited: z.boolean().default(true),
			/** Each of the six skills has at least this many questions. */
			minQuestionsPerSkill: z.int().min(0).default(5),
			/** Every wrong choice of a choice question explains itself. */
			rationales: z.boolean().default(true)
		})
		.prefault({})
});
export type CoverageRules = ModuleFile['coverage'];
export type ModuleFile = z.infer<typeof moduleFileSchema>;

export const articleFrontMatterSchema = z.strictObject({
	title: text,
	dek: text.optional(),
	author: text,
	publication: text,
	attribution: text,
	source: z.url().optional(),
	/** Only when the source gives one; never invented. */
	published: z.string().optional()
});
export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;

/** One body paragraph of an article. */
export interface Paragraph {
	/** ¶ number, from 1. */
	n: number;
	text: string;
	/** The author sets this passage off as a block quote. */
	blockquote: boolean;
}

/** A loaded, validated module: everything the server knows. */
export interface Module {
	slug: string;
	article: ArticleFrontMatter & { paragraphs: Paragraph[] };
	title: string;
	summary: string;
	readingMinutes: number;
	objectives: string[];
	glossary: GlossaryEntry[];
	lessons: Lesson[];
	/** In lesson order. */
	questions: Question[];
}
