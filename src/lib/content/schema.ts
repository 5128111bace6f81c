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
	cites: z.array(citeSchema).min(1, 'every question cites at least one paragraph'),
	/** Ids of the claims (claims.yaml) this question examines. */
	claims: z.array(id).optional()
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

/** A short answer as written; YAML reads a bare `29` as a number, so it is taken as its text. */
const answerText = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text);

/**
 * How short answers are matched is in `quiz/types/shortAnswer/match.ts` and the README. An accepted
 * answer is a text, a number with a tolerance (`{ number: 2500, tolerance: 100 }`: any number from
 * 2400 to 2600) or a pattern (`{ pattern: "Radio Free Asia*" }`: `*` is any run of characters).
 * Negative tolerances and all-star patterns are refused by `load.ts`, where they can be pointed at.
 */
export const acceptedAnswerSchema = z.union(
	[
		answerText,
		z.strictObject({ number: z.number(), tolerance: z.number().optional() }),
		z.strictObject({ pattern: text })
	],
	{ error: 'an accepted answer is a text, { number, tolerance } or { pattern }' }
);

/** A wrong answer the author expects, with the feedback (and citations) shown when it is given. */
export const wrongAnswerSchema = z.strictObject({
	answer: answerText,
	feedback: text,
	cites: z.array(citeSchema).optional()
});

export const shortAnswerSchema = z.strictObject({
	...common,
	type: z.literal('short-answer'),
	accepted: z.array(acceptedAnswerSchema).min(1, 'list at least one accepted answer'),
	/** One slip in a word of six letters or more is forgiven (and the right spelling shown). */
	typos: z.boolean().optional(),
	/** Wrong answers the author expects, each with its own feedback. */
	wrong: z.array(wrongAnswerSchema).optional()
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
			rationales: z.boolean().default(true),
			/** The share of claims.yaml's claims some question examines; no goal when unset. */
			claims: z.number().min(0).max(1).optional()
		})
		.prefault({}),
	/** Item-writing cue thresholds (cues.ts). Cues are warnings: they never fail a module. */
	cues: z
		.strictObject({
			/** Highest share of choice lists whose key is the longest choice; default chance + 0.10. */
			longestKeyRate: z.number().min(0).max(1).optional(),
			/** Flag an item whose key is this much longer than every distractor (0.1 = 10%). */
			longerBy: z.number().min(0).default(0.1),
			/** Share of Part A's key's distinctive words that Part B's key may repeat. */
			partBRepeats: z.number().min(0).max(1).default(0.5),
			/** Share of an evidence claim's content words that its cited sentence may hold. */
			claimRepeats: z.number().min(0).max(1).default(0.6),
			/** Highest share of one answer among true / false / not stated questions. */
			truthShare: z.number().min(0).max(1).default(0.6),
			/** Share of true / false / not stated points one answer given every time may not reach. */
			truthPoints: z.number().min(0).max(1).default(0.5),
			/** Highest share of single-choice keys in one position (A, B…). */
			keyPosition: z.number().min(0).max(1).default(0.5)
		})
		.prefault({})
});
export type CoverageRules = ModuleFile['coverage'];
export type CueRules = ModuleFile['cues'];
export type ModuleFile = z.infer<typeof moduleFileSchema>;

/** Who a claim is the article's: its author reporting, someone it names, or the author judging. */
export const CLAIM_BY = ['reported', 'attributed', 'judgment'] as const;
export const CLAIM_KINDS = ['number', 'date', 'source', 'event', 'judgment', 'term'] as const;

/**
 * One checkable statement of the article (claims.yaml): the exact words in its paragraph, and
 * whose statement it is. An attributed claim names its `source` (and optional `aliases`), the
 * words a question's explanation must use to say who made the claim.
 */
export const claimSchema = z
	.strictObject({
		id,
		paragraph: z.int('must be a whole number').min(1, 'paragraphs are numbered from 1'),
		quote: text,
		by: z.enum(CLAIM_BY),
		source: text.optional(),
		aliases: z.array(text).default([]),
		kind: z.enum(CLAIM_KINDS).optional(),
		note: text.optional()
	})
	.superRefine((claim, ctx) => {
		if (claim.by === 'attributed' && !claim.source) {
			ctx.addIssue({
				code: 'custom',
				path: ['by'],
				message: 'an attributed claim needs a source: who the article attributes it to'
			});
		}
	});
export type Claim = z.infer<typeof claimSchema>;

export const claimsFileSchema = z.strictObject({
	claims: z.array(z.unknown()).min(1, 'claims.yaml lists at least one claim')
});

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
	/** The article's claims (claims.yaml) and coverage.claims, when the module has them. */
	claims?: { items: Claim[]; goal?: number };
}
