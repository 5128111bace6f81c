/**
 * The review queue on the server (issue 9). A learner's cards are derived from their self-study
 * attempts' logs, never stored: each practice or review attempt is replayed event by event, and
 * every question it resolved is an outcome, rated by `ratingFor` from the question's progress at
 * the end of the log (so "show answer" after the last try counts) and dated by the event that
 * resolved it. Those outcomes, folded through FSRS, are the cards. Assignment attempts are a
 * teacher's records and never feed a learner's own queue.
 *
 * Replaying is cheap but not free, so each recent attempt's machine is kept, with how many logged
 * events it has taken: the log is append-only, so only the events after those are read and stepped.
 */
import type { Module } from '$lib/content/schema.ts';
import type { QuizEvent } from '$lib/quiz/quizMachine.ts';
import { foldCards, queueAt, type Queue, type ReviewOutcome } from '$lib/review/cards.ts';
import { ratingFor } from '$lib/review/rating.ts';
import { reviewConfig } from '$lib/review/session.ts';
import { queueLine, type QueueLine } from '$lib/review/when.ts';

export { queueLine, type QueueLine };
export { REVIEW_SETTINGS, reviewConfig } from '$lib/review/session.ts';
import type { AttemptRow } from './attempts.ts';
import type { Db } from './db.ts';
import { startActor, step, type QuizActor } from './practice.ts';

/** One logged event with when it was recorded. */
export interface LoggedEvent {
	event: QuizEvent;
	at: Date;
}

/**
 * An attempt being read for its outcomes: its machine, how many logged events it has taken, and
 * when each question it resolved was resolved. Stepping it with the events logged since brings it
 * up to date without replaying the rest.
 */
export class OutcomeReader {
	readonly #actor: QuizActor;
	readonly #resolvedAt = new Map<string, Date>();
	events = 0;

	readonly module: Module;

	constructor(module: Module, row: AttemptRow) {
		this.module = module;
		this.#actor = startActor(module, row.seed, row.config);
	}

	async read(events: readonly LoggedEvent[]): Promise<void> {
		for (const { event, at } of events) {
			await step(this.#actor, event);
			this.events++;
			const { progress, questions } = this.#actor.getSnapshot().context;
			for (const q of questions) {
				if (progress[q.id]!.resolved && !this.#resolvedAt.has(q.id)) this.#resolvedAt.set(q.id, at);
			}
		}
	}

	/**
	 * Each question resolved so far, rated from its progress now (so "show answer" after the last
	 * try counts), at the time of the event that resolved it.
	 */
	outcomes(): ReviewOutcome[] {
		const progress = this.#actor.getSnapshot().context.progress;
		return [...this.#resolvedAt].flatMap(([questionId, at]) => {
			const rating = ratingFor(progress[questionId]!);
			return rating === null ? [] : [{ moduleSlug: this.module.slug, questionId, rating, at }];
		});
	}

	stop(): void {
		this.#actor.stop();
	}
}

/** The outcomes of one attempt's whole log. */
export async function attemptOutcomes(
	module: Module,
	row: AttemptRow,
	events: readonly LoggedEvent[]
): Promise<ReviewOutcome[]> {
	const reader = new OutcomeReader(module, row);
	await reader.read(events);
	reader.stop();
	return reader.outcomes();
}

/**
 * Readers of recent attempts, kept so that an answer costs one step here rather than a replay
 * (about 20 KB each, as in liveAttempts.ts); one pushed out is read again from its log.
 */
const MAX_CACHED = 2000;
const cache = new Map<string, OutcomeReader>();

function forgetReader(id: string): void {
	cache.get(id)?.stop();
	cache.delete(id);
}

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
		.orderBy('a.created_at')
		.execute();
	const outcomes: ReviewOutcome[] = [];
	for (const row of rows) {
		const module = findModule(row.module_slug);
		if (!module) continue;
		const count = Number(row.events ?? 0);
		let reader = cache.get(row.id);
		// The log only grows; a different module (content reloaded) or a shorter log means start over.
		if (reader && (reader.module !== module || reader.events > count)) {
			forgetReader(row.id);
			reader = undefined;
		}
		if (!reader) {
			reader = new OutcomeReader(module, {
				id: row.id,
				moduleSlug: row.module_slug,
				seed: row.seed,
				...(row.question_ids
					? { config: reviewConfig(JSON.parse(row.question_ids) as string[]) }
					: {})
			});
		}
		if (reader.events < count) {
			const events = await db
				.selectFrom('attempt_events')
				.select(['event', 'created_at'])
				.where('attempt_id', '=', row.id)
				.where('seq', '>=', reader.events)
				.orderBy('seq')
				.execute();
			await reader.read(
				events.map((e) => ({
					event: JSON.parse(e.event) as QuizEvent,
					at: new Date(e.created_at)
				}))
			);
		}
		cache.delete(row.id);
		cache.set(row.id, reader);
		if (cache.size > MAX_CACHED) forgetReader(cache.keys().next().value!);
		outcomes.push(...reader.outcomes());
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
	for (const id of [...cache.keys()]) forgetReader(id);
}
