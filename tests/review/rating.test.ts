/** The outcome → FSRS rating map (src/lib/review/rating.ts), one test per branch. */
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Grade, Outcome as GradeOutcome } from '../../src/lib/quiz/grade.ts';
import type { Try } from '../../src/lib/quiz/quizMachine.ts';
import { RATING, ratingFor, type Outcome } from '../../src/lib/review/rating.ts';

function attempt(outcome: GradeOutcome, earned: number): Try {
	const grade: Grade = {
		questionId: 'q',
		outcome,
		earned,
		total: 1,
		rationales: [],
		explanation: '',
		cites: [],
		answer: []
	};
	return { response: { type: 'true-false-not-stated', answer: 'true' }, grade };
}
const right = attempt('correct', 1);
const partly = attempt('partial', 0.5);
const wrong = attempt('incorrect', 0);

function outcome(tries: Try[], more: Partial<Outcome> = {}): Outcome {
	return { tries, hintsUsed: 0, revealed: false, resolved: true, ...more };
}

describe('ratingFor', () => {
	it('agrees with ts-fsrs on what the numbers mean', () => {
		expect(RATING).toEqual({ again: Rating.Again, hard: Rating.Hard, good: Rating.Good });
	});

	it('gives nothing for a question not resolved (skipped or still being answered)', () => {
		expect(ratingFor(outcome([], { resolved: false }))).toBeNull();
		expect(ratingFor(outcome([wrong], { resolved: false }))).toBeNull();
	});

	it('right first time with no hint → Good', () => {
		expect(ratingFor(outcome([right]))).toBe(Rating.Good);
	});

	it('right after a hint → Hard', () => {
		expect(ratingFor(outcome([right], { hintsUsed: 1 }))).toBe(Rating.Hard);
	});

	it('right after a retry → Hard', () => {
		expect(ratingFor(outcome([wrong, right]))).toBe(Rating.Hard);
	});

	it('partly right → Hard, first try or not', () => {
		expect(ratingFor(outcome([partly]))).toBe(Rating.Hard);
		expect(ratingFor(outcome([wrong, partly]))).toBe(Rating.Hard);
	});

	it('right after so many hints that the penalised score is 0 → still Hard (it was recalled)', () => {
		expect(ratingFor(outcome([wrong, right], { hintsUsed: 3 }))).toBe(Rating.Hard);
	});

	it('wrong on the last try → Again', () => {
		expect(ratingFor(outcome([wrong]))).toBe(Rating.Again);
		expect(ratingFor(outcome([partly, wrong]))).toBe(Rating.Again);
	});

	it('answer shown → Again, even after a partly right try', () => {
		expect(ratingFor(outcome([wrong, wrong], { revealed: true }))).toBe(Rating.Again);
		expect(ratingFor(outcome([wrong, partly], { revealed: true }))).toBe(Rating.Again);
	});

	it('resolved with no try at all → Again', () => {
		expect(ratingFor(outcome([]))).toBe(Rating.Again);
	});

	it('never Easy', () => {
		const all = [right, partly, wrong];
		for (const a of all)
			for (const b of [undefined, ...all])
				for (const hintsUsed of [0, 1])
					for (const revealed of [false, true]) {
						const tries = b ? [a, b] : [a];
						expect(ratingFor(outcome(tries, { hintsUsed, revealed }))).not.toBe(Rating.Easy);
					}
	});
});
