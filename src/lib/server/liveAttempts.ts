/**
 * The state of learners' attempts, kept warm. The event log in the database is the truth; the
 * replayed snapshot of each recent attempt is cached here by attempt id and the number of events
 * it has seen (`seq`). A request reads only the events the cache has not seen (normally none), so
 * a page load replays nothing and an answer costs one step of the machine plus the write that
 * makes it durable. Another app server writing the same attempt is fine: its events are simply
 * the tail this cache has not seen yet.
 */
import type { Module } from '$lib/content/schema.ts';
import type { QuizEvent } from '$lib/quiz/quizMachine.ts';
import { appendEvent, eventsFrom, latestAttemptRow, type AttemptRow } from './attempts.ts';
import type { Db } from './db.ts';
import { replay, tryEvent, type Replayed } from './practice.ts';

/**
 * About 20 KB a snapshot: 2,000 attempts is ~40 MB, enough for several schools at once; an
 * attempt pushed out is replayed from its log on its next request.
 */
const MAX_CACHED = 2000;
const cache = new Map<string, Replayed>();

function remember(attemptId: string, state: Replayed): void {
	// A Map iterates in insertion order: re-inserting marks the attempt as most recently used.
	cache.delete(attemptId);
	cache.set(attemptId, state);
	if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}

export interface LiveAttempt extends AttemptRow {
	state: Replayed;
}

/** The learner's latest attempt at a module, at its current state. */
export async function liveAttempt(
	db: Db,
	learnerId: string,
	module: Module
): Promise<LiveAttempt | undefined> {
	const row = await latestAttemptRow(db, learnerId, module.slug);
	if (!row) return undefined;
	const cached = cache.get(row.id);
	const unseen = await eventsFrom(db, row.id, cached?.seq ?? 0);
	const state =
		cached && unseen.length === 0 ? cached : await replay(module, row.seed, unseen, cached);
	remember(row.id, state);
	return { ...row, state };
}

export type Recorded =
	| { kind: 'recorded'; state: Replayed }
	/** The machine does not take this event in the attempt's current state. */
	| { kind: 'refused' }
	/** Another tab or server recorded this step first; nothing was written. */
	| { kind: 'conflict' };

/**
 * Steps the attempt's machine with `event` and, if it takes it, appends the event as the next
 * step. The write is durable before this returns (the database syncs every commit).
 */
export async function recordEvent(
	db: Db,
	module: Module,
	attempt: LiveAttempt,
	event: QuizEvent,
	now: Date
): Promise<Recorded> {
	const next = await tryEvent(module, attempt.seed, attempt.state, event);
	if (!next) return { kind: 'refused' };
	if (!(await appendEvent(db, attempt.id, attempt.state.seq, event, now))) {
		return { kind: 'conflict' };
	}
	remember(attempt.id, next);
	return { kind: 'recorded', state: next };
}

/** Forgets every cached state (for tests that start from an empty database). */
export function forgetAttempts(): void {
	cache.clear();
}
