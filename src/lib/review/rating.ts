/**
 * How a question's outcome in a session becomes an FSRS rating, for the review queue.
 *
 * FSRS asks how well a card was recalled: Again (forgotten), Hard (recalled with effort), Good
 * (recalled) or Easy (recalled without effort). A session tells us only what the learner did with
 * the question, so the mapping reads that record and nothing else:
 *
 * - **Good**: the first try earned full credit, with no hint taken. Recalled, on its own.
 * - **Hard**: some credit, but not cleanly: a hint was taken, or it took a retry, or the answer
 *   was only partly right. Recalled with help or effort.
 * - **Again**: no credit from the last try, or the answer was shown ("show answer"). Not
 *   recalled.
 * - **Easy** is never given: a right first answer says nothing about how effortless it was
 *   (the time taken is not a reliable signal on a shared or slow device), and FSRS treats an
 *   unearned Easy as a strong claim that pushes the next review far out.
 *
 * "Credit" here is what the last try earned before the hint and retry penalties: penalties are a
 * scoring rule, not evidence of forgetting, so a right answer reached after several hints is
 * Hard even if its penalised score is 0.
 *
 * Pure and free of server code, so the browser could show the same mapping.
 */
import type { QuestionProgress } from '$lib/quiz/quizMachine.ts';

/** The FSRS ratings this app gives; values match ts-fsrs's `Rating` (Again 1, Hard 2, Good 3). */
export const RATING = { again: 1, hard: 2, good: 3 } as const;
export type ReviewRating = (typeof RATING)[keyof typeof RATING];

/** Words for a rating, for logs and tests. */
export const RATING_NAMES: Record<ReviewRating, 'Again' | 'Hard' | 'Good'> = {
	1: 'Again',
	2: 'Hard',
	3: 'Good'
};

/** What the rating reads from a question's progress (the machine's `QuestionProgress`). */
export type Outcome = Pick<QuestionProgress, 'tries' | 'hintsUsed' | 'revealed' | 'resolved'>;

/**
 * The rating for a resolved question; null for one not resolved yet (skipped, or still being
 * answered), which is not a review.
 */
export function ratingFor(outcome: Outcome): ReviewRating | null {
	if (!outcome.resolved) return null;
	const last = outcome.tries.at(-1);
	if (!last || outcome.revealed || last.grade.earned <= 0) return RATING.again;
	const clean =
		outcome.tries.length === 1 && outcome.hintsUsed === 0 && last.grade.outcome === 'correct';
	return clean ? RATING.good : RATING.hard;
}
