/**
 * "Skip for now" (`question.skip`) in practice mode: the question moves to the end of its lesson
 * and comes back there as it was (no try spent, nothing shown), a log with skips replays to the
 * same state, and looking back at a finished question (`reviewView`) changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import type { Question } from '../../src/lib/quiz/questions.ts';
import {
	current,
	progressOf,
	quizMachine,
	type QuizEvent,
	type QuizContext,
	type QuizMachine,
	type QuizSettings
} from '../../src/lib/quiz/quizMachine.ts';
import { quizView, reviewView } from '../../src/lib/quiz/view.ts';
import {
	correctResponse,
	hintsFrom,
	matching,
	multipleChoice,
	ordering,
	publicViews,
	realGrader,
	shortAnswer,
	singleChoice,
	trueFalse,
	wrongResponse
} from './fixtures.ts';

const lessonA: Question[] = [singleChoice, multipleChoice, trueFalse];
const lessonB: Question[] = [shortAnswer, ordering, matching];
const questions = [...lessonA, ...lessonB];
const lessons = [lessonA.map((q) => q.id), lessonB.map((q) => q.id)];

function start({
	withLessons = true,
	settings = {}
}: { withLessons?: boolean; settings?: Partial<QuizSettings> } = {}): Actor<QuizMachine> {
	const grader = realGrader(questions);
	const machine = quizMachine.provide({
		actors: { gradeAnswer: fromPromise(({ input }) => grader(input)) }
	});
	return createActor(machine, {
		input: {
			questions: publicViews(questions),
			seed: 7,
			settings: { shuffleChoices: false, ...settings },
			...(withLessons ? { lessons } : {})
		}
	}).start();
}

async function send(actor: Actor<QuizMachine>, event: QuizEvent): Promise<boolean> {
	if (!actor.getSnapshot().can(event)) return false;
	actor.send(event);
	await waitFor(actor, (s) => !s.hasTag('busy'));
	return true;
}

const order = (actor: Actor<QuizMachine>) => actor.getSnapshot().context.questions.map((q) => q.id);
const onScreen = (actor: Actor<QuizMachine>) => current(actor.getSnapshot().context).id;
const answer = (q: Question, right = true): QuizEvent => ({
	type: 'answer.submit',
	response: right ? correctResponse(q) : wrongResponse(q)
});

describe('question.skip', () => {
	it('puts the question at the end of its lesson, before the next lesson, and shows the next one', async () => {
		const actor = start();
		await send(actor, { type: 'quiz.start' });

		expect(await send(actor, { type: 'question.skip' })).toBe(true);

		expect(order(actor)).toEqual([
			multipleChoice.id,
			trueFalse.id,
			singleChoice.id,
			...lessonB.map((q) => q.id)
		]);
		const snapshot = actor.getSnapshot();
		expect(snapshot.matches({ answering: 'ready' })).toBe(true);
		expect(snapshot.context.index).toBe(0);
		expect(onScreen(actor)).toBe(multipleChoice.id);
		expect(snapshot.context.skips).toEqual({ [singleChoice.id]: 1 });
	});

	it('spends no try, takes no hint, reveals nothing and resolves nothing', async () => {
		const actor = start();
		await send(actor, { type: 'quiz.start' });
		await send(actor, { type: 'hint.request' });
		const before = progressOf(actor.getSnapshot().context, singleChoice.id);

		await send(actor, { type: 'question.skip' });

		expect(progressOf(actor.getSnapshot().context, singleChoice.id)).toEqual(before);
		expect(before).toMatchObject({ tries: [], hintsUsed: 1, revealed: false, resolved: false });
		expect(actor.getSnapshot().context.pending).toBeNull();
	});

	it('brings the question back at the end of its lesson with its tries and hints as they were', async () => {
		const actor = start();
		await send(actor, { type: 'quiz.start' });
		await send(actor, answer(singleChoice, false));
		await send(actor, { type: 'answer.retry' });
		await send(actor, { type: 'hint.request' });
		await send(actor, { type: 'question.skip' });

		for (const q of [multipleChoice, trueFalse]) {
			expect(onScreen(actor)).toBe(q.id);
			await send(actor, answer(q));
			await send(actor, { type: 'question.next' });
		}

		expect(onScreen(actor)).toBe(singleChoice.id);
		const view = quizView(actor.getSnapshot(), 0, hintsFrom(questions));
		expect(view).toMatchObject({ status: 'answering', number: 3, tryNumber: 2, skipped: 1 });
		expect(view.status === 'answering' && view.hints).toHaveLength(1);
		// Right on its second try, after a hint: the usual penalties, nothing for the skip.
		await send(actor, answer(singleChoice));
		expect(progressOf(actor.getSnapshot().context, singleChoice.id).credit).toBe(0.5);
		await send(actor, { type: 'question.next' });
		expect(onScreen(actor)).toBe(shortAnswer.id);
	});

	it('refuses to skip the last question left in a lesson, outside answering, and in an assessment', async () => {
		const actor = start();
		expect(actor.getSnapshot().can({ type: 'question.skip' })).toBe(false); // intro
		await send(actor, { type: 'quiz.start' });
		await send(actor, { type: 'question.skip' });
		await send(actor, { type: 'question.skip' });
		// Lesson A is now trueFalse, singleChoice, multipleChoice: two more skips are allowed...
		expect(onScreen(actor)).toBe(trueFalse.id);
		await send(actor, answer(trueFalse));
		// ...but not in feedback,
		expect(actor.getSnapshot().can({ type: 'question.skip' })).toBe(false);
		await send(actor, { type: 'question.next' });
		await send(actor, answer(singleChoice));
		await send(actor, { type: 'question.next' });
		// ...and not for the lesson's last question: it would only come back at once.
		expect(onScreen(actor)).toBe(multipleChoice.id);
		expect(actor.getSnapshot().can({ type: 'question.skip' })).toBe(false);
		const view = quizView(actor.getSnapshot(), 0, hintsFrom(questions));
		expect(view.status === 'answering' && view.canSkip).toBe(false);

		const assessment = start({ settings: { mode: 'assessment' } });
		await send(assessment, { type: 'quiz.start' });
		expect(assessment.getSnapshot().can({ type: 'question.skip' })).toBe(false);
	});

	it('treats the whole quiz as one lesson when no lessons are given', async () => {
		const actor = start({ withLessons: false });
		await send(actor, { type: 'quiz.start' });
		await send(actor, { type: 'question.skip' });
		expect(order(actor).at(-1)).toBe(singleChoice.id);
	});

	it('replays a log with skips to the same state, and a log without them as before', async () => {
		const log: QuizEvent[] = [
			{ type: 'quiz.start' },
			{ type: 'question.skip' },
			answer(multipleChoice, false),
			{ type: 'answer.retry' },
			{ type: 'question.skip' },
			answer(trueFalse),
			{ type: 'question.next' },
			answer(singleChoice),
			{ type: 'question.next' },
			{ type: 'hint.request' },
			answer(multipleChoice),
			{ type: 'question.next' },
			{ type: 'question.skip' }
		];
		const live = start();
		for (const event of log) expect(await send(live, event), event.type).toBe(true);
		const replayed = start();
		for (const event of log) await send(replayed, event);
		expect(replayed.getSnapshot().value).toEqual(live.getSnapshot().value);
		expect(replayed.getSnapshot().context).toEqual(live.getSnapshot().context);
		expect(onScreen(live)).toBe(ordering.id);

		// An old log (no skips) gives the same quiz with or without lessons known.
		const old = log.filter((e) => e.type !== 'question.skip');
		const withLessons = start();
		const without = start({ withLessons: false });
		for (const event of old) {
			await send(withLessons, event);
			await send(without, event);
		}
		const withoutLessons = (c: QuizContext) => ({
			...c,
			lessonOf: {}
		});
		expect(withoutLessons(withLessons.getSnapshot().context)).toEqual(
			withoutLessons(without.getSnapshot().context)
		);
		expect(withLessons.getSnapshot().value).toEqual(without.getSnapshot().value);
	});
});

describe('the question list and looking back', () => {
	it('lists every question in the order asked: done, current, skipped or to come', async () => {
		const actor = start();
		await send(actor, { type: 'quiz.start' });
		await send(actor, answer(singleChoice));
		await send(actor, { type: 'question.next' });
		await send(actor, { type: 'question.skip' });

		const view = quizView(actor.getSnapshot(), 4, hintsFrom(questions));
		expect(view.status === 'answering' && view.list?.map((q) => [q.id, q.status])).toEqual([
			[singleChoice.id, 'done'],
			[trueFalse.id, 'current'],
			[multipleChoice.id, 'skipped'],
			[shortAnswer.id, 'upcoming'],
			[ordering.id, 'upcoming'],
			[matching.id, 'upcoming']
		]);
	});

	it('reopens a finished question with its answer, explanation and citations, and changes nothing', async () => {
		const actor = start();
		await send(actor, { type: 'quiz.start' });
		await send(actor, answer(singleChoice, false));
		await send(actor, { type: 'answer.retry' });
		await send(actor, answer(singleChoice, false));
		await send(actor, { type: 'question.next' });
		const before = actor.getSnapshot();
		const json = JSON.stringify(before.context);

		const review = reviewView(before, singleChoice.id);

		expect(review).toMatchObject({
			id: singleChoice.id,
			number: 1,
			outcome: 'incorrect',
			earned: 0,
			tries: 2,
			explanation: singleChoice.explanation
		});
		expect(review!.answer.length).toBeGreaterThan(0);
		expect(review!.cites).toEqual(singleChoice.cites);
		expect(actor.getSnapshot()).toBe(before);
		expect(JSON.stringify(actor.getSnapshot().context)).toBe(json);
	});

	it('reopens nothing that is not finished: the current, a skipped or an upcoming question', async () => {
		const actor = start();
		expect(reviewView(actor.getSnapshot(), singleChoice.id)).toBeNull(); // intro
		await send(actor, { type: 'quiz.start' });
		await send(actor, answer(singleChoice));
		// Resolved but on screen: the feedback shows it.
		expect(reviewView(actor.getSnapshot(), singleChoice.id)).toBeNull();
		await send(actor, { type: 'question.next' });
		await send(actor, { type: 'question.skip' });
		const snapshot = actor.getSnapshot();
		expect(reviewView(snapshot, singleChoice.id)).not.toBeNull();
		for (const id of [multipleChoice.id, trueFalse.id, shortAnswer.id, 'no-such-question']) {
			expect(reviewView(snapshot, id), id).toBeNull();
		}
	});
});
