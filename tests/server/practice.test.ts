/**
 * Lesson progress and guided reading, from snapshots the server's own replay produces: a lesson is
 * done when all its questions are resolved, the first lesson not done is current, and the article
 * is shown through the end of the current lesson unless that lesson is the last.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { Module } from '../../src/lib/content/schema.ts';
import type { QuizEvent, QuizMachine } from '../../src/lib/quiz/quizMachine.ts';
import {
	guidedThrough,
	lessonProgress,
	replay,
	type LessonProgress
} from '../../src/lib/server/practice.ts';
import {
	correctResponse,
	evidenceParagraph,
	fixtureParagraphs,
	matching,
	multipleChoice,
	ordering,
	shortAnswer,
	singleChoice,
	trueFalse,
	twoPart,
	wrongResponse
} from '../quiz/fixtures.ts';

const lessons = [
	{
		id: 'the-news',
		title: 'The news',
		paragraphs: [1, 1] as [number, number],
		questions: [singleChoice.id, trueFalse.id, shortAnswer.id]
	},
	{
		id: 'what-it-shows',
		title: 'What it shows',
		paragraphs: [2, 3] as [number, number],
		questions: [multipleChoice.id, twoPart.id, evidenceParagraph.id]
	},
	{
		id: 'families',
		title: 'Families',
		paragraphs: [4, 4] as [number, number],
		questions: [ordering.id, matching.id]
	}
];

/** A module over the quiz fixtures, in three lessons; questions in lesson order. */
const module: Module = {
	slug: 'fixture-module',
	article: {
		title: 'Fixture',
		author: 'Test Author',
		publication: 'Test Press',
		attribution: 'Made of the real article’s words, for the tests.',
		paragraphs: fixtureParagraphs
	},
	title: 'Fixture',
	summary: 'The quiz fixtures in three lessons.',
	readingMinutes: 2,
	objectives: ['Test lesson progress.'],
	glossary: [],
	lessons,
	questions: [
		singleChoice,
		trueFalse,
		shortAnswer,
		multipleChoice,
		twoPart,
		evidenceParagraph,
		ordering,
		matching
	]
};

/**
 * Events answering the first `count` questions in order, each right or wrong until its tries are
 * used up, and moving on after each (after the last question, to the summary).
 */
function answered(count: number, { wrong = false } = {}): QuizEvent[] {
	const events: QuizEvent[] = [{ type: 'quiz.start' }];
	for (const question of module.questions.slice(0, count)) {
		const response = wrong ? wrongResponse(question) : correctResponse(question);
		events.push({ type: 'answer.submit', response });
		if (wrong) events.push({ type: 'answer.retry' }, { type: 'answer.submit', response });
		events.push({ type: 'question.next' });
	}
	return events;
}

async function progressAfter(events: QuizEvent[]) {
	const { snapshot } = await replay(module, 3, events);
	return lessonProgress(module, snapshot);
}

const statuses = (progress: LessonProgress[]) => progress.map((l) => l.status);

describe('lessonProgress', () => {
	it('makes the first lesson current before the quiz has started', async () => {
		for (const progress of [lessonProgress(module, null), await progressAfter([])]) {
			expect(progress).toEqual([
				{
					id: 'the-news',
					title: 'The news',
					paragraphs: [1, 1],
					total: 3,
					resolved: 0,
					status: 'current'
				},
				{
					id: 'what-it-shows',
					title: 'What it shows',
					paragraphs: [2, 3],
					total: 3,
					resolved: 0,
					status: 'upcoming'
				},
				{
					id: 'families',
					title: 'Families',
					paragraphs: [4, 4],
					total: 2,
					resolved: 0,
					status: 'upcoming'
				}
			]);
		}
	});

	it('counts resolved questions and keeps a lesson current until all are resolved', async () => {
		const progress = await progressAfter(answered(2));
		expect(progress.map((l) => l.resolved)).toEqual([2, 0, 0]);
		expect(statuses(progress)).toEqual(['current', 'upcoming', 'upcoming']);
	});

	it('does not count a question still open for a retry as resolved', async () => {
		const events: QuizEvent[] = [
			{ type: 'quiz.start' },
			{ type: 'answer.submit', response: wrongResponse(singleChoice) }
		];
		expect((await progressAfter(events))[0]!.resolved).toBe(0);
	});

	it('moves on when every question of a lesson is resolved, right or wrong', async () => {
		for (const wrong of [false, true]) {
			const progress = await progressAfter(answered(3, { wrong }));
			expect(progress.map((l) => l.resolved)).toEqual([3, 0, 0]);
			expect(statuses(progress)).toEqual(['done', 'current', 'upcoming']);
		}
	});

	it('reaches the last lesson, then marks everything done at the summary', async () => {
		expect(statuses(await progressAfter(answered(6)))).toEqual(['done', 'done', 'current']);
		const { snapshot } = await replay(module, 3, answered(8));
		expect(snapshot.matches('summary')).toBe(true);
		const progress = lessonProgress(module, snapshot);
		expect(statuses(progress)).toEqual(['done', 'done', 'done']);
		expect(progress.map((l) => l.resolved)).toEqual([3, 3, 2]);
	});

	it('calls a later lesson done even when an earlier one is not, and the earlier one current', () => {
		const resolved = new Set(lessons[1]!.questions);
		const snapshot = {
			context: {
				progress: Object.fromEntries(
					module.questions.map((q) => [q.id, { resolved: resolved.has(q.id) }])
				)
			}
		} as unknown as SnapshotFrom<QuizMachine>;
		expect(statuses(lessonProgress(module, snapshot))).toEqual(['current', 'done', 'upcoming']);
	});
});

describe('guidedThrough', () => {
	const progress = (...status: LessonProgress['status'][]): LessonProgress[] =>
		lessons.map((l, i) => ({ ...l, total: 1, resolved: 0, status: status[i]! }));

	it('shows the article through the end of the current lesson', () => {
		expect(guidedThrough(progress('current', 'upcoming', 'upcoming'))).toBe(1);
		expect(guidedThrough(progress('done', 'current', 'upcoming'))).toBe(3);
	});

	it('shows everything once the current lesson is the last, or every lesson is done', () => {
		expect(guidedThrough(progress('done', 'done', 'current'))).toBeNull();
		expect(guidedThrough(progress('done', 'done', 'done'))).toBeNull();
		expect(guidedThrough([])).toBeNull();
	});

	it('follows a replayed quiz lesson by lesson', async () => {
		const through = async (count: number) => guidedThrough(await progressAfter(answered(count)));
		expect(await through(0)).toBe(1);
		expect(await through(3)).toBe(3);
		expect(await through(6)).toBeNull();
		expect(await through(8)).toBeNull();
	});
});
