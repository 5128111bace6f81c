/**
 * Question types, in three shapes each (after Khan/perseus): the answer key (`Question`, from the
 * content schema), the answerless public view a page may carry, and the learner's response.
 * Input is checked before it is scored: an unanswered or malformed response is `invalid`, never
 * `wrong`.
 *
 * Each type lives in its own module under `types/` and is registered in `types/index.ts`; the
 * functions here dispatch over that table, so the rest of the app imports one API.
 */
import type { Cite, Paragraph, Question, QuestionType, Skill, Truth } from '../content/schema.ts';
import {
	invalid,
	round,
	type AnswerNote,
	type PartsDetail,
	type Invalid,
	type InputCheckOf,
	type InvalidReason
} from './types/common.ts';
import { moduleFor, type PublicQuestion, type Response } from './types/index.ts';

export type { Question, QuestionType, Skill, Truth, Cite, Paragraph };
export type { PublicQuestion, Response } from './types/index.ts';
export {
	FIELD,
	isBlank,
	MAX_SHORT_ANSWER_LENGTH,
	rawInputFrom,
	round,
	TRUTH_LABELS,
	withoutControls,
	type AnswerNote,
	type InvalidReason,
	type PartsDetail,
	type PublicChoice,
	type RawInput
} from './types/common.ts';
export { evidenceOptions, isCitedEvidence } from './types/evidence.ts';
export { normalizeAnswer } from './types/shortAnswer/index.ts';
import type { RawInput } from './types/common.ts';

export type InputCheck = InputCheckOf<Response>;

/** The result of scoring one response. `earned` is in the question's points, before penalties. */
export type Score =
	{ kind: 'invalid'; reason: InvalidReason } | { kind: 'scored'; earned: number; total: number };

/**
 * The public view. Evidence questions need the article's paragraphs to list the sentences a
 * learner may choose; other types ignore them.
 */
export function toPublic(
	question: Question,
	paragraphs: readonly Paragraph[] = []
): PublicQuestion {
	return {
		...moduleFor(question.type).toPublic(question, paragraphs),
		id: question.id,
		skill: question.skill,
		prompt: question.prompt,
		points: question.points,
		hintCount: question.hints.length
	};
}

/** Checks a raw form input against a question's public view. */
export function checkInput(question: PublicQuestion, raw: RawInput): InputCheck {
	return moduleFor(question.type).checkInput(question, raw);
}

/** Checks an already-shaped response (from a replayed log or a client) against the question. */
export function checkResponse(question: PublicQuestion, response: Response): InputCheck {
	if (response.type !== question.type) return invalid('wrong-type');
	return moduleFor(question.type).checkResponse(question, response);
}

/**
 * Scores a response against the answer key. Partial credit, where a type gives it (each type's
 * module says how): multiple choice, ordering, matching and two-part.
 *
 * Evidence questions need the article's paragraphs: the learner's pick is right when it is a
 * cited paragraph, or a sentence containing a cited quote.
 */
export function score(
	question: Question,
	response: Response,
	paragraphs: readonly Paragraph[] = []
): Score {
	const check = checkResponse(toPublic(question, paragraphs), response);
	if (check.kind === 'invalid') return check;
	const fraction = moduleFor(question.type).score(question, check.response, paragraphs);
	const total = question.points;
	return { kind: 'scored', earned: round(Math.max(0, fraction) * total), total };
}

/** The correct answer in words, for "show answer" and the summary. */
export function answerInWords(question: Question): string[] {
	return moduleFor(question.type).answerInWords(question);
}

/** A response in words, as the learner gave it. */
export function responseInWords(question: PublicQuestion, response: Response): string[] {
	return moduleFor(response.type).responseInWords(
		question.type === response.type ? question : null,
		response
	);
}

/** Rationales for the wrong choices a response picked, in choice order. */
export function rationalesFor(question: Question, response: Response): string[] {
	if (question.type !== response.type) return [];
	return moduleFor(question.type).rationales(question, response);
}

/**
 * What the key says about this very response beyond right or wrong (a forgiven spelling slip, a
 * listed wrong answer's own feedback), for the types that say anything. Undefined otherwise, and
 * for a response that is not valid.
 */
export function noteFor(
	question: Question,
	response: Response,
	paragraphs: readonly Paragraph[] = []
): AnswerNote | undefined {
	const module = moduleFor(question.type);
	if (!module.note) return undefined;
	const check: InputCheck | Invalid = checkResponse(toPublic(question, paragraphs), response);
	return check.kind === 'valid' ? module.note(question, check.response) : undefined;
}

/**
 * Which parts of a response are right, for the types scored part by part (matching, ordering,
 * multiple choice); undefined for the others, and for a response that is not valid.
 */
export function partsFor(
	question: Question,
	response: Response,
	paragraphs: readonly Paragraph[] = []
): PartsDetail | undefined {
	const module = moduleFor(question.type);
	if (!module.parts) return undefined;
	const check = checkResponse(toPublic(question, paragraphs), response);
	return check.kind === 'valid' ? module.parts(question, check.response) : undefined;
}
