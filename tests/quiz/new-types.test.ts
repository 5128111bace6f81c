/**
 * The four newer question types (ordering, matching, evidence, two-part): their public views,
 * raw form input, scoring with partial credit, and the words feedback shows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import type { EvidenceQuestion } from '../../src/lib/content/schema.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { sentenceSpans } from '../../src/lib/content/sentences.ts';
import { grade, graderFor, InvalidResponseError } from '../../src/lib/quiz/grade.ts';
import {
	answerInWords,
	checkInput,
	checkResponse,
	FIELD,
	isCitedEvidence,
	rationalesFor,
	responseInWords,
	score,
	toPublic,
	type PublicQuestion,
	type Question,
	type RawInput,
	type Response
} from '../../src/lib/quiz/questions.ts';
import {
	correctResponse,
	evidenceParagraph,
	evidenceSentence,
	fixtureParagraphs,
	matching,
	ordering,
	twoPart,
	wrongResponse
} from './fixtures.ts';

const newTypes: Question[] = [ordering, matching, evidenceSentence, evidenceParagraph, twoPart];
const named = newTypes.map((q) => [`${q.type} (${q.id})`, q] as const);

const publicOf = (question: Question) => toPublic(question, fixtureParagraphs);

/** The words of each sentence of a fixture paragraph, as the reader offers them. */
function sentencesOf(n: number): string[] {
	const text = fixtureParagraphs.find((p) => p.n === n)!.text;
	return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}
const scoreOf = (question: Question, response: Response) =>
	score(question, response, fixtureParagraphs);
/** Points earned, or the reason a response could not be scored. */
const earned = (question: Question, response: Response) => {
	const result = scoreOf(question, response);
	return result.kind === 'scored' ? result.earned : result.reason;
};
const invalid = (reason: string) => ({ kind: 'invalid', reason });
const ids = (list: { id: string }[]) => list.map((i) => i.id);

const ALL_SENTENCES = ['1.1', '1.2', '2.1', '3.1', '4.1', '4.2', '4.3', '4.4'];

describe('toPublic (new types)', () => {
	describe('ordering', () => {
		const view = publicOf(ordering);

		it('lists every item, by text, which is not the correct order', () => {
			if (view.type !== 'ordering') throw new Error('expected an ordering view');
			const correct = ids(ordering.items);
			const alphabetical = [...ordering.items]
				.sort((a, b) => a.text.localeCompare(b.text, 'en'))
				.map((i) => i.id);
			expect(correct).not.toEqual(alphabetical);
			expect(ids(view.items)).toEqual(alphabetical);
			expect(ids(view.items)).not.toEqual(correct);
			expect(view.items).toEqual(
				expect.arrayContaining(ordering.items.map(({ id, text }) => ({ id, text })))
			);
			expect(view.items).toHaveLength(ordering.items.length);
		});

		it('shows the same list whatever the correct order is', () => {
			fc.assert(
				fc.property(fc.shuffledSubarray(ordering.items, { minLength: 4 }), (items) => {
					expect(publicOf({ ...ordering, items })).toEqual(view);
				})
			);
		});
	});

	describe('matching', () => {
		const view = publicOf(matching);

		it('gives the items without their match, and the options by text', () => {
			expect(view).toEqual({
				id: matching.id,
				type: 'matching',
				skill: 'sourcing',
				prompt: matching.prompt,
				points: 1,
				hintCount: 0,
				items: matching.items.map(({ id, text }) => ({ id, text })),
				options: [
					{ id: 'counted-in-china', text: 'Counted 1.46 million ethnic Kazakhs in China' },
					{ id: 'counted-citizens', text: 'Counted 200,000 new Kazakh citizens from China' },
					{ id: 'broke-the-news', text: 'First published the news of the 2,000' },
					{ id: 'press-tour', text: 'Reported from a press tour of the camps' }
				]
			});
			expect(JSON.stringify(view)).not.toContain('"match"');
		});

		it('shows the same options whichever option each item matches', () => {
			const shuffledKey = {
				...matching,
				items: matching.items.map((item, i) => ({
					...item,
					match: matching.options[(i + 1) % matching.options.length]!.id
				}))
			};
			expect(publicOf(shuffledKey)).toEqual(view);
		});
	});

	describe('evidence', () => {
		it('offers the paragraph numbers of its range when choosing a paragraph', () => {
			expect(publicOf(evidenceParagraph)).toEqual({
				id: evidenceParagraph.id,
				type: 'evidence',
				skill: 'recall',
				prompt: evidenceParagraph.prompt,
				points: 1,
				hintCount: 0,
				select: 'paragraph',
				within: [1, 3],
				options: ['1', '2', '3']
			});
		});

		it('offers every "¶.sentence" id of its range when choosing a sentence', () => {
			expect(publicOf(evidenceSentence)).toMatchObject({
				type: 'evidence',
				select: 'sentence',
				within: [1, 4],
				options: ALL_SENTENCES
			});
			expect(publicOf({ ...evidenceSentence, within: [4, 4] })).toMatchObject({
				within: [4, 4],
				options: ['4.1', '4.2', '4.3', '4.4']
			});
		});

		it('chooses from the whole article when it has no range of its own', () => {
			const unranged: EvidenceQuestion = { ...evidenceParagraph };
			delete unranged.within;
			expect(publicOf(unranged)).toMatchObject({ within: [1, 4], options: ['1', '2', '3', '4'] });
		});

		it('offers only ids inside its range, and carries no cites', () => {
			for (const question of [evidenceParagraph, evidenceSentence]) {
				const view = publicOf(question);
				if (view.type !== 'evidence') throw new Error('expected an evidence view');
				const [first, last] = view.within;
				for (const option of view.options) {
					const n = Number(option.split('.')[0]);
					expect(n).toBeGreaterThanOrEqual(first);
					expect(n).toBeLessThanOrEqual(last);
				}
				expect(view).not.toHaveProperty('cites');
				// The quote's words may appear only as one of the sentences offered, every one of which
				// the reader shows anyway: none is singled out.
				const { sentences, ...rest } = view;
				expect(JSON.stringify(rest)).not.toContain(question.cites[0]!.quote);
				if (question.select === 'sentence') {
					expect(Object.keys(sentences!)).toEqual(view.options);
				} else {
					expect(sentences).toBeUndefined();
				}
			}
		});
	});

	describe('two-part', () => {
		it('gives both parts’ choices without answers or rationales', () => {
			expect(publicOf(twoPart)).toEqual({
				id: twoPart.id,
				type: 'two-part',
				skill: 'inference',
				prompt: twoPart.prompt,
				points: 1,
				hintCount: 1,
				choices: twoPart.choices.map(({ id, text }) => ({ id, text })),
				partB: {
					prompt: twoPart.partB.prompt,
					choices: twoPart.partB.choices.map(({ id, text }) => ({ id, text }))
				}
			});
			const json = JSON.stringify(publicOf(twoPart));
			expect(json).not.toMatch(/"answer"|"rationale"/);
		});
	});
});

describe('checkInput (new types)', () => {
	const orderingView = publicOf(ordering);
	const matchingView = publicOf(matching);
	const paragraphView = publicOf(evidenceParagraph);
	const sentenceView = publicOf(evidenceSentence);
	const twoPartView = publicOf(twoPart);
	const [first, second, third, fourth] = ids(ordering.items) as [string, string, string, string];
	const positions = (order: string[]): RawInput =>
		Object.fromEntries(order.map((id, i) => [FIELD.position(id), [String(i + 1)]]));
	const matches = (pairs: Record<string, string>): RawInput =>
		Object.fromEntries(
			Object.entries(pairs).map(([item, option]) => [FIELD.match(item), [option]])
		);

	it.each([
		['ordering with no field', orderingView, {}],
		['ordering with an empty order', orderingView, { order: [] }],
		['ordering with only empty positions', orderingView, { [FIELD.position(first)]: [''] }],
		['matching with no field', matchingView, {}],
		['matching with only empty selects', matchingView, matches({ 'associated-press': '' })],
		['evidence with no field', paragraphView, {}],
		['evidence with an empty value', sentenceView, { evidence: [''] }],
		['two-part with neither part', twoPartView, {}],
		['two-part with two empty parts', twoPartView, { choice: [''], 'part-b': [''] }]
	] as [string, PublicQuestion, RawInput][])('calls %s unanswered', (_name, question, raw) => {
		expect(checkInput(question, raw)).toEqual(invalid('unanswered'));
	});

	it.each([
		['an order missing an item', orderingView, { order: [first, second, third] }],
		['positions for only some items', orderingView, positions([first, second])],
		['some matches missing', matchingView, matches({ 'associated-press': 'broke-the-news' })],
		['only Part A', twoPartView, { choice: ['b'] }],
		['only Part B', twoPartView, { 'part-b': ['b'] }]
	] as [string, PublicQuestion, RawInput][])('calls %s incomplete', (_name, question, raw) => {
		expect(checkInput(question, raw)).toEqual(invalid('incomplete'));
	});

	it('refuses an item given twice, in either shape, as duplicate-position', () => {
		expect(checkInput(orderingView, { order: [first, first, second, third] })).toEqual(
			invalid('duplicate-position')
		);
		expect(
			checkInput(orderingView, {
				...positions([first, second, third, fourth]),
				[FIELD.position(fourth)]: ['1']
			})
		).toEqual(invalid('duplicate-position'));
	});

	it.each([
		['ordering: an id that is not an item', orderingView, { order: [first, second, third, 'z'] }],
		[
			'ordering: position 0',
			orderingView,
			{ ...positions([first, second, third, fourth]), [FIELD.position(first)]: ['0'] }
		],
		[
			'ordering: a position past the end',
			orderingView,
			{ ...positions([first, second, third, fourth]), [FIELD.position(first)]: ['5'] }
		],
		[
			'ordering: a position that is not a number',
			orderingView,
			{ ...positions([first, second, third, fourth]), [FIELD.position(first)]: ['first'] }
		],
		[
			'matching: an option that is not offered',
			matchingView,
			matches({
				'associated-press': 'z',
				'chinese-authorities': 'press-tour',
				'radio-free-asia': 'press-tour'
			})
		],
		['evidence: a paragraph outside the range', paragraphView, { evidence: ['4'] }],
		['evidence: a sentence id when choosing paragraphs', paragraphView, { evidence: ['2.1'] }],
		['evidence: a paragraph id when choosing sentences', sentenceView, { evidence: ['4'] }],
		['evidence: a sentence past the paragraph’s last', sentenceView, { evidence: ['4.5'] }],
		['two-part: an unknown Part A choice', twoPartView, { choice: ['z'], 'part-b': ['b'] }],
		['two-part: an unknown Part B choice', twoPartView, { choice: ['b'], 'part-b': ['z'] }]
	] as [string, PublicQuestion, RawInput][])(
		'refuses %s as unknown-choice',
		(_name, question, raw) => {
			expect(checkInput(question, raw)).toEqual(invalid('unknown-choice'));
		}
	);

	it.each([
		[
			'an ordering position',
			orderingView,
			{ ...positions([first, second, third, fourth]), [FIELD.position(first)]: ['1', '2'] }
		],
		[
			'a matching select',
			matchingView,
			{
				...matches({
					'associated-press': 'broke-the-news',
					'chinese-authorities': 'press-tour',
					'radio-free-asia': 'press-tour'
				}),
				[FIELD.match('associated-press')]: ['broke-the-news', 'press-tour']
			}
		],
		['an evidence choice', sentenceView, { evidence: ['4.1', '4.3'] }],
		['a Part A choice', twoPartView, { choice: ['a', 'b'], 'part-b': ['b'] }]
	] as [string, PublicQuestion, RawInput][])(
		'refuses two values for %s as wrong-type',
		(_name, question, raw) => {
			expect(checkInput(question, raw)).toEqual(invalid('wrong-type'));
		}
	);

	it('reads both ordering shapes, ids in order or a position per item, as the same response', () => {
		fc.assert(
			fc.property(fc.shuffledSubarray(ids(ordering.items), { minLength: 4 }), (order) => {
				const expected = { kind: 'valid', response: { type: 'ordering', order } };
				expect(checkInput(orderingView, { order })).toEqual(expected);
				expect(checkInput(orderingView, positions(order))).toEqual(expected);
				expect(scoreOf(ordering, { type: 'ordering', order })).toEqual(
					scoreOf(
						ordering,
						(checkInput(orderingView, positions(order)) as { response: Response }).response
					)
				);
			})
		);
	});

	it('accepts a full matching, an option used twice included', () => {
		const pairs = {
			'associated-press': 'broke-the-news',
			'chinese-authorities': 'press-tour',
			'radio-free-asia': 'press-tour'
		};
		expect(checkInput(matchingView, matches(pairs))).toEqual({
			kind: 'valid',
			response: { type: 'matching', matches: pairs }
		});
	});

	it('accepts an offered paragraph or sentence as evidence', () => {
		expect(checkInput(paragraphView, { evidence: ['3'] })).toEqual({
			kind: 'valid',
			response: { type: 'evidence', choice: '3' }
		});
		expect(checkInput(sentenceView, { evidence: ['1.2'] })).toEqual({
			kind: 'valid',
			response: { type: 'evidence', choice: '1.2' }
		});
	});

	it('accepts both parts of a two-part answer', () => {
		expect(checkInput(twoPartView, { choice: ['a'], 'part-b': ['c'] })).toEqual({
			kind: 'valid',
			response: { type: 'two-part', partA: 'a', partB: 'c' }
		});
	});

	it.each(named)('checks a shaped %s response the same way as its form', (_name, question) => {
		const view = publicOf(question);
		for (const response of [correctResponse(question), wrongResponse(question)]) {
			expect(checkResponse(view, response)).toEqual({ kind: 'valid', response });
		}
		expect(checkResponse(view, { type: 'short-answer', text: 'x' })).toEqual(invalid('wrong-type'));
	});
});

describe('score (new types)', () => {
	it.each(named)('gives full points for the correct answer to %s', (_name, question) => {
		expect(scoreOf(question, correctResponse(question))).toEqual({
			kind: 'scored',
			earned: 1,
			total: 1
		});
	});

	it.each(named)('gives zero points for a wrong answer to %s', (_name, question) => {
		expect(scoreOf(question, wrongResponse(question))).toEqual({
			kind: 'scored',
			earned: 0,
			total: 1
		});
	});

	it.each(named)('scores an unanswered %s response as invalid, not zero', (_name, question) => {
		const empty: Record<string, Response> = {
			ordering: { type: 'ordering', order: [] },
			matching: { type: 'matching', matches: {} },
			evidence: { type: 'evidence', choice: '' },
			'two-part': { type: 'two-part', partA: '', partB: '' }
		};
		expect(scoreOf(question, empty[question.type]!)).toEqual(invalid('unanswered'));
	});

	describe('ordering: 1/(n − 1) per neighbouring pair kept', () => {
		const [a, b, c, d] = ids(ordering.items) as [string, string, string, string];
		const order = (...order: string[]): Response => ({ type: 'ordering', order });

		it('gives everything for the correct order and nothing for it reversed', () => {
			expect(earned(ordering, order(a, b, c, d))).toBe(1);
			expect(earned(ordering, order(d, c, b, a))).toBe(0);
		});

		it('gives 2/3 when the last of four items is moved first', () => {
			expect(earned(ordering, order(d, a, b, c))).toBe(0.6667);
		});

		it('gives 1/3 when the first two of four are swapped', () => {
			expect(earned(ordering, order(b, a, c, d))).toBe(0.3333);
		});

		it('scales to the question’s points', () => {
			const twoPoints = { ...ordering, points: 2 };
			expect(scoreOf(twoPoints, order(a, b, c, d))).toEqual({
				kind: 'scored',
				earned: 2,
				total: 2
			});
			expect(scoreOf(twoPoints, order(d, a, b, c))).toEqual({
				kind: 'scored',
				earned: 1.3333,
				total: 2
			});
			expect(scoreOf(twoPoints, order(d, c, b, a))).toEqual({
				kind: 'scored',
				earned: 0,
				total: 2
			});
		});

		it('gives half per pair for three items', () => {
			const three = { ...ordering, items: ordering.items.slice(0, 3) };
			expect(earned(three, order(a, b, c))).toBe(1);
			expect(earned(three, order(c, a, b))).toBe(0.5);
			expect(earned(three, order(b, c, a))).toBe(0.5);
			expect(earned(three, order(a, c, b))).toBe(0);
		});

		it('counts kept pairs for any order, and gives everything only for the correct one', () => {
			fc.assert(
				fc.property(fc.shuffledSubarray([a, b, c, d], { minLength: 4 }), (given) => {
					const kept = [a, b, c].filter(
						(x, i) => given.indexOf([b, c, d][i]!) === given.indexOf(x) + 1
					);
					expect(earned(ordering, order(...given))).toBe(
						Math.round((kept.length / 3) * 10000) / 10000
					);
					expect(earned(ordering, order(...given)) === 1).toBe(
						given.join() === [a, b, c, d].join()
					);
				})
			);
		});
	});

	describe('matching: 1/n per correct pair', () => {
		const right = Object.fromEntries(matching.items.map((i) => [i.id, i.match]));
		const withWrong = (...wrongItems: string[]): Response => ({
			type: 'matching',
			matches: { ...right, ...Object.fromEntries(wrongItems.map((id) => [id, 'press-tour'])) }
		});

		it('gives a third per correct pair of three', () => {
			expect(earned(matching, withWrong())).toBe(1);
			expect(earned(matching, withWrong('radio-free-asia'))).toBe(0.6667);
			expect(earned(matching, withWrong('radio-free-asia', 'associated-press'))).toBe(0.3333);
			expect(
				earned(matching, withWrong('radio-free-asia', 'associated-press', 'chinese-authorities'))
			).toBe(0);
		});

		it('scales to the question’s points', () => {
			expect(scoreOf({ ...matching, points: 3 }, withWrong('radio-free-asia'))).toEqual({
				kind: 'scored',
				earned: 2,
				total: 3
			});
		});

		it('gives nothing for two items swapped, and keeps the third', () => {
			expect(
				earned(matching, {
					type: 'matching',
					matches: {
						...right,
						'associated-press': 'counted-in-china',
						'chinese-authorities': 'broke-the-news'
					}
				})
			).toBe(0.3333);
		});
	});

	describe('two-part: Part B counts only with Part A right', () => {
		const answer = (partA: string, partB: string): Response => ({ type: 'two-part', partA, partB });

		it.each([
			['A right and B right earn everything', 'b', 'b', 1],
			['A right and B wrong earn half', 'b', 'a', 0.5],
			['A wrong and B right earn nothing', 'a', 'b', 0],
			['A wrong and B wrong earn nothing', 'c', 'c', 0]
		])('%s', (_name, partA, partB, expected) => {
			expect(earned(twoPart, answer(partA, partB))).toBe(expected);
		});

		it('scales to the question’s points', () => {
			expect(scoreOf({ ...twoPart, points: 2 }, answer('b', 'c'))).toEqual({
				kind: 'scored',
				earned: 1,
				total: 2
			});
		});
	});

	describe('evidence', () => {
		const pick = (choice: string): Response => ({ type: 'evidence', choice });

		it('paragraph mode: the cited paragraph is right, its neighbours are wrong', () => {
			expect(earned(evidenceParagraph, pick('2'))).toBe(1);
			expect(earned(evidenceParagraph, pick('1'))).toBe(0);
			expect(earned(evidenceParagraph, pick('3'))).toBe(0);
		});

		it('paragraph mode: any of several cited paragraphs is right', () => {
			const twoCites = {
				...evidenceParagraph,
				cites: [...evidenceParagraph.cites, { paragraph: 3, quote: 'ethnic Kazakhs in China' }]
			};
			expect(['1', '2', '3'].map((n) => earned(twoCites, pick(n)))).toEqual([0, 1, 1]);
		});

		it('sentence mode: the sentence holding the quote is right, the others wrong', () => {
			expect(ALL_SENTENCES.map((id) => [id, earned(evidenceSentence, pick(id))])).toEqual(
				ALL_SENTENCES.map((id) => [id, id === '4.3' ? 1 : 0])
			);
		});

		it('sentence mode: a quote spanning two sentences makes both right', () => {
			const spanning = {
				...evidenceSentence,
				cites: [
					{ paragraph: 4, quote: 'had become Kazakh citizens since 1991. Given the estimated' }
				]
			};
			expect(['4.1', '4.2', '4.3', '4.4'].map((id) => earned(spanning, pick(id)))).toEqual([
				0, 0, 1, 1
			]);
		});

		it('sentence mode: a quote of a whole sentence, or of its last words, is in that sentence only', () => {
			const whole = {
				...evidenceSentence,
				cites: [
					{ paragraph: 1, quote: 'noted that the ministry “did not say who could leave or why.”' }
				]
			};
			expect(['1.1', '1.2'].map((id) => earned(whole, pick(id)))).toEqual([0, 1]);
			const firstSentence = {
				...evidenceSentence,
				cites: [{ paragraph: 1, quote: 'leave Xinjiang for Kazakhstan.' }]
			};
			expect(['1.1', '1.2'].map((id) => earned(firstSentence, pick(id)))).toEqual([1, 0]);
		});

		it('needs the article’s paragraphs: without them no choice is offered', () => {
			expect(score(evidenceParagraph, pick('2'))).toEqual(invalid('unknown-choice'));
		});
	});
});

describe('isCitedEvidence', () => {
	it('is true for a cited paragraph and false for any other', () => {
		expect(isCitedEvidence(evidenceParagraph, '2', fixtureParagraphs)).toBe(true);
		expect(isCitedEvidence(evidenceParagraph, '3', fixtureParagraphs)).toBe(false);
	});

	it('is true only for a sentence that holds a cited quote', () => {
		expect(isCitedEvidence(evidenceSentence, '4.3', fixtureParagraphs)).toBe(true);
		expect(isCitedEvidence(evidenceSentence, '4.2', fixtureParagraphs)).toBe(false);
	});

	it('is false for a sentence or paragraph that does not exist', () => {
		expect(isCitedEvidence(evidenceSentence, '4', fixtureParagraphs)).toBe(false);
		expect(isCitedEvidence(evidenceSentence, '4.9', fixtureParagraphs)).toBe(false);
		expect(isCitedEvidence(evidenceSentence, '9.1', fixtureParagraphs)).toBe(false);
		expect(isCitedEvidence(evidenceSentence, '4.3', [])).toBe(false);
	});
});

describe('answerInWords (new types)', () => {
	it('numbers the items of an ordering question in the correct order', () => {
		expect(answerInWords(ordering)).toEqual([
			'1. Kazakhstan becomes independent',
			'2. Radio Free Asia counts the new citizens',
			'3. Chinese authorities count 1.46 million ethnic Kazakhs',
			'4. The Foreign Ministry confirms the news'
		]);
	});

	it('pairs each matching item with its option', () => {
		expect(answerInWords(matching)).toEqual([
			'The Associated Press → First published the news of the 2,000',
			'Chinese authorities → Counted 1.46 million ethnic Kazakhs in China',
			'Radio Free Asia → Counted 200,000 new Kazakh citizens from China'
		]);
	});

	it('quotes the cited evidence of an evidence question', () => {
		expect(answerInWords(evidenceSentence)).toEqual([
			'¶4: “about 200,000 ethnic Kazakhs from China had become Kazakh citizens”'
		]);
	});

	it('gives both parts of a two-part question', () => {
		expect(answerInWords(twoPart)).toEqual([
			'Part A: Its lobbying worked, but only so far',
			'Part B: the limits of Astana’s ability to budge Beijing'
		]);
	});
});

describe('responseInWords (new types)', () => {
	it('numbers an ordering response in the learner’s order', () => {
		const [a, b, c, d] = ids(ordering.items) as [string, string, string, string];
		expect(responseInWords(publicOf(ordering), { type: 'ordering', order: [d, a, b, c] })).toEqual([
			'1. The Foreign Ministry confirms the news',
			'2. Kazakhstan becomes independent',
			'3. Radio Free Asia counts the new citizens',
			'4. Chinese authorities count 1.46 million ethnic Kazakhs'
		]);
	});

	it('pairs each matching item with the option the learner chose', () => {
		expect(responseInWords(publicOf(matching), wrongResponse(matching))).toEqual([
			'The Associated Press → Counted 1.46 million ethnic Kazakhs in China',
			'Chinese authorities → First published the news of the 2,000',
			'Radio Free Asia → First published the news of the 2,000'
		]);
	});

	it('names the paragraph chosen as evidence, or quotes the sentence chosen with its paragraph', () => {
		expect(responseInWords(publicOf(evidenceParagraph), { type: 'evidence', choice: '2' })).toEqual(
			['¶2']
		);
		const third = sentencesOf(4)[2]!;
		expect(
			responseInWords(publicOf(evidenceSentence), { type: 'evidence', choice: '4.3' })
		).toEqual([`¶4: “${third.trim()}”`]);
		expect(third).toMatch(/^According to a 2015 Radio Free Asia/);
	});

	it('falls back to the sentence’s number for a response the view cannot word', () => {
		const view = publicOf(evidenceSentence);
		if (view.type !== 'evidence') throw new Error('expected an evidence view');
		const withoutWords = { ...view, sentences: undefined };
		expect(responseInWords(withoutWords, { type: 'evidence', choice: '4.3' })).toEqual([
			'¶4, sentence 3'
		]);
	});

	it('gives both parts of a two-part response', () => {
		expect(
			responseInWords(publicOf(twoPart), { type: 'two-part', partA: 'a', partB: 'c' })
		).toEqual([
			'Part A: It has persuaded Beijing to close the camps',
			'Part B: did not say who could leave or why'
		]);
	});
});

describe('rationalesFor (new types)', () => {
	const answer = (partA: string, partB: string): Response => ({ type: 'two-part', partA, partB });

	it('gives both parts’ rationales for two wrong parts, Part A first', () => {
		expect(rationalesFor(twoPart, answer('a', 'a'))).toEqual([
			'No camp closes.',
			'That is a count, not a judgment of the announcement.'
		]);
	});

	it('gives only the wrong part’s rationale', () => {
		expect(rationalesFor(twoPart, answer('c', 'b'))).toEqual(['It lobbied for them.']);
		expect(rationalesFor(twoPart, answer('b', 'c'))).toEqual([
			'That is what the ministry left out.'
		]);
		expect(rationalesFor(twoPart, answer('b', 'b'))).toEqual([]);
	});

	it('gives none for ordering, matching or evidence questions', () => {
		for (const question of [ordering, matching, evidenceSentence, evidenceParagraph]) {
			expect(rationalesFor(question, wrongResponse(question))).toEqual([]);
		}
	});
});

describe('grade (new types)', () => {
	const gradeById = graderFor(newTypes, fixtureParagraphs);

	it.each(named)('grades %s by id: correct, then incorrect', (_name, question) => {
		expect(gradeById(question.id, correctResponse(question))).toMatchObject({
			outcome: 'correct',
			earned: 1,
			answer: answerInWords(question)
		});
		expect(gradeById(question.id, wrongResponse(question)).outcome).toBe('incorrect');
	});

	it('calls some pairs kept, some matches or Part A alone partial', () => {
		const [a, b, c, d] = ids(ordering.items) as [string, string, string, string];
		expect(gradeById(ordering.id, { type: 'ordering', order: [d, a, b, c] })).toMatchObject({
			outcome: 'partial',
			earned: 0.6667
		});
		expect(gradeById(twoPart.id, { type: 'two-part', partA: 'b', partB: 'a' })).toMatchObject({
			outcome: 'partial',
			earned: 0.5,
			rationales: ['That is a count, not a judgment of the announcement.']
		});
	});

	it('throws for an evidence pick outside the range rather than grading it wrong', () => {
		expect(() =>
			grade(evidenceParagraph, { type: 'evidence', choice: '4' }, fixtureParagraphs)
		).toThrow(InvalidResponseError);
	});
});

describe('the real module’s questions of the new types', () => {
	const { module, problems } = loadModuleDir('questions/fleeing-kazakhs-and-puff-pieces');

	it('loads, so its questions can be checked', () => {
		expect(problems.map(formatProblem)).toEqual([]);
	});

	it('shows no answer in their public views, and offers only ids in range for evidence', () => {
		if (!module) return;
		const paragraphs = module.article.paragraphs;
		for (const question of module.questions) {
			const view = toPublic(question, paragraphs);
			expect(JSON.stringify(view), question.id).not.toMatch(/"(answer|match|rationale|cites)"/);
			if (question.type === 'ordering' && view.type === 'ordering') {
				const byText = [...question.items].sort((x, y) => x.text.localeCompare(y.text, 'en'));
				expect(ids(view.items), question.id).toEqual(ids(byText));
			}
			if (question.type === 'evidence' && view.type === 'evidence') {
				const lesson = module.lessons.find((l) => l.questions.includes(question.id))!;
				expect(view.within, question.id).toEqual(question.within ?? lesson.paragraphs);
				expect(view.options.length, question.id).toBeGreaterThan(0);
				for (const option of view.options) {
					const n = Number(option.split('.')[0]);
					expect(n >= view.within[0] && n <= view.within[1], `${question.id}: ${option}`).toBe(
						true
					);
					expect(option.includes('.'), `${question.id}: ${option}`).toBe(
						question.select === 'sentence'
					);
				}
			}
		}
	});

	it('grade their own keys correct, and each evidence question has a right choice in range', () => {
		if (!module) return;
		const paragraphs = module.article.paragraphs;
		for (const question of module.questions) {
			if (question.type === 'evidence') {
				const view = toPublic(question, paragraphs);
				const right =
					view.type === 'evidence'
						? view.options.filter((o) => isCitedEvidence(question, o, paragraphs))
						: [];
				expect(right.length, question.id).toBeGreaterThan(0);
			}
			expect(
				grade(question, correctResponse(question, paragraphs), paragraphs).outcome,
				question.id
			).toBe('correct');
		}
	});
});
