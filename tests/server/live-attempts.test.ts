/**
 * Attempts kept warm: the cached state is always the log's state, an answer is one step of the
 * machine plus one durable write, and a step another server wrote is picked up, not lost.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { current } from '../../src/lib/quiz/quizMachine.ts';
import { appendEvent, latestAttempt, startAttempt } from '../../src/lib/server/attempts.ts';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { forgetAttempts, liveAttempt, recordEvent } from '../../src/lib/server/liveAttempts.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { replay } from '../../src/lib/server/practice.ts';
import { correctResponse, wrongResponse } from '../quiz/fixtures.ts';

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const learner = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const now = new Date('2026-11-28T09:00:00Z');

async function started(): Promise<Db> {
	const db = await openDatabase(':memory:');
	await startAttempt(db, { learnerId: learner, moduleSlug: module.slug, seed: 5, now });
	return db;
}

function keyOf(db: Db) {
	return async () => {
		const attempt = (await liveAttempt(db, learner, module))!;
		const id = current(attempt.state.snapshot.context).id;
		return { attempt, question: module.questions.find((q) => q.id === id)! };
	};
}

beforeEach(() => forgetAttempts());

describe('live attempts', () => {
	it('records an answer and the next step, each as the next seq in the log', async () => {
		const db = await started();
		const at = keyOf(db);
		const { attempt: fresh, question } = await at();
		let attempt = fresh;
		expect(attempt.state.seq).toBe(1);
		const answer = {
			type: 'answer.submit' as const,
			response: correctResponse(question, module.article.paragraphs)
		};
		const recorded = await recordEvent(db, module, attempt, answer, now);
		expect(recorded.kind).toBe('recorded');
		({ attempt } = await at());
		expect(attempt.state.seq).toBe(2);
		expect(attempt.state.snapshot.matches({ feedback: 'correct' })).toBe(true);
		expect((await latestAttempt(db, learner, module.slug))!.events).toEqual([
			{ type: 'quiz.start' },
			answer
		]);
	});

	it('ends up in exactly the state a full replay of the log gives', async () => {
		const db = await started();
		const at = keyOf(db);
		for (let i = 0; i < 6; i++) {
			const { attempt, question } = await at();
			const response = (i % 2 ? wrongResponse : correctResponse)(
				question,
				module.article.paragraphs
			);
			await recordEvent(db, module, attempt, { type: 'answer.submit', response }, now);
			const after = (await at()).attempt;
			await recordEvent(db, module, after, { type: 'question.next' }, now);
		}
		const cached = (await at()).attempt.state;
		const log = (await latestAttempt(db, learner, module.slug))!;
		const full = await replay(module, log.seed, log.events);
		expect(cached.seq).toBe(full.seq);
		expect(cached.snapshot.value).toEqual(full.snapshot.value);
		expect(cached.snapshot.context).toEqual(full.snapshot.context);
	});

	it('picks up a step another server wrote to the log since it was cached', async () => {
		const db = await started();
		const { attempt } = await keyOf(db)();
		// Another app server records a hint request as step 1.
		expect(await appendEvent(db, attempt.id, 1, { type: 'hint.request' }, now)).toBe(true);
		const seen = (await liveAttempt(db, learner, module))!;
		expect(seen.state.seq).toBe(2);
		const question = current(seen.state.snapshot.context);
		expect(seen.state.snapshot.context.progress[question.id]!.hintsUsed).toBe(1);
	});

	it('writes nothing and says so when the step was taken by another tab first', async () => {
		const db = await started();
		const { attempt } = await keyOf(db)();
		await appendEvent(db, attempt.id, 1, { type: 'hint.request' }, now);
		// `attempt` is the stale state from before the other tab's write.
		const recorded = await recordEvent(db, module, attempt, { type: 'hint.request' }, now);
		expect(recorded).toEqual({ kind: 'conflict' });
		expect((await latestAttempt(db, learner, module.slug))!.events).toHaveLength(2);
	});

	it('refuses an event the machine does not take now, writing nothing', async () => {
		const db = await started();
		const { attempt } = await keyOf(db)();
		expect(await recordEvent(db, module, attempt, { type: 'question.next' }, now)).toEqual({
			kind: 'refused'
		});
		expect((await latestAttempt(db, learner, module.slug))!.events).toHaveLength(1);
	});
});
