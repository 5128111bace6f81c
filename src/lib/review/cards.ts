/**
 * The review queue's cards, derived rather than stored: every question a learner has practised is
 * a card, and its schedule is what FSRS (ts-fsrs, default parameters) makes of that question's
 * outcomes, folded in time order. The outcomes come from the append-only attempt logs, so the
 * cards can never disagree with the record, and exporting and importing the logs carries them.
 *
 * Pure: the caller supplies the outcomes and `now`.
 */
import { createEmptyCard, fsrs, State, type Card } from 'ts-fsrs';
import type { ReviewRating } from './rating.ts';

/** One question resolved in one session: the rating its outcome earned and when it happened. */
export interface ReviewOutcome {
	moduleSlug: string;
	questionId: string;
	rating: ReviewRating;
	/** When the event that resolved the question was recorded. */
	at: Date;
}

export type CardState = 'learning' | 'review' | 'relearning';

export interface ReviewCard {
	moduleSlug: string;
	questionId: string;
	due: Date;
	state: CardState;
	reps: number;
	lapses: number;
	lastRating: ReviewRating;
	lastReview: Date;
}

const STATES: Record<State, CardState> = {
	[State.New]: 'learning',
	[State.Learning]: 'learning',
	[State.Review]: 'review',
	[State.Relearning]: 'relearning'
};

const scheduler = fsrs();

/**
 * Every card, one per (module, question) with at least one outcome, in the order each was first
 * practised. Outcomes are taken oldest first (ties keep the order given).
 */
export function foldCards(outcomes: readonly ReviewOutcome[]): ReviewCard[] {
	const ordered = outcomes
		.map((o, i) => ({ o, i }))
		.sort((a, b) => a.o.at.getTime() - b.o.at.getTime() || a.i - b.i)
		.map(({ o }) => o);
	const cards = new Map<string, { card: Card; last: ReviewOutcome }>();
	for (const outcome of ordered) {
		const key = `${outcome.moduleSlug}\n${outcome.questionId}`;
		const card: Card = cards.get(key)?.card ?? createEmptyCard<Card>(outcome.at);
		const { card: next } = scheduler.next(card, outcome.at, outcome.rating);
		cards.set(key, { card: next, last: outcome });
	}
	return [...cards.values()].map(({ card, last }) => ({
		moduleSlug: last.moduleSlug,
		questionId: last.questionId,
		due: card.due,
		state: STATES[card.state],
		reps: card.reps,
		lapses: card.lapses,
		lastRating: last.rating,
		lastReview: last.at
	}));
}

export interface Queue {
	cards: ReviewCard[];
	/** Cards due at or before `now`, soonest first. */
	due: ReviewCard[];
	/** When the next card not yet due comes due; null when every card is due or there are none. */
	nextDue: Date | null;
}

/** The queue at `now`. */
export function queueAt(cards: readonly ReviewCard[], now: Date): Queue {
	const due = cards.filter((c) => c.due <= now).sort((a, b) => +a.due - +b.due);
	const later = cards.filter((c) => c.due > now).map((c) => +c.due);
	return {
		cards: [...cards],
		due,
		nextDue: later.length ? new Date(Math.min(...later)) : null
	};
}
