/**
 * Where a self-study learner is: what the practice panel, the lesson list and the reader show.
 * Computed the same way from a replay on the server (the record) and in the browser (its own
 * engine, for instant feedback).
 */
import {
	guidedThrough,
	lessonProgressOf,
	viewOfKey,
	type LessonProgress,
	type QuizKey,
	type Replayed
} from '../quiz/engine.ts';
import type { QuizView } from '../quiz/view.ts';
import type { QueueLine } from '../review/when.ts';

export type ReadingMode = 'guided' | 'whole';

export interface PracticeState {
	view: QuizView;
	lessons: LessonProgress[];
	reading: ReadingMode;
	/** The last paragraph guided reading shows, or null when the whole article is open. */
	visibleThrough: number | null;
	/** Names this attempt (not its id) so a draft typed in one attempt is never shown in another. */
	attemptKey: string | null;
	/**
	 * The module's review queue, for the line beside "Your progress": from the server (the page's
	 * load, a form's answer, or the answer to a step the browser sent on).
	 */
	queue?: QueueLine;
}

/** The state a view and its replay leave the page in (`replayed` null before the learner starts). */
export function stateOf(
	key: QuizKey,
	view: QuizView,
	replayed: Replayed | null,
	reading: ReadingMode,
	attemptKey: string | null
): PracticeState {
	const lessons = lessonProgressOf(key.lessons, replayed?.snapshot ?? null);
	return {
		attemptKey,
		view,
		lessons,
		reading,
		// In guided reading the article opens lesson by lesson; the summary opens all of it.
		visibleThrough:
			reading === 'guided' && view.status !== 'summary' ? guidedThrough(lessons) : null
	};
}

/** The state of a started attempt, from its replay. */
export function practiceStateOf(
	key: QuizKey,
	replayed: Replayed,
	reading: ReadingMode,
	attemptKey: string
): PracticeState {
	return stateOf(key, viewOfKey(key, replayed), replayed, reading, attemptKey);
}
