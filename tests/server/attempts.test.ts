import { describe, expect, it } from 'vitest';
import { appendEvent, latestAttempt, startAttempt } from '../../src/lib/server/attempts.ts';
import { openDatabase } from '../../src/lib/server/db.ts';

const now = new Date('2026-11-28T09:00:00Z');
const learner = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

describe('attempts', () => {
	it('starts an attempt with its quiz.start event already recorded', async () => {
		const db = await openDatabase(':memory:');
		const id = await startAttempt(db, { learnerId: learner, moduleSlug: 'm', seed: 7, now });
		const attempt = await latestAttempt(db, learner, 'm');
		expect(attempt).toEqual({ id, moduleSlug: 'm', seed: 7, events: [{ type: 'quiz.start' }] });
	});

	it('returns the newest attempt after a restart, keeping the old one untouched', async () => {
		const db = await openDatabase(':memory:');
		const first = await startAttempt(db, { learnerId: learner, moduleSlug: 'm', seed: 1, now });
		await appendEvent(db, first, 1, { type: 'hint.request' }, now);
		const second = await startAttempt(db, { learnerId: learner, moduleSlug: 'm', seed: 2, now });
		expect((await latestAttempt(db, learner, 'm'))?.id).toBe(second);
		const rows = await db
			.selectFrom('attempt_events')
			.selectAll()
			.where('attempt_id', '=', first)
			.execute();
		expect(rows.map((r) => r.seq)).toEqual([0, 1]);
	});

	it('refuses a second event for the same step, so two tabs cannot both record it', async () => {
		const db = await openDatabase(':memory:');
		const id = await startAttempt(db, { learnerId: learner, moduleSlug: 'm', seed: 1, now });
		expect(await appendEvent(db, id, 1, { type: 'hint.request' }, now)).toBe(true);
		expect(await appendEvent(db, id, 1, { type: 'question.next' }, now)).toBe(false);
		expect((await latestAttempt(db, learner, 'm'))?.events).toEqual([
			{ type: 'quiz.start' },
			{ type: 'hint.request' }
		]);
	});

	it('keeps attempts of different learners and modules apart', async () => {
		const db = await openDatabase(':memory:');
		await startAttempt(db, { learnerId: learner, moduleSlug: 'm', seed: 1, now });
		expect(await latestAttempt(db, learner, 'other')).toBeUndefined();
		expect(await latestAttempt(db, '00000000-0000-4000-8000-000000000000', 'm')).toBeUndefined();
	});
});
