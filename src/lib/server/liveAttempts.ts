/**
 * The state of learners' attempts, kept warm. The event log in the database is the truth; each
 * recent attempt's machine is kept running here, idle between requests, together with the number
 * of logged events it has taken (`seq`). A request reads only the events it has not seen
 * (normally none), so a page load replays nothing and an answer costs one step of the machine
 * plus the write that makes it durable. Another app server writing the same attempt is fine: its
 * events are simply a tail this process has not seen yet.
 *
 * Keeping the actor rather than a snapshot matters: restoring an actor from a snapshot copies
 * the whole context (every question of the quiz) in and out, which cost more than the step.
 */
import type { SnapshotFrom } from 'xstate';
import type { Module } from '$lib/content/schema.ts';
import type { QuizEvent, QuizMachine } from '$lib/quiz/quizMachine.ts';
import { reviewConfig } from '$lib/review/session.ts';
import {
	appendEventGrouped,
	eventsFrom,
	latestAttemptRow,
	latestReviewRow,
	type AttemptRow
} from './attempts.ts';
import type { Db } from './db.ts';
import { startActor, step, type QuizActor, type Replayed } from './practice.ts';

interface Warm {
	actor: QuizActor;
	seq: number;
}

/**
 * About 20 KB an attempt: 2,000 is ~40 MB, enough for several schools at once; an attempt pushed
 * out is replayed from its log on its next request.
 */
const MAX_CACHED = 2000;
const cache = new Map<string, Warm>();

function remember(attemptId: string, warm: Warm): void {
	// A Map iterates in insertion order: re-inserting marks the attempt as most recently used.
	cache.delete(attemptId);
	cache.set(attemptId, warm);
	if (cache.size > MAX_CACHED) forget(cache.keys().next().value!);
}

/** Drops an attempt's warm machine (its log was removed, or must be read again). */
export function forget(attemptId: string): void {
	cache.get(attemptId)?.actor.stop();
	cache.delete(attemptId);
}

/**
 * One request at a time per attempt in this process, so a step and its write are never
 * interleaved with another's (two tabs posting at once). Across processes the log's
 * `(attempt, seq)` key decides.
 */
const queues = new Map<string, Promise<unknown>>();

function serially<T>(attemptId: string, work: () => Promise<T>): Promise<T> {
	const before = queues.get(attemptId) ?? Promise.resolve();
	const done = before.then(work, work);
	const settled = done.then(
		() => {},
		() => {}
	);
	queues.set(attemptId, settled);
	void settled.then(() => {
		if (queues.get(attemptId) === settled) queues.delete(attemptId);
	});
	return done;
}

async function warmUp(
	db: Db,
	module: Module,
	row: AttemptRow
): Promise<{ warm: Warm; snapshot: SnapshotFrom<QuizMachine> }> {
	let warm = cache.get(row.id);
	const unseen = await eventsFrom(db, row.id, warm?.seq ?? 0);
	if (!warm) {
		warm = { actor: startActor(module, row.seed, row.config), seq: 0 };
	}
	// Events the machine would not take are skipped, not fatal (the log holds only events it took).
	for (const event of unseen) await step(warm.actor, event);
	warm.seq += unseen.length;
	remember(row.id, warm);
	return { warm, snapshot: warm.actor.getSnapshot() };
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
	return row && liveAttemptOf(db, module, row);
}

/** The learner's latest review session at a module, at its current state, with its questions. */
export async function liveReviewAttempt(
	db: Db,
	learnerId: string,
	module: Module
): Promise<(LiveAttempt & { questionIds: string[] }) | undefined> {
	const row = await latestReviewRow(db, learnerId, module.slug);
	if (!row) return undefined;
	const attempt = await liveAttemptOf(db, module, {
		...row,
		config: reviewConfig(row.questionIds)
	});
	return { ...attempt, questionIds: row.questionIds };
}

/** A known attempt at its current state. */
export function liveAttemptOf(db: Db, module: Module, row: AttemptRow): Promise<LiveAttempt> {
	return serially(row.id, async () => {
		const { warm, snapshot } = await warmUp(db, module, row);
		return { ...row, state: { snapshot, seq: warm.seq } };
	});
}

export type Recorded =
	| { kind: 'recorded'; state: Replayed }
	/** The machine does not take this event in the attempt's current state. */
	| { kind: 'refused' }
	/** Another tab or server recorded this step first; nothing was written. */
	| { kind: 'conflict' };

/**
 * Steps the attempt's machine with `event` and, if it takes it, appends the event as step
 * `attempt.state.seq`. The write is durable before this returns (the database syncs every
 * commit). If that step is no longer the next one, nothing is written.
 */
export async function recordEvent(
	db: Db,
	module: Module,
	attempt: LiveAttempt,
	event: QuizEvent,
	now: Date
): Promise<Recorded> {
	return serially(attempt.id, async () => {
		const { warm, snapshot } = await warmUp(db, module, attempt);
		if (warm.seq !== attempt.state.seq) return { kind: 'conflict' } as const;
		if (!snapshot.can(event)) return { kind: 'refused' } as const;
		await step(warm.actor, event);
		let appended: boolean;
		try {
			appended = await appendEventGrouped(db, attempt.id, warm.seq, event, now);
		} catch (error) {
			// Not written, but this machine has taken it: drop it so the log is replayed next time.
			forget(attempt.id);
			throw error;
		}
		if (!appended) {
			// Another server took this step: this machine has moved on from a state the log does not
			// have, so it is dropped and the next request replays the log.
			forget(attempt.id);
			return { kind: 'conflict' } as const;
		}
		warm.seq++;
		return { kind: 'recorded', state: { snapshot: warm.actor.getSnapshot(), seq: warm.seq } };
	});
}

/** Forgets every warm attempt (for tests that start from an empty database). */
export function forgetAttempts(): void {
	for (const id of [...cache.keys()]) forget(id);
}
