/**
 * Rate limits for what an anonymous client can make the server store: new practice attempts.
 * Token buckets whose state lives in the database, not in process memory, so several app
 * servers behind a load balancer share one count.
 *
 * A whole school may sit behind one NAT address and press "Start" in the same minute, so the
 * per-address bucket holds a burst of 600 and refills 5 a second (300 a minute); a script starting
 * hundreds a second drains it in a second or two and is then held to that rate. One learner (one
 * cookie) gets 10 at once and one more every 6 seconds: plenty for "Practise again".
 */
import type { Db } from './db.ts';

export interface Bucket {
	capacity: number;
	refillPerSecond: number;
}

export const BUCKETS = {
	address: { capacity: 600, refillPerSecond: 5 },
	learner: { capacity: 10, refillPerSecond: 1 / 6 }
} satisfies Record<string, Bucket>;

export type Scope = keyof typeof BUCKETS;

export interface Limited {
	scope: Scope;
	/** Whole seconds until one more is allowed. */
	retryAfter: number;
}

/**
 * Takes one token from `scope`'s bucket for `key`. Returns null when allowed, or how long to wait.
 * Read and write happen in one transaction, so two servers cannot both spend the last token.
 */
export async function takeToken(
	db: Db,
	scope: Scope,
	key: string,
	now: Date,
	buckets: Record<Scope, Bucket> = BUCKETS
): Promise<Limited | null> {
	const { capacity, refillPerSecond } = buckets[scope];
	const id = `${scope}:${key}`;
	const t = now.getTime();
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('rate_limits')
			.select(['tokens', 'updated_at'])
			.where('key', '=', id)
			.executeTakeFirst();
		const elapsed = row ? Math.max(0, t - row.updated_at) / 1000 : 0;
		const tokens = row ? Math.min(capacity, row.tokens + elapsed * refillPerSecond) : capacity;
		if (tokens < 1) {
			return { scope, retryAfter: Math.ceil((1 - tokens) / refillPerSecond) };
		}
		await trx
			.insertInto('rate_limits')
			.values({ key: id, tokens: tokens - 1, updated_at: t })
			.onConflict((oc) => oc.column('key').doUpdateSet({ tokens: tokens - 1, updated_at: t }))
			.execute();
		return null;
	});
}
