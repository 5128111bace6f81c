/**
 * Practice attempts: one per learner and module at a time, stored as an append-only log of
 * quiz events. The score is never stored; it is what the machine computes from the log.
 */
import type { QuizEvent } from '$lib/quiz/quizMachine.ts';
import type { Db } from './db.ts';
import type { QuizConfig } from './practice.ts';

export interface Attempt {
	id: string;
	moduleSlug: string;
	seed: number;
	events: QuizEvent[];
}

/** An attempt's identity, without its events. */
export interface AttemptRow {
	id: string;
	moduleSlug: string;
	seed: number;
	/** An assignment's questions and settings; the module's own defaults when absent. */
	config?: QuizConfig;
}

/**
 * The learner's latest practice attempt at a module, without its events. Review sessions are
 * attempts too, but never the module page's practice: they are left out here (see
 * `latestReviewRow`).
 */
export async function latestAttemptRow(
	db: Db,
	learnerId: string,
	moduleSlug: string
): Promise<AttemptRow | undefined> {
	const row = await db
		.selectFrom('practice_attempts as a')
		.leftJoin('review_sessions as r', 'r.attempt_id', 'a.id')
		.select(['a.id', 'a.seed', 'a.module_slug'])
		.where('a.learner_id', '=', learnerId)
		.where('a.module_slug', '=', moduleSlug)
		.where('r.attempt_id', 'is', null)
		.orderBy('a.attempt_number', 'desc')
		.orderBy('a.created_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row && { id: row.id, moduleSlug: row.module_slug, seed: row.seed };
}

/** The learner's latest review session at a module, with the questions it asks. */
export async function latestReviewRow(
	db: Db,
	learnerId: string,
	moduleSlug: string
): Promise<(AttemptRow & { questionIds: string[] }) | undefined> {
	const row = await db
		.selectFrom('practice_attempts as a')
		.innerJoin('review_sessions as r', 'r.attempt_id', 'a.id')
		.select(['a.id', 'a.seed', 'a.module_slug', 'r.question_ids'])
		.where('a.learner_id', '=', learnerId)
		.where('a.module_slug', '=', moduleSlug)
		.orderBy('a.attempt_number', 'desc')
		.orderBy('a.created_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return undefined;
	const questionIds = JSON.parse(row.question_ids) as string[];
	return { id: row.id, moduleSlug: row.module_slug, seed: row.seed, questionIds };
}

/** An attempt's events from step `fromSeq` on, in order (all of them from 0). */
export async function eventsFrom(db: Db, attemptId: string, fromSeq = 0): Promise<QuizEvent[]> {
	const rows = await db
		.selectFrom('attempt_events')
		.select('event')
		.where('attempt_id', '=', attemptId)
		.where('seq', '>=', fromSeq)
		.orderBy('seq')
		.execute();
	return rows.map((e) => JSON.parse(e.event) as QuizEvent);
}

/** The learner's latest attempt at a module, with its events in order. */
export async function latestAttempt(
	db: Db,
	learnerId: string,
	moduleSlug: string
): Promise<Attempt | undefined> {
	const row = await latestAttemptRow(db, learnerId, moduleSlug);
	return row && { ...row, events: await eventsFrom(db, row.id) };
}

/** Adds an attempt, numbered after the learner's others at the module (call it in a transaction). */
export async function createAttempt(
	db: Db,
	attempt: { id: string; learnerId: string; moduleSlug: string; seed: number; now: Date }
): Promise<void> {
	const last = await db
		.selectFrom('practice_attempts')
		.select((eb) => eb.fn.max('attempt_number').as('n'))
		.where('learner_id', '=', attempt.learnerId)
		.where('module_slug', '=', attempt.moduleSlug)
		.executeTakeFirst();
	await db
		.insertInto('practice_attempts')
		.values({
			id: attempt.id,
			learner_id: attempt.learnerId,
			module_slug: attempt.moduleSlug,
			seed: attempt.seed,
			created_at: attempt.now.toISOString(),
			attempt_number: Number(last?.n ?? 0) + 1
		})
		.execute();
}

/**
 * Appends an event as step `seq` (0-based). Returns false when that step is already taken,
 * i.e. another tab got there first; nothing is overwritten.
 */
export async function appendEvent(
	db: Db,
	attemptId: string,
	seq: number,
	event: QuizEvent,
	now: Date
): Promise<boolean> {
	const result = await db
		.insertInto('attempt_events')
		.values({
			attempt_id: attemptId,
			seq,
			event: JSON.stringify(event),
			created_at: now.toISOString()
		})
		.onConflict((oc) => oc.doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Starts a new attempt, already past the intro: the attempt and its `quiz.start` event are
 * written in one transaction, so an attempt never exists without its start.
 */
export async function startAttempt(
	db: Db,
	attempt: {
		learnerId: string;
		moduleSlug: string;
		seed: number;
		now: Date;
		/** A review session's questions: the attempt is written as a review of them. */
		reviewOf?: readonly string[];
	}
): Promise<string> {
	const id = crypto.randomUUID();
	const { reviewOf, ...row } = attempt;
	await db.transaction().execute(async (trx) => {
		await createAttempt(trx, { id, ...row });
		if (reviewOf) {
			await trx
				.insertInto('review_sessions')
				.values({
					attempt_id: id,
					question_ids: JSON.stringify(reviewOf),
					created_at: attempt.now.toISOString()
				})
				.execute();
		}
		await appendEvent(trx, id, 0, { type: 'quiz.start' }, attempt.now);
	});
	return id;
}

interface PendingAppend {
	attemptId: string;
	seq: number;
	event: QuizEvent;
	now: Date;
	resolve: (appended: boolean) => void;
	reject: (error: unknown) => void;
}

const pendingAppends = new WeakMap<Db, PendingAppend[]>();

/**
 * `appendEvent`, committed together with the other appends of the same turn of the event loop
 * (group commit). Every commit waits for the disk (synchronous = FULL), and better-sqlite3 waits on
 * the main thread, so under load one commit per answer is the ceiling; one commit for all the
 * answers that arrived together keeps each durable before its response at a fraction of the cost.
 * Each append still succeeds or fails (step already taken) on its own.
 */
export function appendEventGrouped(
	db: Db,
	attemptId: string,
	seq: number,
	event: QuizEvent,
	now: Date
): Promise<boolean> {
	return new Promise((resolve, reject) => {
		let queue = pendingAppends.get(db);
		if (!queue) {
			queue = [];
			pendingAppends.set(db, queue);
			setImmediate(() => void commitAppends(db));
		}
		queue.push({ attemptId, seq, event, now, resolve, reject });
	});
}

async function commitAppends(db: Db): Promise<void> {
	const queue = pendingAppends.get(db) ?? [];
	pendingAppends.delete(db);
	try {
		const appended = await db.transaction().execute(async (trx) => {
			const results: boolean[] = [];
			for (const p of queue)
				results.push(await appendEvent(trx, p.attemptId, p.seq, p.event, p.now));
			return results;
		});
		queue.forEach((p, i) => p.resolve(appended[i]!));
	} catch (error) {
		queue.forEach((p) => p.reject(error));
	}
}
