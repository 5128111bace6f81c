/**
 * Question types, in three shapes each (after Khan/perseus): the answer key (`Question`, from the
 * content schema), the answerless public view a page may carry, and the learner's response.
 * Input is checked before it is scored: an unanswered or malformed response is `invalid`, never
 * `wrong`.
 */
import type {
	Choice,
	Cite,
	Paragraph,
	Question,
	QuestionType,
	Skill,
	Truth
} from '../content/schema.ts';
import { findQuote } from '../content/quote.ts';
import { sentenceId, sentenceSpans } from '../content/sentences.ts';

export type { Question, QuestionType, Skill, Truth, Cite, Paragraph };

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
	/** Items in an order that says nothing about the answer (by text; the quiz shuffles them). */
	| { type: 'ordering'; items: PublicChoice[] }
	| { type: 'matching'; items: PublicChoice[]; options: PublicChoice[] }
	| {
			type: 'evidence';
			select: 'paragraph' | 'sentence';
			/** Inclusive ¶ range the learner chooses from. */
			within: [number, number];
			/** Every id the learner may choose: "12" for ¶12, or "12.3" for its third sentence. */
			options: string[];
	  }
	| {
			type: 'two-part';
			choices: PublicChoice[];
			partB: { prompt: string; choices: PublicChoice[] };
	  }
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
	| { type: 'short-answer'; text: string }
	| { type: 'ordering'; order: string[] }
	| { type: 'matching'; matches: Record<string, string> }
	| { type: 'evidence'; choice: string }
	| { type: 'two-part'; partA: string; partB: string };

/** Why an input could not be scored. The UI words these; they are never a wrong answer. */
export type InvalidReason =
	'unanswered' | 'incomplete' | 'unknown-choice' | 'duplicate-position' | 'too-long' | 'wrong-type';

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

/**
 * The public view. Evidence questions need the article's paragraphs to list the sentences a
 * learner may choose; other types ignore them.
 */
export function toPublic(
	question: Question,
	paragraphs: readonly Paragraph[] = []
): PublicQuestion {
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
			return { ...base, type: question.type, choices: publicChoices(question.choices) };
		case 'true-false-not-stated':
		case 'short-answer':
			return { ...base, type: question.type };
		case 'ordering':
			return { ...base, type: 'ordering', items: byText(publicChoices(question.items)) };
		case 'matching':
			return {
				...base,
				type: 'matching',
				items: publicChoices(question.items),
				options: byText(publicChoices(question.options))
			};
		case 'evidence': {
			const within = question.within ?? [1, paragraphs.length];
			return {
				...base,
				type: 'evidence',
				select: question.select,
				within,
				options: evidenceOptions(question.select, within, paragraphs)
			};
		}
		case 'two-part':
			return {
				...base,
				type: 'two-part',
				choices: publicChoices(question.choices),
				partB: { prompt: question.partB.prompt, choices: publicChoices(question.partB.choices) }
			};
	}
}

function publicChoices(choices: readonly PublicChoice[]): PublicChoice[] {
	return choices.map(({ id, text }) => ({ id, text }));
}

function byText(items: PublicChoice[]): PublicChoice[] {
	return items.sort((a, b) => a.text.localeCompare(b.text, 'en'));
}

/** The ids a learner may choose for an evidence question. */
export function evidenceOptions(
	select: 'paragraph' | 'sentence',
	[first, last]: readonly [number, number],
	paragraphs: readonly Paragraph[]
): string[] {
	const inRange = paragraphs.filter((p) => p.n >= first && p.n <= last);
	if (select === 'paragraph') return inRange.map((p) => String(p.n));
	return inRange.flatMap((p) => sentenceSpans(p.text).map((_, i) => sentenceId(p.n, i)));
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

/** Checks a raw form input against a question's public view. */
export function checkInput(question: PublicQuestion, raw: RawInput): InputCheck {
	switch (question.type) {
		case 'single-choice': {
			const one = single(raw, FIELD.choice);
			if (one.kind === 'invalid') return one;
			return knownChoice(question.choices, one.value)
				? valid({ type: 'single-choice', choice: one.value })
				: invalid('unknown-choice');
		}
		case 'multiple-choice': {
			const values = [...new Set((raw[FIELD.choice] ?? []).filter((v) => v !== ''))];
			if (values.length === 0) return invalid('unanswered');
			if (!values.every((v) => knownChoice(question.choices, v))) return invalid('unknown-choice');
			// Sorted by id, not by the shuffled order on screen, so equal answers look equal in the log.
			values.sort();
			return valid({ type: 'multiple-choice', choices: values });
		}
		case 'true-false-not-stated': {
			const one = single(raw, FIELD.choice);
			if (one.kind === 'invalid') return one;
			return isTruth(one.value)
				? valid({ type: 'true-false-not-stated', answer: one.value })
				: invalid('unknown-choice');
		}
		case 'short-answer': {
			const values = raw[FIELD.text] ?? [];
			if (values.length > 1) return invalid('wrong-type');
			const text = withoutControls(values[0] ?? '').trim();
			if (isBlank(text) || normalizeAnswer(text) === '') return invalid('unanswered');
			if (text.length > MAX_SHORT_ANSWER_LENGTH) return invalid('too-long');
			return valid({ type: 'short-answer', text });
		}
		case 'ordering':
			return checkOrdering(question.items, raw);
		case 'matching': {
			const matches: Record<string, string> = {};
			for (const item of question.items) {
				const values = (raw[FIELD.match(item.id)] ?? []).filter((v) => v !== '');
				if (values.length > 1) return invalid('wrong-type');
				if (values.length === 1) matches[item.id] = values[0]!;
			}
			const given = Object.keys(matches).length;
			if (given === 0) return invalid('unanswered');
			if (given < question.items.length) return invalid('incomplete');
			if (!Object.values(matches).every((v) => knownChoice(question.options, v))) {
				return invalid('unknown-choice');
			}
			return valid({ type: 'matching', matches });
		}
		case 'evidence': {
			const one = single(raw, FIELD.evidence);
			if (one.kind === 'invalid') return one;
			return question.options.includes(one.value)
				? valid({ type: 'evidence', choice: one.value })
				: invalid('unknown-choice');
		}
		case 'two-part': {
			const a = single(raw, FIELD.choice);
			const b = single(raw, FIELD.partB);
			if (a.kind === 'invalid' && b.kind === 'invalid') return a;
			if (a.kind === 'invalid' || b.kind === 'invalid') {
				const reason = (a.kind === 'invalid' ? a : b) as { reason: InvalidReason };
				return invalid(reason.reason === 'unanswered' ? 'incomplete' : reason.reason);
			}
			if (
				!knownChoice(question.choices, a.value) ||
				!knownChoice(question.partB.choices, b.value)
			) {
				return invalid('unknown-choice');
			}
			return valid({ type: 'two-part', partA: a.value, partB: b.value });
		}
	}
}

/**
 * Ordering arrives in one of two shapes: the item ids in order (the reorder buttons, with
 * JavaScript), or a position for each item (one select per item, without it).
 */
function checkOrdering(items: PublicChoice[], raw: RawInput): InputCheck {
	const ids = items.map((i) => i.id);
	const order = (raw[FIELD.order] ?? []).filter((v) => v !== '');
	if (order.length) {
		if (!order.every((id) => ids.includes(id))) return invalid('unknown-choice');
		if (new Set(order).size !== order.length) return invalid('duplicate-position');
		if (order.length !== ids.length) return invalid('incomplete');
		return valid({ type: 'ordering', order });
	}
	const positions = new Map<string, number>();
	for (const id of ids) {
		const values = (raw[FIELD.position(id)] ?? []).filter((v) => v !== '');
		if (values.length > 1) return invalid('wrong-type');
		if (!values.length) continue;
		const n = Number(values[0]);
		if (!Number.isInteger(n) || n < 1 || n > ids.length) return invalid('unknown-choice');
		positions.set(id, n);
	}
	if (positions.size === 0) return invalid('unanswered');
	if (positions.size < ids.length) return invalid('incomplete');
	if (new Set(positions.values()).size !== ids.length) return invalid('duplicate-position');
	return valid({
		type: 'ordering',
		order: ids.slice().sort((a, b) => positions.get(a)! - positions.get(b)!)
	});
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
		case 'ordering':
			return checkInput(question, { [FIELD.order]: response.order });
		case 'matching':
			return checkInput(
				question,
				Object.fromEntries(Object.entries(response.matches).map(([k, v]) => [FIELD.match(k), [v]]))
			);
		case 'evidence':
			return checkInput(question, { [FIELD.evidence]: [response.choice] });
		case 'two-part':
			return checkInput(question, {
				[FIELD.choice]: [response.partA],
				[FIELD.partB]: [response.partB]
			});
	}
}

/**
 * Scores a response against the answer key. Partial credit, where a type gives it:
 *
 * - multiple choice: each correct choice picked earns 1/k of the points (k correct choices) and
 *   each wrong choice picked takes 1/k away, never below zero. Picking every choice earns nothing.
 * - ordering: each of the n − 1 neighbouring pairs of the correct order that the answer also has
 *   side by side, in the same order, earns 1/(n − 1). Reversed earns nothing.
 * - matching: each item matched correctly earns 1/n.
 * - two-part: Part A right and Part B right earns everything; Part A right alone earns half;
 *   Part B earns nothing without Part A (the evidence must support the right answer).
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
	const r = check.response;
	const total = question.points;
	const share = (fraction: number) => scored(round(Math.max(0, fraction) * total), total);
	switch (question.type) {
		case 'single-choice':
			return share(r.type === 'single-choice' && r.choice === question.answer ? 1 : 0);
		case 'multiple-choice': {
			if (r.type !== 'multiple-choice') return invalid('wrong-type');
			const correct = new Set(question.answers);
			const hits = r.choices.filter((c) => correct.has(c)).length;
			const misses = r.choices.length - hits;
			return share((hits - misses) / correct.size);
		}
		case 'true-false-not-stated':
			return share(r.type === 'true-false-not-stated' && r.answer === question.answer ? 1 : 0);
		case 'short-answer': {
			if (r.type !== 'short-answer') return invalid('wrong-type');
			const given = normalizeAnswer(r.text);
			return share(question.accepted.some((a) => normalizeAnswer(a) === given) ? 1 : 0);
		}
		case 'ordering': {
			if (r.type !== 'ordering') return invalid('wrong-type');
			const correct = question.items.map((i) => i.id);
			let pairs = 0;
			for (let i = 0; i < correct.length - 1; i++) {
				if (r.order.indexOf(correct[i + 1]!) === r.order.indexOf(correct[i]!) + 1) pairs++;
			}
			return share(pairs / (correct.length - 1));
		}
		case 'matching': {
			if (r.type !== 'matching') return invalid('wrong-type');
			const right = question.items.filter((i) => r.matches[i.id] === i.match).length;
			return share(right / question.items.length);
		}
		case 'evidence':
			if (r.type !== 'evidence') return invalid('wrong-type');
			return share(isCitedEvidence(question, r.choice, paragraphs) ? 1 : 0);
		case 'two-part': {
			if (r.type !== 'two-part') return invalid('wrong-type');
			if (r.partA !== question.answer) return share(0);
			return share(r.partB === question.partB.answer ? 1 : 0.5);
		}
	}
}

/** Whether a chosen paragraph ("12") or sentence ("12.3") holds the question's cited evidence. */
export function isCitedEvidence(
	question: Extract<Question, { type: 'evidence' }>,
	choice: string,
	paragraphs: readonly Paragraph[]
): boolean {
	const [n, k] = choice.split('.').map(Number);
	const cites = question.cites.filter((c) => c.paragraph === n);
	if (question.select === 'paragraph' || !cites.length) return cites.length > 0;
	const paragraph = paragraphs.find((p) => p.n === n);
	const sentence = paragraph && sentenceSpans(paragraph.text)[k! - 1];
	if (!paragraph || !sentence) return false;
	return cites.some((c) => {
		const quote = findQuote(paragraph.text, c.quote);
		return quote !== null && quote.start < sentence.end && sentence.start < quote.end;
	});
}

function single(
	raw: RawInput,
	field: string
): { kind: 'one'; value: string } | { kind: 'invalid'; reason: InvalidReason } {
	const values = (raw[field] ?? []).filter((v) => v !== '');
	if (values.length === 0) return invalid('unanswered');
	if (values.length > 1) return invalid('wrong-type');
	return { kind: 'one', value: values[0]! };
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
		case 'ordering':
			return question.items.map((item, i) => `${i + 1}. ${item.text}`);
		case 'matching':
			return question.items.map((i) => `${i.text} → ${choiceText(question.options, i.match)}`);
		case 'evidence':
			return question.cites.map((c) => `¶${c.paragraph}: “${c.quote}”`);
		case 'two-part':
			return [
				`Part A: ${choiceText(question.choices, question.answer)}`,
				`Part B: ${choiceText(question.partB.choices, question.partB.answer)}`
			];
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
		case 'ordering':
			return 'items' in question
				? response.order.map((id, i) => `${i + 1}. ${choiceText(question.items, id)}`)
				: [];
		case 'matching':
			return question.type === 'matching'
				? question.items.map(
						(i) => `${i.text} → ${choiceText(question.options, response.matches[i.id] ?? '')}`
					)
				: [];
		case 'evidence': {
			const [n, k] = response.choice.split('.');
			return [k ? `¶${n}, sentence ${k}` : `¶${n}`];
		}
		case 'two-part':
			return question.type === 'two-part'
				? [
						`Part A: ${choiceText(question.choices, response.partA)}`,
						`Part B: ${choiceText(question.partB.choices, response.partB)}`
					]
				: [];
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
	if (question.type === 'two-part' && response.type === 'two-part') {
		return [
			...rationaleOf(question.choices, [response.partA], [question.answer]),
			...rationaleOf(question.partB.choices, [response.partB], [question.partB.answer])
		];
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
