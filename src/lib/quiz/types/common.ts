/**
 * What every question type shares: the interface a type implements (after Khan/perseus widgets),
 * the raw form input it reads, the shapes of an input check and a score, and small helpers.
 *
 * A type lives in one file of this folder and is registered in `index.ts`; `../questions.ts`
 * dispatches over that table and keeps the API the rest of the app imports.
 */
import type { Cite, Paragraph, Question, Skill, Truth } from '../../content/schema.ts';

/** What every public view carries, whatever its type. */
export interface PublicBase {
	id: string;
	skill: Skill;
	prompt: string;
	points: number;
	/** How many hints exist; their words are given one at a time, on request. */
	hintCount: number;
}

export interface PublicChoice {
	id: string;
	text: string;
}

/**
 * Raw input as a form posts it: each field name with all its values. Works the same for
 * `FormData` on the server and for test fixtures.
 */
export type RawInput = Record<string, string[]>;

/** Every field of a posted form, as raw input. */
export function rawInputFrom(form: FormData): RawInput {
	const raw: RawInput = {};
	for (const [name, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		(raw[name] ??= []).push(value);
	}
	return raw;
}

/** Form field names each question type reads; one place so views and the server agree. */
export const FIELD = {
	choice: 'choice',
	text: 'text',
	/** Ordering with JavaScript: item ids in the chosen order. */
	order: 'order',
	/** Ordering without JavaScript: `position-<item id>` = 1…n. */
	position: (itemId: string) => `position-${itemId}`,
	/** Matching: `match-<item id>` = option id. */
	match: (itemId: string) => `match-${itemId}`,
	evidence: 'evidence',
	partB: 'part-b'
} as const;

/** Why an input could not be scored. The UI words these; they are never a wrong answer. */
export type InvalidReason =
	'unanswered' | 'incomplete' | 'unknown-choice' | 'duplicate-position' | 'too-long' | 'wrong-type';

export type Invalid = { kind: 'invalid'; reason: InvalidReason };

export type InputCheckOf<R> = { kind: 'valid'; response: R } | Invalid;

/**
 * What the key says about one particular response, beyond right or wrong: a spelling slip that
 * was forgiven (with the right spelling), or the feedback an author wrote for a wrong answer they
 * expected (with its citations).
 */
export type AnswerNote =
	| { kind: 'spelling'; spelling: string }
	| { kind: 'listed-wrong'; feedback: string; cites: Cite[] };

/**
 * How far a response is right, for the types scored part by part: how many parts are right (a
 * learner may see the counts after any try), and which (`marks`, by item id: shown only once the
 * question is resolved, since together they give the key away).
 *
 * - matching: items matched right, of all items;
 * - ordering: neighbouring pairs of the correct order that the answer also has side by side, of
 *   all n − 1 pairs (the score's own measure); an item is marked right when it is in such a pair;
 * - multiple choice: right choices not picked, and wrong choices picked.
 */
export type PartsDetail =
	| { kind: 'matching' | 'ordering'; right: number; of: number; marks: Record<string, boolean> }
	| { kind: 'multiple-choice'; missing: number; extra: number };

/**
 * One question type. `Q` is its answer key (from the content schema), `P` what its public view
 * adds to `PublicBase`, `R` a learner's response to it, already checked for shape.
 */
export interface QuestionTypeModule<
	Q extends Question,
	P extends { type: Q['type'] },
	R extends { type: Q['type'] }
> {
	type: Q['type'];
	/** The answerless public view (without the base fields, which every type shares). */
	toPublic(question: Q, paragraphs: readonly Paragraph[]): P;
	/**
	 * A response as the form fields that would send it (the no-JavaScript form's): how a saved
	 * answer is shown again in its question's form. The inverse of `checkInput`.
	 */
	toRawInput(response: R): RawInput;
	/** Checks raw form input against the public view. */
	checkInput(question: PublicBase & P, raw: RawInput): InputCheckOf<R>;
	/** Checks an already-shaped response (from a replayed log or a client). */
	checkResponse(question: PublicBase & P, response: R): InputCheckOf<R>;
	/** The share of the points a checked response earns, from 0 to 1 (below 0 counts as 0). */
	score(question: Q, response: R, paragraphs: readonly Paragraph[]): number;
	/** The correct answer in words, for "show answer" and the summary. */
	answerInWords(question: Q): string[];
	/** A response in words; `question` is null when it is of another type than the response. */
	responseInWords(question: (PublicBase & P) | null, response: R): string[];
	/** Why each wrong choice the response picked is wrong. */
	rationales(question: Q, response: R): string[];
	/** What the key says about this very response, if anything. */
	note?(question: Q, response: R): AnswerNote | undefined;
	/** Which parts of the response are right, for the types that give credit part by part. */
	parts?(question: Q, response: R): PartsDetail;
}

export const MAX_SHORT_ANSWER_LENGTH = 200;

export const TRUTH_LABELS: Record<Truth, string> = {
	true: 'True',
	false: 'False',
	'not-stated': 'Not stated'
};

export function publicChoices(choices: readonly PublicChoice[]): PublicChoice[] {
	return choices.map(({ id, text }) => ({ id, text }));
}

export function byText(items: PublicChoice[]): PublicChoice[] {
	return items.sort((a, b) => a.text.localeCompare(b.text, 'en'));
}

export function single(
	raw: RawInput,
	field: string
): { kind: 'one'; value: string } | { kind: 'invalid'; reason: InvalidReason } {
	const values = (raw[field] ?? []).filter((v) => v !== '');
	if (values.length === 0) return invalid('unanswered');
	if (values.length > 1) return invalid('wrong-type');
	return { kind: 'one', value: values[0]! };
}

export function choiceText(choices: PublicChoice[], id: string): string {
	return choices.find((c) => c.id === id)?.text ?? id;
}

export function knownChoice(choices: PublicChoice[], id: string): boolean {
	return choices.some((c) => c.id === id);
}

/** The rationales of the wrong choices picked, in choice order. */
export function rationaleOf(
	choices: { id: string; rationale?: string }[],
	picked: string[],
	correct: string[]
): string[] {
	return choices
		.filter((c) => picked.includes(c.id) && !correct.includes(c.id) && c.rationale)
		.map((c) => c.rationale!);
}

export function valid<R>(response: R): { kind: 'valid'; response: R } {
	return { kind: 'valid', response };
}

export function invalid(reason: InvalidReason): Invalid {
	return { kind: 'invalid', reason };
}

/**
 * Control characters (NUL, escapes…) are never part of an answer a person typed: they are dropped
 * before anything else looks at the text. Tab and line breaks count as spaces.
 */
export function withoutControls(text: string): string {
	return text.replace(/[\t\n\r\v\f]/g, ' ').replace(/\p{Cc}/gu, '');
}

/**
 * True when a text shows nothing: only spaces, invisible format characters (zero-width spaces and
 * joiners, direction marks, a byte-order mark) or controls. Such an answer is unanswered, not wrong,
 * and spends no try.
 */
export function isBlank(text: string): boolean {
	return text.replace(/[\s\p{Cc}\p{Cf}]/gu, '') === '';
}

/** Keeps scores readable (1/3 → 0.3333) and sums stable. */
export function round(n: number): number {
	return Math.round(n * 10000) / 10000;
}
