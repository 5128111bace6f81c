/**
 * Rate limits for what an anonymous client can make the server store (new practice attempts,
 * sign-ups, joins) and for guessing (passwords, join and resume codes).
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
	learner: { capacity: 10, refillPerSecond: 1 / 6 },
	// Teachers. Wrong passwords for one account: 10, then one a minute. Wrong passwords from one
	// address (a staff room shares one): 50, then one every 10 s. Sign-ups from one address: 20,
	// then one a minute.
	'signin-account': { capacity: 10, refillPerSecond: 1 / 60 },
	'signin-address': { capacity: 50, refillPerSecond: 1 / 10 },
	'signup-address': { capacity: 20, refillPerSecond: 1 / 60 },
	// Students. A class joins at once from one school address, so joins share the generous
	// `address` bucket; what is limited hard is *wrong* join and resume codes (guessing): 60 from one
	// address, then one every 5 s. At that rate finding one of 27 billion codes takes millennia.
	'wrong-code': { capacity: 60, refillPerSecond: 1 / 5 }
} satisfies Record<string, Bucket>;

export type Scope = keyof typeof BUCKETS;

export interface Limited {
	scope: Scope;
	/** Whole seconds until one more is allowed. */
	retryAfter: number;
}

/**
 * Whether `scope`'s bucket for `key` has a token, without spending it: for limits that spend only
 * on failure (a wrong password or code), checked before trying.
 */
export async function peekToken(
	db: Db,
	scope: Scope,
	key: string,
	now: Date,
	buckets: Record<Scope, Bucket> = BUCKETS
): Promise<Limited | null> {
	const { capacity, refillPerSecond } = buckets[scope];
	const row = await db
		.selectFrom('rate_limits')
		.select(['tokens', 'updated_at'])
		.where('key', '=', `${scope}:${key}`)
		.executeTakeFirst();
	if (!row) return null;
	const elapsed = Math.max(0, now.getTime() - Number(row.updated_at)) / 1000;
	const tokens = Math.min(capacity, row.tokens + elapsed * refillPerSecond);
	return tokens < 1 ? { scope, retryAfter: Math.ceil((1 - tokens) / refillPerSecond) } : null;
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
		const elapsed = row ? Math.max(0, t - Number(row.updated_at)) / 1000 : 0;
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
