/**
 * The review queue on the server: cards derived from a learner's self-study logs, each outcome
 * dated by the event that resolved its question, with a fake clock throughout (every event is
 * written with a given time and the queue is read at a given `now`).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Module } from '../../src/lib/content/schema.ts';
import { current, type QuizEvent } from '../../src/lib/quiz/quizMachine.ts';
import { RATING } from '../../src/lib/review/rating.ts';
import { latestAttemptRow, latestReviewRow, startAttempt } from '../../src/lib/server/attempts.ts';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import {
	forgetAttempts,
	liveAttempt,
	liveAttemptOf,
	recordEvent,
	type LiveAttempt
} from '../../src/lib/server/liveAttempts.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { learnerProgress } from '../../src/lib/server/progress.ts';
import {
	forgetOutcomes,
	learnerOutcomes,
	learnerQueue,
	queueLines,
	reviewConfig
} from '../../src/lib/server/review.ts';
import { correctResponse, wrongResponse } from '../quiz/fixtures.ts';

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const paragraphs = module.article.paragraphs;
const alice = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const [q1, q2, q3] = module.questions;
const T0 = new Date('2026-11-02T09:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (ms: number) => new Date(T0.getTime() + ms);

type Step = 'right' | 'wrong' | 'hint' | 'retry' | 'reveal' | 'next';

/** Plays steps at an attempt, each a minute after the last; returns the time of the last one. */
async function play(db: Db, attempt: LiveAttempt, steps: Step[], from: Date): Promise<Date> {
	let when = from;
	let live = attempt;
	for (const step of steps) {
		when = new Date(when.getTime() + MINUTE);
		live = await liveAttemptOf(db, module, live);
		const id = current(live.state.snapshot.context).id;
		const question = module.questions.find((q) => q.id === id)!;
		const event: QuizEvent =
			step === 'right'
				? { type: 'answer.submit', response: correctResponse(question, paragraphs) }
				: step === 'wrong'
					? { type: 'answer.submit', response: wrongResponse(question, paragraphs) }
					: {
							hint: { type: 'hint.request' } as const,
							retry: { type: 'answer.retry' } as const,
							reveal: { type: 'answer.reveal' } as const,
							next: { type: 'question.next' } as const
						}[step];
		expect((await recordEvent(db, module, live, event, when)).kind, step).toBe('recorded');
	}
	return when;
}

async function practise(db: Db, learner: string, steps: Step[], from: Date): Promise<Date> {
	await startAttempt(db, { learnerId: learner, moduleSlug: module.slug, seed: 7, now: from });
	return play(db, (await liveAttempt(db, learner, module))!, steps, from);
}

beforeEach(() => {
	forgetAttempts();
	forgetOutcomes();
});

describe('the review queue', () => {
	it('has no cards for a learner who has not practised', async () => {
		const db = await openDatabase(':memory:');
		const queue = await learnerQueue(db, alice, findModule, T0);
		expect(queue).toEqual({ cards: [], due: [], nextDue: null });
		expect(await queueLines(db, alice, findModule, T0)).toEqual({});
	});

	it('makes a card of every resolved question, rated and dated by the event that resolved it', async () => {
		const db = await openDatabase(':memory:');
		// q1 right first time (Good); q2 wrong, retry, right (Hard); q3 wrong twice, shown (Again).
		await practise(
			db,
			alice,
			['right', 'next', 'wrong', 'retry', 'right', 'next', 'wrong', 'retry', 'wrong', 'reveal'],
			T0
		);
		const outcomes = await learnerOutcomes(db, alice, findModule);
		expect(outcomes).toEqual([
			{ moduleSlug: module.slug, questionId: q1!.id, rating: RATING.good, at: at(MINUTE) },
			{ moduleSlug: module.slug, questionId: q2!.id, rating: RATING.hard, at: at(5 * MINUTE) },
			{ moduleSlug: module.slug, questionId: q3!.id, rating: RATING.again, at: at(9 * MINUTE) }
		]);
		// Just after: nothing due yet; the Again card (due a minute after it was missed) comes next.
		const now = at(9 * MINUTE + 30_000);
		const queue = await learnerQueue(db, alice, findModule, now);
		expect(queue.cards).toHaveLength(3);
		expect(queue.due).toEqual([]);
		const again = queue.cards.find((c) => c.questionId === q3!.id)!;
		expect(queue.nextDue).toEqual(again.due);
		expect(again.due.getTime() - at(9 * MINUTE).getTime()).toBeLessThanOrEqual(10 * MINUTE);
		expect(await queueLines(db, alice, findModule, now)).toEqual({
			[module.slug]: { kind: 'later', at: again.due.toISOString(), words: expect.any(String) }
		});
		// Three days later every card is due.
		const later = at(3 * DAY);
		expect((await learnerQueue(db, alice, findModule, later)).due).toHaveLength(3);
		expect(await queueLines(db, alice, findModule, later)).toEqual({
			[module.slug]: { kind: 'due', due: 3 }
		});
	});

	it('a question skipped past while on its retry is resolved by "next", and rated then', async () => {
		const db = await openDatabase(':memory:');
		await practise(db, alice, ['wrong', 'next'], T0);
		expect(await learnerOutcomes(db, alice, findModule)).toEqual([
			{ moduleSlug: module.slug, questionId: q1!.id, rating: RATING.again, at: at(2 * MINUTE) }
		]);
	});

	it('a review moves the due date on, and is not the module page’s practice', async () => {
		const db = await openDatabase(':memory:');
		await practise(db, alice, ['right', 'next'], T0);
		const practice = (await latestAttemptRow(db, alice, module.slug))!;
		const later = at(3 * DAY);
		const before = (await learnerQueue(db, alice, findModule, later)).due;
		expect(before.map((c) => c.questionId)).toEqual([q1!.id]);

		await startAttempt(db, {
			learnerId: alice,
			moduleSlug: module.slug,
			seed: 9,
			now: later,
			reviewOf: [q1!.id]
		});
		const row = (await latestReviewRow(db, alice, module.slug))!;
		expect(row.questionIds).toEqual([q1!.id]);
		expect((await latestAttemptRow(db, alice, module.slug))!.id).toBe(practice.id);
		const review = await liveAttemptOf(db, module, {
			...row,
			config: reviewConfig(row.questionIds)
		});
		expect(review.state.snapshot.context.settings.mode).toBe('review');
		expect(review.state.snapshot.context.questions.map((q) => q.id)).toEqual([q1!.id]);
		await play(db, review, ['right', 'next'], later);
		expect(review.state.snapshot.context.questions).toHaveLength(1);

		const after = await learnerQueue(db, alice, findModule, at(3 * DAY + 5 * MINUTE));
		expect(after.due).toEqual([]);
		const card = after.cards[0]!;
		expect(card.reps).toBe(2);
		expect(card.state).toBe('review');
		expect(card.due.getTime() - later.getTime()).toBeGreaterThan(DAY);

		// "Your progress" lists the review as a review, numbered apart from practice sessions.
		const { sessions } = await learnerProgress(db, alice, findModule);
		expect(sessions.map((s) => [s.kind, s.number, s.total, s.finished])).toEqual([
			['practice', 1, module.questions.length, false],
			['review', 1, 1, true]
		]);
	});

	it('ignores assignment attempts, even under the same id', async () => {
		const db = await openDatabase(':memory:');
		await practise(db, alice, ['right', 'next'], T0);
		// An assignment's attempt at the same module: a teacher's record, not Alice's own review.
		const now = T0.toISOString();
		await db
			.insertInto('teachers')
			.values({ id: 't', email: 't@example.org', name: 'T', password_hash: 'x', created_at: now })
			.execute();
		await db
			.insertInto('classes')
			.values({ id: 'c', teacher_id: 't', name: 'C', created_at: now })
			.execute();
		await db
			.insertInto('assignments')
			.values({
				id: 'a',
				class_id: 'c',
				module_slug: module.slug,
				code: 'ABCDEFG',
				lessons: '[]',
				mode: 'practice',
				max_attempts: 0,
				opens_at: null,
				due_at: null,
				time_limit_minutes: null,
				shuffle_questions: 0,
				shuffle_choices: 0,
				reveal: 'each-question',
				created_at: now,
				updated_at: now
			})
			.execute();
		await db
			.insertInto('students')
			.values({
				id: 's',
				assignment_id: 'a',
				display_name: 'S',
				resume_hash: 'h',
				extra_attempts: 0,
				joined_at: now
			})
			.execute();
		const id = await startAttempt(db, {
			learnerId: alice,
			moduleSlug: module.slug,
			seed: 3,
			now: at(DAY)
		});
		await db
			.insertInto('assignment_attempts')
			.values({ attempt_id: id, student_id: 's', number: 1, started_at: now })
			.execute();
		await play(
			db,
			await liveAttemptOf(db, module, { id, moduleSlug: module.slug, seed: 3 }),
			['wrong', 'retry', 'wrong', 'next', 'wrong'],
			at(DAY)
		);
		const outcomes = await learnerOutcomes(db, alice, findModule);
		expect(outcomes.map((o) => [o.questionId, o.rating])).toEqual([[q1!.id, RATING.good]]);
	});

	it('drops the card of a question the module no longer has', async () => {
		const db = await openDatabase(':memory:');
		await practise(db, alice, ['right', 'next', 'wrong', 'retry', 'wrong', 'next'], T0);
		expect((await learnerQueue(db, alice, findModule, T0)).cards).toHaveLength(2);
		const without: Module = {
			...module,
			questions: module.questions.filter((q) => q.id !== q2!.id),
			lessons: module.lessons.map((l) => ({
				...l,
				questions: l.questions.filter((id) => id !== q2!.id)
			}))
		};
		const edited = (slug: string) => (slug === module.slug ? without : undefined);
		const queue = await learnerQueue(db, alice, edited, T0);
		expect(queue.cards.map((c) => c.questionId)).not.toContain(q2!.id);
	});
});
