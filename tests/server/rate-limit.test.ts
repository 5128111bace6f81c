/**
 * New attempts are rate-limited per address and per learner, with the state in the database: a
 * school behind one address can start together, a script cannot start hundreds a second.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db.ts';
import { BUCKETS, takeToken } from '../../src/lib/server/rateLimit.ts';

const t0 = new Date('2026-11-28T09:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('takeToken', () => {
	it('lets a whole school behind one address start within the same minute', async () => {
		const db = await openDatabase(':memory:');
		for (let i = 0; i < 500; i++) {
			// 500 students pressing Start over 60 seconds.
			expect(await takeToken(db, 'address', '203.0.113.7', later((i * 60) / 500))).toBeNull();
		}
	});

	it('stops a script starting hundreds a second, and says how long to wait', async () => {
		const db = await openDatabase(':memory:');
		let allowed = 0;
		let refusal = null;
		for (let i = 0; i < 2000; i++) {
			// 2,000 starts within two seconds.
			const limited = await takeToken(db, 'address', '198.51.100.9', later(i / 1000));
			if (limited) refusal = limited;
			else allowed++;
		}
		expect(allowed).toBeLessThanOrEqual(
			BUCKETS.address.capacity + 2 * BUCKETS.address.refillPerSecond + 1
		);
		expect(allowed).toBeGreaterThanOrEqual(BUCKETS.address.capacity);
		expect(refusal).toEqual({ scope: 'address', retryAfter: 1 });
	});

	it('keeps addresses and learners apart', async () => {
		const db = await openDatabase(':memory:');
		for (let i = 0; i < BUCKETS.learner.capacity; i++) {
			expect(await takeToken(db, 'learner', 'a', t0)).toBeNull();
		}
		expect(await takeToken(db, 'learner', 'a', t0)).toEqual({ scope: 'learner', retryAfter: 6 });
		expect(await takeToken(db, 'learner', 'b', t0)).toBeNull();
		expect(await takeToken(db, 'address', 'a', t0)).toBeNull();
	});

	it('refills with time, up to the bucket’s size', async () => {
		const db = await openDatabase(':memory:');
		for (let i = 0; i < BUCKETS.learner.capacity; i++) await takeToken(db, 'learner', 'a', t0);
		expect(await takeToken(db, 'learner', 'a', later(3))).not.toBeNull();
		expect(await takeToken(db, 'learner', 'a', later(6))).toBeNull();
		expect(await takeToken(db, 'learner', 'a', later(6))).not.toBeNull();
		// A day later the bucket is full again, and no fuller.
		let allowed = 0;
		for (let i = 0; i < 2 * BUCKETS.learner.capacity; i++) {
			if (!(await takeToken(db, 'learner', 'a', later(86_400)))) allowed++;
		}
		expect(allowed).toBe(BUCKETS.learner.capacity);
	});

	it('keeps its count in the database, so a second server sees the same bucket', async () => {
		const db = await openDatabase(':memory:');
		for (let i = 0; i < BUCKETS.learner.capacity; i++) await takeToken(db, 'learner', 'a', t0);
		const row = await db
			.selectFrom('rate_limits')
			.selectAll()
			.where('key', '=', 'learner:a')
			.executeTakeFirstOrThrow();
		expect(row.tokens).toBeCloseTo(0);
		expect(row.updated_at).toBe(t0.getTime());
	});
});
