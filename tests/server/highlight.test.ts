/**
 * Citation links highlight only what the module cites, and only once the learner has earned it.
 */
import { describe, expect, it } from 'vitest';
import { citationHref, citationTarget, shownHighlight } from '../../src/lib/citations.ts';
import { evidencePick } from '../../src/lib/evidencePick.ts';
import { publicQuestionsOf } from '../../src/lib/quiz/engine.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { highlightFor } from '../../src/lib/server/highlight.ts';
import { replay } from '../../src/lib/server/practice.ts';
import type { QuizEvent } from '../../src/lib/quiz/quizMachine.ts';
import { correctResponse, wrongResponse } from '../quiz/fixtures.ts';

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const first = module.questions.find((q) => q.id === module.lessons[0]!.questions[0])!;
const evidence = module.questions.find((q) => q.type === 'evidence')!;
const base = `http://localhost/modules/${module.slug}`;
const at = (query: string) => new URL(`${base}${query}`);

async function after(events: QuizEvent[]) {
	return (await replay(module, 1, [{ type: 'quiz.start' }, ...events])).snapshot;
}
const answer = (correct: boolean): QuizEvent => ({
	type: 'answer.submit',
	response: (correct ? correctResponse : wrongResponse)(first, module.article.paragraphs)
});

describe('citation links', () => {
	it('name a question and a citation, never the quoted words', () => {
		const href = citationHref({ questionId: first.id, index: 0, kind: 'cite' }, 3);
		expect(href).toBe(`?q=${first.id}&cite=0#p-3`);
		expect(citationTarget(at(href))).toEqual({ questionId: first.id, index: 0, kind: 'cite' });
	});

	it('treat the old free-text form and nonsense as malformed', () => {
		for (const query of [
			'?cite=3&quote=Beijing',
			'?cite=999',
			'?q=x&cite=-1',
			'?q=UPPER&cite=0',
			`?q=${first.id}&cite=0&reread=0`,
			`?q=${first.id}`
		]) {
			expect(citationTarget(at(query)), query).toBe('malformed');
		}
		expect(citationTarget(at(''))).toBeNull();
	});
});

describe('highlightFor', () => {
	it('highlights nothing when no citation is asked for', async () => {
		expect(highlightFor(module, at(''), null)).toEqual({ kind: 'none' });
	});

	it('says a faked or unknown citation does not exist, and marks no words', async () => {
		const summary = null;
		for (const query of [
			'?cite=3&quote=Beijing',
			'?cite=999',
			'?q=no-such-question&cite=0',
			`?q=${first.id}&cite=40`
		]) {
			expect(highlightFor(module, at(query), summary), query).toEqual({ kind: 'missing' });
		}
	});

	it('keeps the quoted evidence locked until the question is answered right', async () => {
		const query = `?q=${first.id}&cite=0`;
		expect(highlightFor(module, at(query), null)).toEqual({ kind: 'locked' });
		expect(highlightFor(module, at(query), await after([]))).toEqual({ kind: 'locked' });
		expect(highlightFor(module, at(query), await after([answer(false)]))).toEqual({
			kind: 'locked'
		});
		expect(highlightFor(module, at(query), await after([answer(true)]))).toEqual({
			kind: 'shown',
			paragraph: first.cites[0]!.paragraph,
			quote: first.cites[0]!.quote
		});
	});

	it('opens the evidence once "show answer" reveals it', async () => {
		const snapshot = await after([
			answer(false),
			{ type: 'answer.retry' },
			answer(false),
			{ type: 'answer.reveal' }
		]);
		expect(highlightFor(module, at(`?q=${first.id}&cite=0`), snapshot).kind).toBe('shown');
	});

	it('marks the paragraph, without its quote, to re-read after a wrong try', async () => {
		expect(
			highlightFor(module, at(`?q=${first.id}&reread=0`), await after([answer(false)]))
		).toEqual({ kind: 'shown', paragraph: first.cites[0]!.paragraph, quote: null });
	});

	it('never points at an evidence question’s paragraphs before it is earned', async () => {
		const snapshot = await after([]);
		const lockedQuery = `?q=${evidence.id}&reread=0`;
		expect(highlightFor(module, at(lockedQuery), snapshot)).toEqual({ kind: 'locked' });
	});
});

describe('what a page hands its reader', () => {
	it('marks the words of a citation that could be followed, and nothing otherwise', () => {
		expect(shownHighlight({ kind: 'shown', paragraph: 4, quote: 'little more than' })).toEqual({
			paragraph: 4,
			quote: 'little more than'
		});
		for (const kind of ['none', 'missing', 'locked'] as const) {
			expect(shownHighlight({ kind })).toBeNull();
		}
	});

	it('lays out an evidence question’s choices in the article, and nothing for other questions', () => {
		const shown = publicQuestionsOf({
			questions: module.questions,
			lessons: module.lessons,
			paragraphs: module.article.paragraphs
		});
		const asked = shown.find((q) => q.type === 'evidence');
		if (asked?.type !== 'evidence') throw new Error('no evidence question');
		const chosen = `${asked.within[0]}`;
		expect(evidencePick(asked, { chosen })).toEqual({
			select: asked.select,
			within: asked.within,
			prompt: asked.prompt,
			formId: 'answer-form',
			chosen
		});
		expect(
			evidencePick(
				shown.find((q) => q.id === first.id),
				{}
			)
		).toBeNull();
		expect(evidencePick(null, {})).toBeNull();
	});
});
