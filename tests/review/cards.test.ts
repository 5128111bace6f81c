/**
 * The cards folded through ts-fsrs with a fake clock: every date is given, nothing reads the real
 * time, so the due dates move exactly as the ratings say.
 */
import { describe, expect, it } from 'vitest';
import { foldCards, queueAt, type ReviewOutcome } from '../../src/lib/review/cards.ts';
import { RATING, type ReviewRating } from '../../src/lib/review/rating.ts';

const T0 = new Date('2025-03-03T09:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (ms: number) => new Date(T0.getTime() + ms);

function outcome(rating: ReviewRating, when: Date, questionId = 'q1'): ReviewOutcome {
	return { moduleSlug: 'm', questionId, rating, at: when };
}

function only(outcomes: ReviewOutcome[]) {
	const cards = foldCards(outcomes);
	expect(cards).toHaveLength(1);
	return cards[0]!;
}

describe('foldCards', () => {
	it('makes one card per question, whatever the order the outcomes arrive in', () => {
		const cards = foldCards([
			outcome(RATING.good, at(DAY), 'q2'),
			outcome(RATING.good, T0, 'q1'),
			outcome(RATING.again, at(2 * DAY), 'q1')
		]);
		expect(cards.map((c) => c.questionId)).toEqual(['q1', 'q2']);
		expect(cards[0]!.reps).toBe(2);
		expect(cards[0]!.lastRating).toBe(RATING.again);
	});

	it('Good, then Good three days later: the due date moves further out each time', () => {
		const first = only([outcome(RATING.good, T0)]);
		expect(first.due > T0).toBe(true);
		expect(first.due.getTime() - T0.getTime()).toBeLessThan(DAY);

		const later = at(3 * DAY);
		expect(queueAt([first], later).due).toHaveLength(1);
		const second = only([outcome(RATING.good, T0), outcome(RATING.good, later)]);
		expect(second.state).toBe('review');
		expect(second.due.getTime() - later.getTime()).toBeGreaterThan(
			first.due.getTime() - T0.getTime()
		);
		expect(second.due.getTime() - later.getTime()).toBeGreaterThanOrEqual(DAY);

		const third = only([
			outcome(RATING.good, T0),
			outcome(RATING.good, later),
			outcome(RATING.good, second.due)
		]);
		expect(third.due.getTime() - second.due.getTime()).toBeGreaterThan(
			second.due.getTime() - later.getTime()
		);
		expect(third.reps).toBe(3);
	});

	it('Again brings the card back within minutes, the same day', () => {
		const card = only([outcome(RATING.again, T0)]);
		expect(card.due.getTime() - T0.getTime()).toBeGreaterThan(0);
		expect(card.due.getTime() - T0.getTime()).toBeLessThanOrEqual(10 * MINUTE);
		expect(card.lapses).toBe(0);
	});

	it('Hard schedules sooner than Good, later than Again', () => {
		const again = only([outcome(RATING.again, T0)]).due;
		const hard = only([outcome(RATING.hard, T0)]).due;
		const good = only([outcome(RATING.good, T0)]).due;
		expect(again < hard && hard < good).toBe(true);
	});

	it('forgetting a learnt card is a lapse: lapses go up and it is due again the same day', () => {
		const learnt = [outcome(RATING.good, T0), outcome(RATING.good, at(3 * DAY))];
		expect(only(learnt).lapses).toBe(0);
		const when = only(learnt).due;
		const lapsed = only([...learnt, outcome(RATING.again, when)]);
		expect(lapsed.lapses).toBe(1);
		expect(lapsed.state).toBe('relearning');
		expect(lapsed.due.getTime() - when.getTime()).toBeLessThan(DAY);
	});
});

describe('queueAt', () => {
	it('lists the cards due now, soonest first, and when the next one comes due', () => {
		const cards = foldCards([
			outcome(RATING.good, T0, 'a'),
			outcome(RATING.again, T0, 'b'),
			outcome(RATING.hard, T0, 'c')
		]);
		const byId = new Map(cards.map((c) => [c.questionId, c]));
		const now = at(5 * MINUTE);
		const queue = queueAt(cards, now);
		expect(queue.due.map((c) => c.questionId)).toEqual(['b']);
		expect(queue.nextDue).toEqual(byId.get('c')!.due);
		expect(queueAt(cards, at(DAY)).due.map((c) => c.questionId)).toEqual(['b', 'c', 'a']);
		expect(queueAt(cards, at(DAY)).nextDue).toBeNull();
		expect(queueAt([], now)).toEqual({ cards: [], due: [], nextDue: null });
	});
});
