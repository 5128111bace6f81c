/**
 * The review queue on the server (issue 9). A learner's cards are derived from their self-study
 * attempts' logs, never stored: each practice or review attempt is replayed event by event, and
 * every question it resolved is an outcome, rated by `ratingFor` from the question's progress at
 * the end of the log (so "show answer" after the last try counts) and dated by the event that
 * resolved it. Those outcomes, folded through FSRS, are the cards. Assignment attempts are a
 * teacher's records and never feed a learner's own queue.
 *
 * Replaying is cheap but not free, so each attempt's outcomes are kept in memory until its log
 * grows (the log is append-only, so its length says whether anything changed).
 */
import type { Module } from '$lib/content/schema.ts';
import type { QuizEvent, QuizSettings } from '$lib/quiz/quizMachine.ts';
import { foldCards, queueAt, type Queue, type ReviewOutcome } from '$lib/review/cards.ts';
import { ratingFor } from '$lib/review/rating.ts';
import { dueInWords } from '$lib/review/when.ts';
import type { AttemptRow } from './attempts.ts';
import type { Db } from './db.ts';
import { startActor, step, type QuizConfig } from './practice.ts';

/** A review asks the due questions in the module's order, with practice's tries and hints. */
export const REVIEW_SETTINGS: Partial<QuizSettings> = { mode: 'review', shuffleQuestions: false };

export function reviewConfig(questionIds: readonly string[]): QuizConfig {
	return { questionIds, settings: REVIEW_SETTINGS };
}

/** One logged event with when it was recorded. */
export interface LoggedEvent {
	event: QuizEvent;
	at: Date;
}

/**
 * The outcomes of one attempt: each question it resolved, rated from its progress at the end of
 * the log, at the time of the event that resolved it.
 */
export async function attemptOutcomes(
	module: Module,
	row: AttemptRow,
	events: readonly LoggedEvent[]
): Promise<ReviewOutcome[]> {
	const actor = startActor(module, row.seed, row.config);
	const resolvedAt = new Map<string, Date>();
	for (const { event, at } of events) {
		await step(actor, event);
		const { progress, questions } = actor.getSnapshot().context;
		for (const q of questions) {
			if (progress[q.id]!.resolved && !resolvedAt.has(q.id)) resolvedAt.set(q.id, at);
		}
	}
	const progress = actor.getSnapshot().context.progress;
	actor.stop();
	return [...resolvedAt].flatMap(([questionId, at]) => {
		const rating = ratingFor(progress[questionId]!);
		return rating === null ? [] : [{ moduleSlug: module.slug, questionId, rating, at }];
	});
}

interface Cached {
	module: Module;
	events: number;
	outcomes: ReviewOutcome[];
}
const MAX_CACHED = 5000;
const cache = new Map<string, Cached>();

/** Every outcome of a learner's self-study practice and reviews (never an assignment's). */
export async function learnerOutcomes(
	db: Db,
	learnerId: string,
	findModule: (slug: string) => Module | undefined
): Promise<ReviewOutcome[]> {
	const rows = await db
		.selectFrom('practice_attempts as a')
		.leftJoin('review_sessions as r', 'r.attempt_id', 'a.id')
		.select((eb) => [
			'a.id',
			'a.module_slug',
			'a.seed',
			'r.question_ids',
			eb
				.selectFrom('attempt_events as e')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('e.attempt_id', '=', 'a.id')
				.as('events')
		])
		.where('a.learner_id', '=', learnerId)
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
		.execute();
	const outcomes: ReviewOutcome[] = [];
	for (const row of rows) {
		const module = findModule(row.module_slug);
		if (!module) continue;
		const count = Number(row.events ?? 0);
		let cached = cache.get(row.id);
		if (!cached || cached.module !== module || cached.events !== count) {
			const events = await db
				.selectFrom('attempt_events')
				.select(['event', 'created_at'])
				.where('attempt_id', '=', row.id)
				.orderBy('seq')
				.execute();
			const attempt: AttemptRow = {
				id: row.id,
				moduleSlug: row.module_slug,
				seed: row.seed,
				...(row.question_ids
					? { config: reviewConfig(JSON.parse(row.question_ids) as string[]) }
					: {})
			};
			cached = {
				module,
				events: events.length,
				outcomes: await attemptOutcomes(
					module,
					attempt,
					events.map((e) => ({
						event: JSON.parse(e.event) as QuizEvent,
						at: new Date(e.created_at)
					}))
				)
			};
		}
		cache.delete(row.id);
		cache.set(row.id, cached);
		if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
		outcomes.push(...cached.outcomes);
	}
	return outcomes;
}

/**
 * The learner's queue at `now`: their cards (only questions their module still has: a removed
 * question's card is dropped), the due ones, and when the next comes due. `moduleSlug` narrows it
 * to one module.
 */
export async function learnerQueue(
	db: Db,
	learnerId: string,
	findModule: (slug: string) => Module | undefined,
	now: Date,
	moduleSlug?: string
): Promise<Queue> {
	const outcomes = (await learnerOutcomes(db, learnerId, findModule)).filter((o) => {
		if (moduleSlug !== undefined && o.moduleSlug !== moduleSlug) return false;
		return findModule(o.moduleSlug)?.questions.some((q) => q.id === o.questionId) ?? false;
	});
	return queueAt(foldCards(outcomes), now);
}

/** What a page says about a module's queue: no cards, cards due, or when the next one is. */
export type QueueLine =
	{ kind: 'none' } | { kind: 'due'; due: number } | { kind: 'later'; at: string; words: string };

export function queueLine(queue: Queue, now: Date): QueueLine {
	if (queue.due.length) return { kind: 'due', due: queue.due.length };
	if (queue.nextDue)
		return {
			kind: 'later',
			at: queue.nextDue.toISOString(),
			words: dueInWords(queue.nextDue, now)
		};
	return { kind: 'none' };
}

/** The queue line for each module the learner has cards in. */
export async function queueLines(
	db: Db,
	learnerId: string,
	findModule: (slug: string) => Module | undefined,
	now: Date
): Promise<Record<string, QueueLine>> {
	const queue = await learnerQueue(db, learnerId, findModule, now);
	const slugs = new Set(queue.cards.map((c) => c.moduleSlug));
	return Object.fromEntries(
		[...slugs].map((slug) => {
			const cards = queue.cards.filter((c) => c.moduleSlug === slug);
			return [slug, queueLine(queueAt(cards, now), now)];
		})
	);
}

/** Forgets every cached outcome (for tests that start from an empty database). */
export function forgetOutcomes(): void {
	cache.clear();
}
