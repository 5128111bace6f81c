/**
 * A review session as a page shows it (issue 9), worked out the same way on the server (from its
 * replay of the session's log) and in the browser (its own engine, for instant feedback and
 * offline review): the quiz machine in review mode over the questions that were due, and the
 * phase the review page is in.
 */
import type { SnapshotFrom } from 'xstate';
import type { QuizConfig } from '../quiz/engine.ts';
import type { QuizMachine, QuizSettings } from '../quiz/quizMachine.ts';
import type { QuizView } from '../quiz/view.ts';
import type { QueueLine } from './when.ts';

/** A review asks the due questions in the module's order, with practice's tries and hints. */
export const REVIEW_SETTINGS: Partial<QuizSettings> = { mode: 'review', shuffleQuestions: false };

export function reviewConfig(questionIds: readonly string[]): QuizConfig {
	return { questionIds, settings: REVIEW_SETTINGS };
}

/**
 * What the review page shows: a session under way (`active`), the one just finished when nothing
 * more is due (`finished`), a start button for the questions due (`ready`), or that nothing is
 * due (`empty`), with the module's queue in every case.
 */
export interface ReviewState {
	phase: 'active' | 'finished' | 'ready' | 'empty';
	view: QuizView | null;
	/** Names the session (not its id) for drafts kept in the tab. */
	attemptKey: string | null;
	/** Questions the shown session has finished with. */
	reviewed: number;
	queue: QueueLine;
}

/**
 * The review page's phase for the learner's latest session (its snapshot, if they have one) and
 * the module's queue.
 */
export function reviewPhase(
	snapshot: SnapshotFrom<QuizMachine> | undefined,
	queue: QueueLine
): ReviewState['phase'] {
	const finished = !!snapshot?.matches('summary');
	return snapshot && !finished
		? 'active'
		: snapshot && queue.kind !== 'due'
			? 'finished'
			: queue.kind === 'due'
				? 'ready'
				: 'empty';
}

/** How many questions a session has finished with. */
export function reviewedIn(snapshot: SnapshotFrom<QuizMachine>): number {
	return Object.values(snapshot.context.progress).filter((p) => p.resolved).length;
}
