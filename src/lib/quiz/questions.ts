/**
 * Question types, in three shapes each (after Khan/perseus): the answer key (`Question`, from the
 * content schema), the answerless public view a page may carry, and the learner's response.
 * Input is checked before it is scored: an unanswered or malformed response is `invalid`, never
 * `wrong`.
 */
import type { Choice, Cite, Question, QuestionType, Skill, Truth } from '../content/schema.ts';

export type { Question, QuestionType, Skill, Truth, Cite };

/** What a page may show before the question is answered: no answer, explanation or hints. */
export type PublicQuestion = {
	id: string;
	skill: Skill;
	prompt: string;
	points: number;
	/** How many hints exist; their words are given one at a time, on request. */
	hintCount: number;
} & (
	| { type: 'single-choice'; choices: PublicChoice[] }
	| { type: 'multiple-choice'; choices: PublicChoice[] }
	| { type: 'true-false-not-stated' }
	| { type: 'short-answer' }
);

export interface PublicChoice {
	id: string;
	text: string;
}

/** A learner's answer to one question, already checked for shape. */
export type Response =
	| { type: 'single-choice'; choice: string }
	| { type: 'multiple-choice'; choices: string[] }
	| { type: 'true-false-not-stated'; answer: Truth }
	| { type: 'short-answer'; text: string };

/** Why an input could not be scored. The UI words these; they are never a wrong answer. */
export type InvalidReason = 'unanswered' | 'unknown-choice' | 'too-long' | 'wrong-type';

export type InputCheck =
	{ kind: 'valid'; response: Response } | { kind: 'invalid'; reason: InvalidReason };

/** The result of scoring one response. `earned` is in the question's points, before penalties. */
export type Score =
	{ kind: 'invalid'; reason: InvalidReason } | { kind: 'scored'; earned: number; total: number };

export const MAX_SHORT_ANSWER_LENGTH = 200;

export const TRUTH_LABELS: Record<Truth, string> = {
	true: 'True',
	false: 'False',
	'not-stated': 'Not stated'
};

export function toPublic(question: Question): PublicQuestion {
	const base = {
		id: question.id,
		skill: question.skill,
		prompt: question.prompt,
		points: question.points,
		hintCount: question.hints.length
	};
	switch (question.type) {
		case 'single-choice':
		case 'multiple-choice':
			return {
				...base,
				type: question.type,
				choices: question.choices.map(({ id, text }) => ({ id, text }))
			};
		case 'true-false-not-stated':
		case 'short-answer':
			return { ...base, type: question.type };
	}
}

/**
 * Raw input as a form posts it: each field name with all its values. Works the same for
 * `FormData` on the server and for test fixtures.
 */
export type RawInput = Record<string, string[]>;

export function rawInputFrom(form: { getAll(name: string): unknown[] }, names: string[]): RawInput {
	const raw: RawInput = {};
	for (const name of names) {
		raw[name] = form.getAll(name).filter((v): v is string => typeof v === 'string');
	}
	return raw;
}

/** Form field names each question type reads; one place so views and the server agree. */
export const FIELD = { choice: 'choice', text: 'text' } as const;

/** Checks a raw form input against a question's public view. */
export function checkInput(question: PublicQuestion, raw: RawInput): InputCheck {
	switch (question.type) {
		case 'single-choice': {
			const values = raw[FIELD.choice] ?? [];
			if (values.length === 0 || values[0] === '') return invalid('unanswered');
			if (values.length > 1) return invalid('wrong-type');
			return knownChoice(question.choices, values[0]!)
				? valid({ type: 'single-choice', choice: values[0]! })
				: invalid('unknown-choice');
		}
		case 'multiple-choice': {
			const values = [...new Set((raw[FIELD.choice] ?? []).filter((v) => v !== ''))];
			if (values.length === 0) return invalid('unanswered');
			if (!values.every((v) => knownChoice(question.choices, v))) return invalid('unknown-choice');
			// Keep the question's own order so equal answers look equal in the log.
			const order = question.choices.map((c) => c.id);
			values.sort((a, b) => order.indexOf(a) - order.indexOf(b));
			return valid({ type: 'multiple-choice', choices: values });
		}
		case 'true-false-not-stated': {
			const values = raw[FIELD.choice] ?? [];
			if (values.length === 0 || values[0] === '') return invalid('unanswered');
			if (values.length > 1) return invalid('wrong-type');
			const value = values[0]!;
			return isTruth(value)
				? valid({ type: 'true-false-not-stated', answer: value })
				: invalid('unknown-choice');
		}
		case 'short-answer': {
			const values = raw[FIELD.text] ?? [];
			if (values.length > 1) return invalid('wrong-type');
			const text = (values[0] ?? '').trim();
			if (normalizeAnswer(text) === '') return invalid('unanswered');
			if (text.length > MAX_SHORT_ANSWER_LENGTH) return invalid('too-long');
			return valid({ type: 'short-answer', text });
		}
	}
}

/** Checks an already-shaped response (from a replayed log or a client) against the question. */
export function checkResponse(question: PublicQuestion, response: Response): InputCheck {
	if (response.type !== question.type) return invalid('wrong-type');
	switch (response.type) {
		case 'single-choice':
			return checkInput(question, { [FIELD.choice]: [response.choice] });
		case 'multiple-choice':
			return checkInput(question, { [FIELD.choice]: response.choices });
		case 'true-false-not-stated':
			return checkInput(question, { [FIELD.choice]: [response.answer] });
		case 'short-answer':
			return checkInput(question, { [FIELD.text]: [response.text] });
	}
}

/**
 * Scores a response against the answer key.
 *
 * Multiple choice gives partial credit: each correct choice picked earns 1/k of the points (k =
 * number of correct choices) and each wrong choice picked takes 1/k away, never below zero. So
 * picking every choice earns nothing, and one of two correct choices with no wrong one earns half.
 */
export function score(question: Question, response: Response): Score {
	const check = checkResponse(toPublic(question), response);
	if (check.kind === 'invalid') return check;
	const r = check.response;
	const total = question.points;
	switch (question.type) {
		case 'single-choice':
			return scored(r.type === 'single-choice' && r.choice === question.answer ? total : 0, total);
		case 'multiple-choice': {
			if (r.type !== 'multiple-choice') return invalid('wrong-type');
			const correct = new Set(question.answers);
			const hits = r.choices.filter((c) => correct.has(c)).length;
			const misses = r.choices.length - hits;
			const fraction = Math.max(0, (hits - misses) / correct.size);
			return scored(round(fraction * total), total);
		}
		case 'true-false-not-stated':
			return scored(
				r.type === 'true-false-not-stated' && r.answer === question.answer ? total : 0,
				total
			);
		case 'short-answer': {
			if (r.type !== 'short-answer') return invalid('wrong-type');
			const given = normalizeAnswer(r.text);
			return scored(question.accepted.some((a) => normalizeAnswer(a) === given) ? total : 0, total);
		}
	}
}

/**
 * Short answers are compared after normalising case, punctuation and spacing, and nothing else:
 * "2,000" matches "2000" and " Kazinform. " matches "kazinform", but "200" does not match "2000".
 */
export function normalizeAnswer(text: string): string {
	return text
		.normalize('NFKC')
		.toLocaleLowerCase('en')
		.replace(/[\p{P}\p{S}]+/gu, '')
		.replace(/\s+/gu, ' ')
		.trim();
}

/** The correct answer in words, for "show answer" and the summary. */
export function answerInWords(question: Question): string[] {
	switch (question.type) {
		case 'single-choice':
			return [choiceText(question.choices, question.answer)];
		case 'multiple-choice':
			return question.choices.filter((c) => question.answers.includes(c.id)).map((c) => c.text);
		case 'true-false-not-stated':
			return [TRUTH_LABELS[question.answer]];
		case 'short-answer':
			return [question.accepted[0]!];
	}
}

/** A response in words, as the learner gave it. */
export function responseInWords(question: PublicQuestion, response: Response): string[] {
	switch (response.type) {
		case 'single-choice':
			return 'choices' in question ? [choiceText(question.choices, response.choice)] : [];
		case 'multiple-choice':
			return 'choices' in question
				? response.choices.map((id) => choiceText(question.choices, id))
				: [];
		case 'true-false-not-stated':
			return [TRUTH_LABELS[response.answer]];
		case 'short-answer':
			return [response.text];
	}
}

/** Rationales for the wrong choices a response picked, in choice order. */
export function rationalesFor(question: Question, response: Response): string[] {
	if (question.type === 'single-choice' && response.type === 'single-choice') {
		return rationaleOf(question.choices, [response.choice], [question.answer]);
	}
	if (question.type === 'multiple-choice' && response.type === 'multiple-choice') {
		return rationaleOf(question.choices, response.choices, question.answers);
	}
	return [];
}

function rationaleOf(choices: Choice[], picked: string[], correct: string[]): string[] {
	return choices
		.filter((c) => picked.includes(c.id) && !correct.includes(c.id) && c.rationale)
		.map((c) => c.rationale!);
}

function choiceText(choices: PublicChoice[], id: string): string {
	return choices.find((c) => c.id === id)?.text ?? id;
}

function knownChoice(choices: PublicChoice[], id: string): boolean {
	return choices.some((c) => c.id === id);
}

function isTruth(value: string): value is Truth {
	return value === 'true' || value === 'false' || value === 'not-stated';
}

function valid(response: Response): InputCheck {
	return { kind: 'valid', response };
}

function invalid(reason: InvalidReason): { kind: 'invalid'; reason: InvalidReason } {
	return { kind: 'invalid', reason };
}

function scored(earned: number, total: number): Score {
	return { kind: 'scored', earned, total };
}

/** Keeps scores readable (1/3 → 0.3333) and sums stable. */
export function round(n: number): number {
	return Math.round(n * 10000) / 10000;
}
