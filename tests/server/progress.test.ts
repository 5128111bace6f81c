/**
 * "Your progress": a learner's sessions replayed from their logs, per lesson and per skill, and
 * the questions missed most, linked to their paragraph only as the highlight rules allow.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { current, type QuizEvent } from '../../src/lib/quiz/quizMachine.ts';
import { startAttempt } from '../../src/lib/server/attempts.ts';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { forgetAttempts, liveAttempt, recordEvent } from '../../src/lib/server/liveAttempts.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { hasPractised, learnerProgress } from '../../src/lib/server/progress.ts';
import { correctResponse, wrongResponse } from '../quiz/fixtures.ts';

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const paragraphs = module.article.paragraphs;
const alice = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const bob = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const [q1, q2] = module.questions;
const maxScore = module.questions.reduce((s, q) => s + q.points, 0);

type Step = 'right' | 'wrong' | 'retry' | 'reveal' | 'next';

/** Plays steps at the learner's latest attempt, each a minute after `from`. */
async function play(db: Db, learner: string, steps: Step[], from: Date): Promise<Date> {
	let at = from;
	for (const step of steps) {
		at = new Date(at.getTime() + 60_000);
		const attempt = (await liveAttempt(db, learner, module))!;
		const id = current(attempt.state.snapshot.context).id;
		const question = module.questions.find((q) => q.id === id)!;
		const event: QuizEvent =
			step === 'right'
				? { type: 'answer.submit', response: correctResponse(question, paragraphs) }
				: step === 'wrong'
					? { type: 'answer.submit', response: wrongResponse(question, paragraphs) }
					: step === 'retry'
						? { type: 'answer.retry' }
						: step === 'reveal'
							? { type: 'answer.reveal' }
							: { type: 'question.next' };
		expect((await recordEvent(db, module, attempt, event, at)).kind, step).toBe('recorded');
	}
	return at;
}

beforeEach(() => forgetAttempts());

describe('learner progress', () => {
	it('shows nothing for a learner who has not practiced', async () => {
		const db = await openDatabase(':memory:');
		expect(await learnerProgress(db, alice, findModule)).toEqual({ sessions: [], missed: [] });
		expect(await hasPractised(db, alice)).toBe(false);
	});

	it('lists each session with its dates, status, score, lessons and skills, oldest first', async () => {
		const db = await openDatabase(':memory:');
		const t0 = new Date('2026-11-01T09:00:00Z');
		await startAttempt(db, { learnerId: alice, moduleSlug: module.slug, seed: 3, now: t0 });
		// Session 1: the first question wrong twice, answer shown; the second right.
		const end1 = await play(db, alice, ['wrong', 'retry', 'wrong', 'reveal', 'next', 'right'], t0);
		const t1 = new Date('2026-11-08T09:00:00Z');
		await startAttempt(db, { learnerId: alice, moduleSlug: module.slug, seed: 4, now: t1 });
		// Session 2: the first question wrong, then right on the retry.
		const end2 = await play(db, alice, ['wrong', 'retry', 'right'], t1);
		// Another learner's session is not Alice's.
		await startAttempt(db, { learnerId: bob, moduleSlug: module.slug, seed: 5, now: t1 });
		await play(db, bob, ['wrong', 'retry', 'wrong'], t1);

		const { sessions, missed } = await learnerProgress(db, alice, findModule);
		expect(sessions.map((s) => [s.number, s.startedAt, s.lastActivityAt])).toEqual([
			[1, t0.toISOString(), end1.toISOString()],
			[2, t1.toISOString(), end2.toISOString()]
		]);
		const [s1, s2] = sessions;
		expect(s1!.finished).toBe(false);
		expect(s1!.score).toBe(q2!.points);
		expect(s1!.maxScore).toBe(maxScore);
		expect(s1!.answered).toBe(2);
		expect(s1!.total).toBe(module.questions.length);
		expect(s1!.lessons.map((l) => l.answered)).toEqual(
			module.lessons.map((_, i) => (i === 0 ? 2 : 0))
		);
		expect(s1!.lessons[0]).toMatchObject({ earned: q2!.points, title: module.lessons[0]!.title });
		// Retried once: three quarters of the points.
		expect(s2!.score).toBe(q1!.points * 0.75);
		expect(s2!.answered).toBe(1);

		// Skills: the share of the answered questions' points, per session.
		const share = (s: typeof s1, skill: string) => s!.skills.find((k) => k.skill === skill)!;
		if (q1!.skill !== q2!.skill) {
			expect(share(s1, q1!.skill).share).toBe(0);
			expect(share(s1, q2!.skill).share).toBe(1);
			expect(share(s2, q2!.skill).share).toBe(null);
		}
		expect(share(s2, q1!.skill).share).toBeCloseTo(0.75);

		// Missed most: the first question, in both sessions; then the ones missed in one.
		expect(missed[0]).toMatchObject({ prompt: q1!.prompt, sessions: 2 });
		expect(missed.some((m) => m.prompt === q2!.prompt)).toBe(false);
		// The latest session earned its citation (right answer): the quoted link.
		const cite = q1!.cites[0]!;
		expect(missed[0]!.href).toBe(`/modules/${module.slug}?q=${q1!.id}&cite=0#p-${cite.paragraph}`);
		expect(missed[0]!.paragraph).toBe(cite.paragraph);

		expect(await hasPractised(db, alice)).toBe(true);
		const bobs = await learnerProgress(db, bob, findModule);
		expect(bobs.sessions).toHaveLength(1);
		expect(bobs.missed[0]).toMatchObject({ prompt: q1!.prompt, sessions: 1 });
	});

	it('links a question missed before, and not yet answered now, without its quote', async () => {
		const db = await openDatabase(':memory:');
		const t0 = new Date('2026-11-01T09:00:00Z');
		await startAttempt(db, { learnerId: alice, moduleSlug: module.slug, seed: 3, now: t0 });
		await play(db, alice, ['wrong', 'retry', 'wrong', 'reveal'], t0);
		await startAttempt(db, { learnerId: alice, moduleSlug: module.slug, seed: 4, now: t0 });
		const { missed } = await learnerProgress(db, alice, findModule);
		const cite = q1!.cites[0]!;
		expect(missed[0]!.sessions).toBe(1);
		expect(missed[0]!.href).toBe(
			q1!.type === 'evidence' ? null : `/modules/${module.slug}#p-${cite.paragraph}`
		);
		// Never the answer: the page data holds prompts, counts and paragraph numbers only.
		expect(Object.keys(missed[0]!).sort()).toEqual(
			['href', 'moduleSlug', 'moduleTitle', 'paragraph', 'prompt', 'sessions'].sort()
		);
	});
});
