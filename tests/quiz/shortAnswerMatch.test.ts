/**
 * The short-answer matcher (`quiz/types/shortAnswer/match.ts`), example by example, both ways:
 * what it accepts and what it refuses. The README's "How short answers are matched" promises
 * exactly these.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grade } from '../../src/lib/quiz/grade.ts';
import { checkInput, score, toPublic } from '../../src/lib/quiz/questions.ts';
import {
	matchAnswer,
	normalizeAnswer,
	oneSlipApart,
	type AcceptedAnswer,
	type MatchKey
} from '../../src/lib/quiz/types/shortAnswer/match.ts';
import { shortAnswer } from './fixtures.ts';

const HOW_MANY = 'How many Kazakh citizens had China detained?';
const WHICH_REPORT =
	'Which news organization’s 2015 report does the article take this figure from?';
const WHAT_WORD = 'What English word does the article give for “Oralman”?';

/** [learner's answer, accepted answers, prompt] */
type Case = [given: string, accepted: AcceptedAnswer[], prompt?: string];

const accepted: Case[] = [
	['twenty nine', ['29']],
	['twenty-nine', ['29']],
	['29', ['twenty-nine']],
	['Twenty-Nine.', ['29']],
	['1 460 000', ['1.46 million']],
	['1,460,000', ['1.46 million']],
	['1.46m', ['1,460,000']],
	['1.46 million', ['1460000']],
	['one million four hundred sixty thousand', ['1.46 million']],
	['2,500', ['2.5 thousand']],
	['2.5k', ['2500']],
	['two thousand five hundred', ['2,500']],
	['a hundred', ['100']],
	['one hundred and five', ['105']],
	['10th', ['tenth']],
	['twenty-first', ['21st']],
	['January 10', ['Jan. 10th']],
	['Jan. 10th', ['January 10']],
	['the 10th of January', ['January 10']],
	['10 January', ['January 10']],
	['January tenth', ['January 10']],
	['on January 10', ['January 10']],
	['January 10, 2019', ['January 10']],
	['10 Jan 2019', ['January 10, 2019']],
	['a Radio Free Asia report', ['Radio Free Asia'], WHICH_REPORT],
	['the returnee program', ['returnee program']],
	['the returnee program', ['returnee'], 'Kazakhstan’s Oralman program: what English word…'],
	['29 Kazakh citizens', ['29'], HOW_MANY],
	['about 29 citizens', ['29'], HOW_MANY],
	['approximately 1.46 million', ['1.46 million']],
	['around 2,000', ['2000']],
	['  KAZINFORM. ', ['Kazinform']],
	['9pm', ['9 p.m.']],
	['9 P.M', ['9 p.m.']],
	['Astana’s ability', ["Astana's ability"]],
	['50%', ['50 percent']]
];

const refused: Case[] = [
	['1.46 million', ['146 million']],
	['146 million', ['1.46 million']],
	['1.46', ['146']],
	['146', ['1.46']],
	['200', ['2,000']],
	['20 000', ['2,000']],
	['nine twenty', ['29']],
	['January 11', ['January 10']],
	['10 January 2018', ['January 10, 2019']],
	['January', ['January 10']],
	['10', ['January 10']],
	['29 people', ['29'], HOW_MANY],
	['29 Kazakh citizens', ['29'], 'What did the ministry say?'],
	['Radio Free Asia report', ['Radio Free Asia'], 'Which news organization?'],
	['Kaz inform', ['Kazinform']],
	['Radio Asia', ['Radio Free Asia']],
	['the', ['a']],
	['Chinx', ['China']],
	['Kaznifrom', ['Kazinform']],
	['Radoi Free Aisa', ['Radio Free Asia']],
	['returnee', ['returnee program'], WHAT_WORD]
];

describe('short-answer matching', () => {
	it.each(accepted)('accepts %j for %j', (given, answers, prompt) => {
		expect(matchAnswer(given, { accepted: answers, prompt })).toMatchObject({ kind: 'accepted' });
	});

	it.each(refused)('refuses %j for %j', (given, answers, prompt) => {
		expect(matchAnswer(given, { accepted: answers, prompt })).toEqual({ kind: 'refused' });
	});

	it('reads a number as a number, never as its digits run together', () => {
		expect(normalizeAnswer('1.46')).toBe('1.46');
		expect(normalizeAnswer('1,460,000')).toBe('1460000');
		expect(normalizeAnswer('Jan. 10th')).toBe('january 10');
		expect(normalizeAnswer('?!')).toBe('');
	});
});

describe('spelling slips', () => {
	const kazinform: MatchKey = { accepted: ['Kazinform'] };

	it('accepts one slip in a word of six letters or more, and names the right spelling', () => {
		expect(matchAnswer('Kazinfrom', kazinform)).toEqual({
			kind: 'accepted',
			index: 0,
			spelling: 'Kazinform'
		});
		expect(matchAnswer('Kazakx', { accepted: ['Kazakh'] })).toEqual({
			kind: 'accepted',
			index: 0,
			spelling: 'Kazakh'
		});
		expect(matchAnswer('a Radio Fre Asia report', { accepted: ['Radio Free Asia'] })).toEqual({
			kind: 'refused'
		});
		expect(
			matchAnswer('Radio Free Asai report', { accepted: ['Radio Free Asia'], prompt: WHICH_REPORT })
		).toEqual({ kind: 'refused' });
	});

	it('says nothing about spelling when the answer is exact, even if a slip also matches', () => {
		expect(matchAnswer('kazinform', kazinform)).toEqual({ kind: 'accepted', index: 0 });
		expect(matchAnswer('Kazinform', { accepted: ['Kazinfrom', 'Kazinform'] })).toEqual({
			kind: 'accepted',
			index: 1
		});
	});

	it('refuses a slip in a word of five letters, two slips, or any slip with typos off', () => {
		expect(matchAnswer('Chinx', { accepted: ['China'] })).toEqual({ kind: 'refused' });
		expect(matchAnswer('Kaznifrom', kazinform)).toEqual({ kind: 'refused' });
		expect(matchAnswer('Kazinfrm', kazinform)).toMatchObject({ kind: 'accepted' });
		expect(matchAnswer('Kazinfrmo', kazinform)).toEqual({ kind: 'refused' });
		expect(matchAnswer('Kazinfrom', { ...kazinform, typos: false })).toEqual({ kind: 'refused' });
	});

	it('counts one insertion, deletion, substitution or swap of neighbours as one slip', () => {
		expect(oneSlipApart('kazinform', 'kazinfrom')).toBe(true);
		expect(oneSlipApart('kazinform', 'kazinforms')).toBe(true);
		expect(oneSlipApart('kazinform', 'kazinfom')).toBe(true);
		expect(oneSlipApart('kazinform', 'kazinfotm')).toBe(true);
		expect(oneSlipApart('kazinform', 'kazinform')).toBe(false);
		expect(oneSlipApart('kazinform', 'kaznifrom')).toBe(false);
		expect(oneSlipApart('kazinform', 'zakinform')).toBe(false);
	});

	it('never forgives a slip in a number', () => {
		expect(matchAnswer('twentx nine', { accepted: ['29'] })).toEqual({ kind: 'refused' });
		expect(matchAnswer('1,470,000', { accepted: ['1,460,000'] })).toEqual({ kind: 'refused' });
	});
});

describe('numbers with a tolerance and patterns', () => {
	const around2500: MatchKey = { accepted: [{ number: 2500, tolerance: 100 }] };

	it('accepts any number within the tolerance, however it is written', () => {
		for (const given of [
			'2500',
			'2,450',
			'2.6 thousand',
			'about 2,400',
			'two thousand six hundred'
		]) {
			expect(matchAnswer(given, around2500), given).toMatchObject({ kind: 'accepted' });
		}
		for (const given of ['2,399', '2601', '2.7 thousand', '2500 or 2600', 'many']) {
			expect(matchAnswer(given, around2500), given).toEqual({ kind: 'refused' });
		}
		expect(matchAnswer('2500', { accepted: [{ number: 2500 }] })).toMatchObject({
			kind: 'accepted'
		});
		expect(matchAnswer('2501', { accepted: [{ number: 2500 }] })).toEqual({ kind: 'refused' });
	});

	it('reads `*` as any run of characters, comparing the rest after normalisation', () => {
		const rfa: MatchKey = { accepted: [{ pattern: 'Radio Free Asia*' }] };
		for (const given of [
			'Radio Free Asia',
			'radio free asia (RFA)',
			'The Radio Free Asia report'
		]) {
			expect(matchAnswer(given, rfa), given).toMatchObject({ kind: 'accepted' });
		}
		for (const given of ['Free Asia', 'Radio Liberty', 'RFA']) {
			expect(matchAnswer(given, rfa), given).toEqual({ kind: 'refused' });
		}
		expect(
			matchAnswer('Radio Free Europe', { accepted: [{ pattern: 'Radio * Europe' }] })
		).toMatchObject({
			kind: 'accepted'
		});
	});
});

describe('listed wrong answers', () => {
	const key: MatchKey = {
		accepted: ['1.46 million'],
		wrong: [{ answer: '146 million', feedback: 'Mind the decimal point.' }]
	};

	it('recognises a listed wrong answer after the same normalisation, and gives its feedback', () => {
		for (const given of ['146 million', 'about 146,000,000']) {
			expect(matchAnswer(given, key), given).toEqual({
				kind: 'listed-wrong',
				index: 0,
				wrong: key.wrong![0]
			});
		}
		expect(matchAnswer('147 million', key)).toEqual({ kind: 'refused' });
		expect(matchAnswer('1,460,000', key)).toEqual({ kind: 'accepted', index: 0 });
	});
});

describe('scoring and grading', () => {
	const question = {
		...shortAnswer,
		prompt: 'Which agency ran the report, and how many ethnic Kazakhs did it count?',
		accepted: ['Kazinform'],
		wrong: [
			{
				answer: 'Xinhua',
				feedback: 'Xinhua is China’s agency; the report was Kazakhstan’s.',
				cites: [{ paragraph: 1, quote: 'about 2,000 ethnic Kazakhs' }]
			}
		]
	};

	it('scores with the matcher and notes a forgiven slip or a listed wrong answer', () => {
		expect(score(question, { type: 'short-answer', text: 'Kazinfrom' })).toEqual({
			kind: 'scored',
			earned: 1,
			total: 1
		});
		expect(grade(question, { type: 'short-answer', text: 'Kazinfrom' }).note).toEqual({
			kind: 'spelling',
			spelling: 'Kazinform'
		});
		const wrong = grade(question, { type: 'short-answer', text: 'xinhua' });
		expect(wrong.outcome).toBe('incorrect');
		expect(wrong.note).toEqual({
			kind: 'listed-wrong',
			feedback: question.wrong[0]!.feedback,
			cites: question.wrong[0]!.cites
		});
		expect(grade(question, { type: 'short-answer', text: 'Kazinform' })).not.toHaveProperty('note');
		expect(grade(question, { type: 'short-answer', text: 'TASS' })).not.toHaveProperty('note');
	});

	it('still treats an answer without a letter or digit as unanswered', () => {
		const view = toPublic(question);
		for (const text of ['?!', ' … ', '—']) {
			expect(checkInput(view, { text: [text] })).toEqual({ kind: 'invalid', reason: 'unanswered' });
		}
		// A lone filler word is an answer (a wrong one), not nothing.
		expect(checkInput(view, { text: ['the'] })).toMatchObject({ kind: 'valid' });
	});
});

describe('a number is never accepted for another number', () => {
	/** Numbers written the ways a learner writes them. */
	const written = (n: number) =>
		fc.constantFrom(
			String(n),
			n.toLocaleString('en-US'),
			n.toLocaleString('en-US').replace(/,/g, ' '),
			`about ${n}`,
			`${n} Kazakh citizens`,
			n >= 1000 && n % 1000 === 0 ? `${n / 1000} thousand` : String(n)
		);

	it('whatever the spelling of either, when the values differ', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 3 }),
				fc.integer({ min: 0, max: 5_000_000 }),
				fc.boolean(),
				(keys, n, typos) => {
					fc.pre(!keys.includes(n));
					const key: MatchKey = {
						accepted: keys.map((k) => k.toLocaleString('en-US')),
						prompt: HOW_MANY,
						typos
					};
					fc.assert(
						fc.property(written(n), (text) => {
							expect(matchAnswer(text, key).kind, text).not.toBe('accepted');
						}),
						{ numRuns: 6 }
					);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('nor a decimal for the same digits without its point', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 100, max: 99_999 }),
				fc.integer({ min: 1, max: 2 }),
				(digits, places) => {
					const decimal = (digits / 10 ** places).toFixed(places);
					fc.pre(Number(decimal) !== digits);
					expect(matchAnswer(decimal, { accepted: [String(digits)] }).kind).toBe('refused');
					expect(matchAnswer(String(digits), { accepted: [decimal] }).kind).toBe('refused');
					expect(matchAnswer(`${decimal} million`, { accepted: [`${digits} million`] }).kind).toBe(
						'refused'
					);
				}
			)
		);
	});
});
