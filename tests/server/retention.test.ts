/**
 * Anonymous attempts untouched for the retention period are deleted with their events; anything
 * touched since is kept whole.
 */
import { describe, expect, it } from 'vitest';
import { appendEvent, latestAttempt, startAttempt } from '../../src/lib/server/attempts.ts';
import { openDatabase } from '../../src/lib/server/db.ts';
import { takeToken } from '../../src/lib/server/rateLimit.ts';
import {
	DEFAULT_RETENTION_DAYS,
	purgeStaleAttempts,
	retentionDays
} from '../../src/lib/server/retention.ts';

const DAY = 86_400_000;
const today = new Date('2026-11-28T09:00:00Z');
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY);
const learner = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('purgeStaleAttempts', () => {
	it('keeps an attempt imported lately from a progress file, however old its events', async () => {
		const db = await openDatabase(':memory:');
		const imported = await startAttempt(db, {
			learnerId: learner(1),
			moduleSlug: 'm',
			seed: 1,
			now: daysAgo(300)
		});
		await db
			.updateTable('practice_attempts')
			.set({ imported_at: daysAgo(1).toISOString() })
			.where('id', '=', imported)
			.execute();
		expect(await purgeStaleAttempts(db, today, 180)).toEqual([]);
		expect(await purgeStaleAttempts(db, new Date(today.getTime() + 200 * DAY), 180)).toEqual([
			imported
		]);
	});

	it('deletes attempts untouched for longer than the period, with their events', async () => {
		const db = await openDatabase(':memory:');
		const old = await startAttempt(db, {
			learnerId: learner(1),
			moduleSlug: 'm',
			seed: 1,
			now: daysAgo(200)
		});
		await appendEvent(db, old, 1, { type: 'hint.request' }, daysAgo(190));
		const recent = await startAttempt(db, {
			learnerId: learner(2),
			moduleSlug: 'm',
			seed: 1,
			now: daysAgo(10)
		});

		expect(await purgeStaleAttempts(db, today, 180)).toEqual([old]);
		expect(await latestAttempt(db, learner(1), 'm')).toBeUndefined();
		const orphans = await db
			.selectFrom('attempt_events')
			.select('attempt_id')
			.where('attempt_id', '=', old)
			.execute();
		expect(orphans).toEqual([]);
		expect((await latestAttempt(db, learner(2), 'm'))?.id).toBe(recent);
	});

	it('keeps an old attempt the learner came back to recently', async () => {
		const db = await openDatabase(':memory:');
		const id = await startAttempt(db, {
			learnerId: learner(1),
			moduleSlug: 'm',
			seed: 1,
			now: daysAgo(400)
		});
		await appendEvent(db, id, 1, { type: 'hint.request' }, daysAgo(3));
		expect(await purgeStaleAttempts(db, today, 180)).toEqual([]);
		expect((await latestAttempt(db, learner(1), 'm'))?.events).toHaveLength(2);
	});

	it('deletes in batches until every stale attempt is gone', async () => {
		const db = await openDatabase(':memory:');
		for (let i = 0; i < 1203; i++) {
			await startAttempt(db, {
				learnerId: learner(i),
				moduleSlug: 'm',
				seed: 1,
				now: daysAgo(365)
			});
		}
		expect(await purgeStaleAttempts(db, today, 180)).toHaveLength(1203);
		const left = await db.selectFrom('practice_attempts').select('id').execute();
		expect(left).toEqual([]);
	});

	it('drops rate-limit buckets untouched for a day', async () => {
		const db = await openDatabase(':memory:');
		await takeToken(db, 'address', 'old', daysAgo(2));
		await takeToken(db, 'address', 'fresh', today);
		await purgeStaleAttempts(db, today, 180);
		const keys = await db.selectFrom('rate_limits').select('key').execute();
		expect(keys.map((k) => k.key)).toEqual(['address:fresh']);
	});
});

describe('retentionDays', () => {
	it('defaults to 180 days', () => {
		expect(DEFAULT_RETENTION_DAYS).toBe(180);
		expect(retentionDays(undefined)).toBe(180);
		expect(retentionDays('')).toBe(180);
	});

	it('reads a number of days, 0 meaning keep forever', () => {
		expect(retentionDays('30')).toBe(30);
		expect(retentionDays('0')).toBe(0);
	});

	it('refuses nonsense with a message that says what to set', () => {
		expect(() => retentionDays('six months')).toThrow(/RETENTION_DAYS must be a number of days/);
		expect(() => retentionDays('-1')).toThrow(/RETENTION_DAYS/);
	});
});
