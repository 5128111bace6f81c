/**
 * Which citation a page may highlight. Only citations the module really has are shown, and only
 * once the learner has earned them: the quoted evidence after a correct answer, "show answer", the
 * summary, or once the question is finished with and left behind; the paragraph alone ("re-read
 * ¶N") after any try. An evidence question's answer *is* its cited paragraph, so its paragraphs
 * are never pointed at before it is earned.
 */
import type { SnapshotFrom } from 'xstate';
import { citationTarget, type HighlightState } from '$lib/citations.ts';
import type { Module } from '$lib/content/schema.ts';
import { current, type QuizMachine } from '$lib/quiz/quizMachine.ts';

export function highlightFor(
	module: Module,
	url: URL,
	snapshot: SnapshotFrom<QuizMachine> | null
): HighlightState {
	const target = citationTarget(url);
	if (target === null) return { kind: 'none' };
	if (target === 'malformed') return { kind: 'missing' };
	const question = module.questions.find((q) => q.id === target.questionId);
	const cite = question?.cites[target.index];
	if (!question || !cite) return { kind: 'missing' };
	const progress = snapshot?.context.progress[question.id];
	const tries = progress?.tries ?? [];
	// A question finished with and left behind is earned too: its credit can no longer change, and
	// the question list reopens it with its evidence.
	const leftBehind = !!progress?.resolved && current(snapshot!.context).id !== question.id;
	const earned =
		!!snapshot?.matches('summary') ||
		!!progress?.revealed ||
		tries.at(-1)?.grade.outcome === 'correct' ||
		leftBehind;
	const allowed =
		target.kind === 'cite' ? earned : earned || (tries.length > 0 && question.type !== 'evidence');
	if (!allowed) return { kind: 'locked' };
	return {
		kind: 'shown',
		paragraph: cite.paragraph,
		quote: target.kind === 'cite' ? cite.quote : null
	};
}
