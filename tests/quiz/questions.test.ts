import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { acceptedInWords } from '../../src/lib/quiz/types/shortAnswer/match.ts';
import {
	MAX_SHORT_ANSWER_LENGTH,
	answerInWords,
	checkInput,
	checkResponse,
	normalizeAnswer,
	rationalesFor,
	score,
	toPublic,
	type Paragraph,
	type PublicQuestion,
	type Question,
	type Response
} from '../../src/lib/quiz/questions.ts';
import {
	correctResponse,
	eightTypes,
	evidenceParagraph,
	fixtureParagraphs,
	fourTypes,
	multipleChoice,
	shortAnswer,
	singleChoice,
	trueFalse,
	wrongResponse
} from './fixtures.ts';

/** Keys that belong to the answer key and must never reach a page early. */
const SECRET_KEYS = [
	'answer',
	'answers',
	'accepted',
	'explanation',
	'hints',
	'cites',
	'rationale',
	'match'
];

function keysOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(keysOf);
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
	}
	return [];
}

function stringsOf(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsOf);
	if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
	return [];
}

/** The texts a learner chooses from: public by design, and free to quote the article. */
function offeredTexts(question: PublicQuestion): string[] {
	const lists = [
		'choices' in question ? question.choices : [],
		'items' in question ? question.items : [],
		'options' in question && question.type === 'matching' ? question.options : [],
		question.type === 'two-part' ? question.partB.choices : []
	];
	// An evidence question offers every sentence in its range (the reader shows them all).
	const sentences = question.type === 'evidence' ? Object.values(question.sentences ?? {}) : [];
	return [...lists.flat().map((c) => c.text), ...sentences];
}

/**
 * Asserts the public view holds no answer-key field and none of the key's words: no string in it
 * equals or contains an explanation, hint, rationale, truth value or accepted answer, and no
 * string but an offered choice, item or option holds a cited quote (a Part B choice must be one).
 * (Choice ids and texts are public, so a choice answer can only be checked by key.)
 */
function expectNoAnswerKey(
	question: Question,
	paragraphs: readonly Paragraph[] = fixtureParagraphs
) {
	const publicQuestion = toPublic(question, paragraphs);
	expect(keysOf(publicQuestion).filter((k) => SECRET_KEYS.includes(k))).toEqual([]);
	const choices = [
		...('choices' in question ? question.choices : []),
		...(question.type === 'two-part' ? question.partB.choices : [])
	];
	const secrets = [
		question.explanation,
		...question.hints,
		...choices.flatMap((c) => c.rationale ?? []),
		...(question.type === 'true-false-not-stated' ? [question.answer] : []),
		...(question.type === 'short-answer' ? question.accepted.map(acceptedInWords) : [])
	];
	const quotes = question.cites.map((c) => c.quote);
	const offered = new Set(offeredTexts(publicQuestion));
	const values = stringsOf(publicQuestion);
	const check = (secret: string, among: string[]) => {
		const words = secret.toLowerCase();
		expect(
			among
				.map((v) => v.toLowerCase())
				.filter((v) => v === words || (words.length > 12 && v.includes(words))),
			secret
		).toEqual([]);
	};
	for (const secret of secrets) check(secret, values);
	for (const quote of quotes) {
		check(
			quote,
			values.filter((v) => !offered.has(v))
		);
	}
}

const allTypes = [...eightTypes, evidenceParagraph];

describe('toPublic', () => {
	it.each(allTypes.map((q) => [q.type, q] as const))(
		'carries no answer, explanation, hints, cites or rationale for a %s question',
		(_type, question) => expectNoAnswerKey(question)
	);

	it('keeps what a page needs: id, prompt, points, hint count and choices in order', () => {
		expect(toPublic(multipleChoice)).toEqual({
			id: 'limits-laid-bare',
			type: 'multiple-choice',
			skill: 'inference',
			prompt: multipleChoice.prompt,
			points: 1,
			hintCount: 2,
			choices: multipleChoice.choices.map(({ id, text }) => ({ id, text }))
		});
	});

	it('carries no answer key for any question in the real module', () => {
		const { module, problems } = loadModuleDir('questions/fleeing-kazakhs-and-puff-pieces');
		expect(problems.map(formatProblem)).toEqual([]);
		for (const question of module!.questions) {
			expectNoAnswerKey(question, module!.article.paragraphs);
		}
	});
});

describe('checkInput', () => {
	const single = toPublic(singleChoice);
	const multiple = toPublic(multipleChoice);
	const truth = toPublic(trueFalse);
	const short = toPublic(shortAnswer);

	it.each([
		['single-choice with no field', single, {}],
		['single-choice with an empty value', single, { choice: [''] }],
		['multiple-choice with nothing ticked', multiple, { choice: [] }],
		['multiple-choice with only empty values', multiple, { choice: ['', ''] }],
		['true-false-not-stated with no field', truth, {}],
		['short-answer with no field', short, {}],
		['short-answer with only spaces', short, { text: ['   '] }],
		['short-answer with only punctuation', short, { text: ['?!'] }],
		['short-answer of zero-width spaces', short, { text: ['\u200B\u200B'] }],
		['short-answer of a NUL character', short, { text: ['\u0000'] }],
		['short-answer of controls and a byte-order mark', short, { text: ['\u0007\uFEFF \u200D'] }],
		['short-answer of direction marks and tabs', short, { text: ['\u200E\t\u202E\n'] }]
	])('calls %s unanswered', (_name, question, raw) => {
		expect(checkInput(question, raw)).toEqual({ kind: 'invalid', reason: 'unanswered' });
	});

	it('drops control characters from a real answer, keeping what the learner typed', () => {
		expect(checkInput(short, { text: ['Kazin\u0000form\u0007'] })).toEqual({
			kind: 'valid',
			response: { type: 'short-answer', text: 'Kazinform' }
		});
	});

	it.each([
		['single-choice', single, { choice: ['z'] }],
		['multiple-choice', multiple, { choice: ['b', 'z'] }],
		['true-false-not-stated', truth, { choice: ['maybe'] }]
	])('refuses a %s value that was not offered as unknown-choice', (_name, question, raw) => {
		expect(checkInput(question, raw)).toEqual({ kind: 'invalid', reason: 'unknown-choice' });
	});

	it.each([
		['single-choice', single, { choice: ['a', 'b'] }],
		['true-false-not-stated', truth, { choice: ['true', 'false'] }],
		['short-answer', short, { text: ['2000', '2,000'] }]
	])('refuses two values for a %s question as wrong-type', (_name, question, raw) => {
		expect(checkInput(question, raw)).toEqual({ kind: 'invalid', reason: 'wrong-type' });
	});

	it('refuses a short answer longer than 200 characters as too-long', () => {
		expect(MAX_SHORT_ANSWER_LENGTH).toBe(200);
		expect(checkInput(short, { text: ['x'.repeat(201)] })).toEqual({
			kind: 'invalid',
			reason: 'too-long'
		});
	});

	it('accepts a short answer of exactly 200 characters, trimmed', () => {
		const text = 'x'.repeat(200);
		expect(checkInput(short, { text: [`  ${text}  `] })).toEqual({
			kind: 'valid',
			response: { type: 'short-answer', text }
		});
	});

	it('accepts one offered choice for a single-choice question', () => {
		expect(checkInput(single, { choice: ['c'] })).toEqual({
			kind: 'valid',
			response: { type: 'single-choice', choice: 'c' }
		});
	});

	it('drops repeated multiple-choice values and puts them in the question’s order', () => {
		expect(checkInput(multiple, { choice: ['d', 'b', 'd'] })).toEqual({
			kind: 'valid',
			response: { type: 'multiple-choice', choices: ['b', 'd'] }
		});
	});

	it('accepts each truth value for a true-false-not-stated question', () => {
		for (const answer of ['true', 'false', 'not-stated'] as const) {
			expect(checkInput(truth, { choice: [answer] })).toEqual({
				kind: 'valid',
				response: { type: 'true-false-not-stated', answer }
			});
		}
	});

	it('refuses a shaped response of another question type as wrong-type', () => {
		expect(checkResponse(single, { type: 'short-answer', text: 'b' })).toEqual({
			kind: 'invalid',
			reason: 'wrong-type'
		});
	});
});

describe('score', () => {
	const mc = (choices: string[], question = multipleChoice) =>
		score(question, { type: 'multiple-choice', choices });

	it.each(fourTypes.map((q) => [q.type, q] as const))(
		'gives full points for the correct answer to a %s question',
		(_type, question) => {
			expect(score(question, correctResponse(question))).toEqual({
				kind: 'scored',
				earned: 1,
				total: 1
			});
		}
	);

	it.each(fourTypes.map((q) => [q.type, q] as const))(
		'gives zero points for a wrong answer to a %s question',
		(_type, question) => {
			expect(score(question, wrongResponse(question))).toEqual({
				kind: 'scored',
				earned: 0,
				total: 1
			});
		}
	);

	it('scores an unanswered response as invalid, not as zero', () => {
		expect(score(singleChoice, { type: 'single-choice', choice: '' })).toEqual({
			kind: 'invalid',
			reason: 'unanswered'
		});
	});

	it('gives half credit for one of two correct choices', () => {
		expect(mc(['b'])).toEqual({ kind: 'scored', earned: 0.5, total: 1 });
	});

	it('gives nothing for one correct and one wrong choice', () => {
		expect(mc(['a', 'b'])).toEqual({ kind: 'scored', earned: 0, total: 1 });
	});

	it('gives nothing for picking every choice', () => {
		expect(mc(['a', 'b', 'c', 'd'])).toEqual({ kind: 'scored', earned: 0, total: 1 });
	});

	it('gives half credit for both correct choices and one wrong one', () => {
		expect(mc(['b', 'c', 'd'])).toEqual({ kind: 'scored', earned: 0.5, total: 1 });
	});

	it('gives full credit for all correct choices and no wrong one', () => {
		expect(mc(['d', 'b'])).toEqual({ kind: 'scored', earned: 1, total: 1 });
	});

	it('scales partial credit to the question’s points', () => {
		const twoPoints = { ...multipleChoice, points: 2 };
		expect(mc(['b'], twoPoints)).toEqual({ kind: 'scored', earned: 1, total: 2 });
		expect(mc(['b', 'd'], twoPoints)).toEqual({ kind: 'scored', earned: 2, total: 2 });
		expect(mc(['a', 'b'], twoPoints)).toEqual({ kind: 'scored', earned: 0, total: 2 });
	});

	it('rounds a third of the points to four places', () => {
		const threeCorrect = { ...multipleChoice, answers: ['b', 'c', 'd'] };
		expect(mc(['b'], threeCorrect)).toEqual({ kind: 'scored', earned: 0.3333, total: 1 });
	});
});

describe('short-answer normalisation', () => {
	const accepting = (...accepted: string[]) => ({ ...shortAnswer, accepted });
	const earned = (question: Question, text: string) => {
		const result = score(question, { type: 'short-answer', text });
		return result.kind === 'scored' ? result.earned : result.reason;
	};

	it('ignores case, punctuation and surrounding spaces', () => {
		expect(earned(accepting('Kazinform'), '  KAZINFORM. ')).toBe(1);
	});

	it('treats runs of spaces as one space', () => {
		expect(earned(accepting('Foreign Ministry'), 'foreign \t  ministry')).toBe(1);
	});

	it('matches "2,000" and "2000" in either direction', () => {
		expect(earned(accepting('2,000'), '2000')).toBe(1);
		expect(earned(accepting('2000'), '2,000')).toBe(1);
	});

	it('matches curly quotes and apostrophes against straight ones', () => {
		expect(earned(accepting('the “exclusive” report'), 'the "exclusive" report')).toBe(1);
		expect(earned(accepting("Astana's ability"), 'Astana’s ability')).toBe(1);
	});

	it('does not match "200" against "2000"', () => {
		expect(earned(accepting('2000'), '200')).toBe(0);
		expect(normalizeAnswer('200')).not.toBe(normalizeAnswer('2,000'));
	});

	it('does not join words that spacing separates', () => {
		expect(earned(accepting('Kazinform'), 'Kaz inform')).toBe(0);
	});

	it('accepts any of the accepted answers', () => {
		expect(earned(shortAnswer, 'About 2,000!')).toBe(1);
	});
});

describe('answerInWords', () => {
	it('gives the correct choice’s text for a single-choice question', () => {
		expect(answerInWords(singleChoice)).toEqual(['The Associated Press']);
	});

	it('gives every correct choice’s text, in choice order, for a multiple-choice question', () => {
		expect(answerInWords({ ...multipleChoice, answers: ['d', 'b'] })).toEqual([
			'Of Kazakhstan’s empathy for non-Kazakh Muslims',
			'Of Astana’s ability to budge Beijing'
		]);
	});

	it('words a truth value for a true-false-not-stated question', () => {
		expect(answerInWords(trueFalse)).toEqual(['False']);
		expect(answerInWords({ ...trueFalse, answer: 'not-stated' })).toEqual(['Not stated']);
	});

	it('gives the first accepted answer for a short-answer question', () => {
		expect(answerInWords(shortAnswer)).toEqual(['2,000']);
	});
});

describe('rationalesFor', () => {
	const single = (choice: string): Response => ({ type: 'single-choice', choice });
	const multiple = (...choices: string[]): Response => ({ type: 'multiple-choice', choices });

	it('gives the rationale of a picked wrong choice', () => {
		expect(rationalesFor(singleChoice, single('a'))).toEqual([
			'Kazinform reported from Xinjiang a day later.'
		]);
	});

	it('gives none for the correct choice', () => {
		expect(rationalesFor(singleChoice, single('b'))).toEqual([]);
	});

	it('gives none for a wrong choice that has no rationale', () => {
		expect(rationalesFor(singleChoice, single('c'))).toEqual([]);
	});

	it('gives the rationales of the wrong choices picked, in choice order, and none for correct ones', () => {
		expect(rationalesFor(multipleChoice, multiple('c', 'b', 'a'))).toEqual([
			'China’s patience is not discussed.',
			'The press tour comes later, in paragraph 4.'
		]);
	});

	it('gives none when every correct choice and nothing else is picked', () => {
		expect(rationalesFor(multipleChoice, multiple('b', 'd'))).toEqual([]);
	});

	it('gives none for question types without choices', () => {
		expect(rationalesFor(trueFalse, wrongResponse(trueFalse))).toEqual([]);
		expect(rationalesFor(shortAnswer, wrongResponse(shortAnswer))).toEqual([]);
	});
});
