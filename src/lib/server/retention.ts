/**
 * Retention: anonymous practice attempts nobody has touched for RETENTION_DAYS (default 180) are
 * deleted, with their events, (an assignment's attempts are the teacher's records and stay), by a job the server runs at start and every six hours. Stale
 * rate-limit buckets go too. Deleting in batches keeps each write lock short, so learners
 * answering meanwhile do not wait behind it.
 */
import type { Db } from './db.ts';

export const DEFAULT_RETENTION_DAYS = 180;
const EVERY = 6 * 60 * 60 * 1000;
const BATCH = 500;
const DAY = 24 * 60 * 60 * 1000;

/** RETENTION_DAYS as a number of days: a positive number, or 0 for "keep forever". */
export function retentionDays(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return DEFAULT_RETENTION_DAYS;
	const days = Number(value);
	if (!Number.isFinite(days) || days < 0) {
		throw new Error(
			`RETENTION_DAYS must be a number of days (0 keeps attempts forever), not “${value}”.`
		);
	}
	return days;
}

/**
 * Deletes attempts whose newest event (or creation, if none) is older than `days` before `now`.
 * Returns the ids deleted.
 */
export async function purgeStaleAttempts(db: Db, now: Date, days: number): Promise<string[]> {
	const cutoff = new Date(now.getTime() - days * DAY).toISOString();
	const deleted: string[] = [];
	for (;;) {
		const ids = await db.transaction().execute(async (trx) => {
			const stale = await trx
				.selectFrom('practice_attempts as a')
				.select('a.id')
				.where('a.created_at', '<', cutoff)
				// Brought in from a progress file lately: the import was the touch.
				.where((eb) => eb.or([eb('a.imported_at', 'is', null), eb('a.imported_at', '<', cutoff)]))
				.where((eb) =>
					eb.not(
						eb.exists(
							eb
								.selectFrom('assignment_attempts as aa')
								.select('aa.attempt_id')
								.whereRef('aa.attempt_id', '=', 'a.id')
						)
					)
				)
				.where((eb) =>
					eb.not(
						eb.exists(
							eb
								.selectFrom('attempt_events as e')
								.select('e.seq')
								.whereRef('e.attempt_id', '=', 'a.id')
								.where('e.created_at', '>=', cutoff)
						)
					)
				)
				.limit(BATCH)
				.execute();
			const ids = stale.map((r) => r.id);
			if (ids.length) {
				await trx.deleteFrom('attempt_events').where('attempt_id', 'in', ids).execute();
				await trx.deleteFrom('review_sessions').where('attempt_id', 'in', ids).execute();
				await trx.deleteFrom('practice_attempts').where('id', 'in', ids).execute();
			}
			return ids;
		});
		deleted.push(...ids);
		if (ids.length < BATCH) break;
		// Let waiting requests in between batches.
		await new Promise((resolve) => setImmediate(resolve));
	}
	await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
	// A bucket untouched for a day has long refilled: it says nothing a fresh one would not.
	await db
		.deleteFrom('rate_limits')
		.where('updated_at', '<', now.getTime() - DAY)
		.execute();
	return deleted;
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Runs the purge now and every six hours; `days` 0 turns it off. */
export function scheduleRetention(db: Db, days: number): void {
	if (timer || days === 0) return;
	const run = () =>
		purgeStaleAttempts(db, new Date(), days).then(
			(ids) => {
				if (ids.length) {
					console.log(JSON.stringify({ msg: 'retention', deletedAttempts: ids.length, days }));
				}
			},
			(error: unknown) =>
				console.error(JSON.stringify({ msg: 'retention failed', error: String(error) }))
		);
	void run();
	// unref: the job never keeps a process alive that is otherwise done.
	timer = setInterval(run, EVERY);
	timer.unref();
}
