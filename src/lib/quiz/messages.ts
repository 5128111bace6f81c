/**
 * What a learner is told when an answer is refused, in one place for the server's form actions
 * and the browser's own checking (self-study practice answers in the browser first).
 */
import { MAX_SHORT_ANSWER_LENGTH, type InvalidReason, type RawInput } from './questions.ts';

/** A refused answer's own fields, bounded, so the page can show them again (nothing is lost). */
export function keptValues(raw: RawInput): RawInput {
	const kept: RawInput = {};
	for (const [name, values] of Object.entries(raw).slice(0, 40)) {
		if (name === 'seq' || name === 'question' || name === 'then' || name.length > 100) continue;
		// Longer than an answer may be, so an over-long answer comes back whole to be shortened.
		kept[name] = values.slice(0, 20).map((v) => v.slice(0, 4 * MAX_SHORT_ANSWER_LENGTH));
	}
	return kept;
}

const INVALID: Record<InvalidReason, string> = {
	unanswered: 'Choose or type an answer first.',
	incomplete: 'Answer every part of the question first.',
	'duplicate-position': 'Give each item a different place in the order.',
	'unknown-choice': 'That choice is not one of this question’s options.',
	'too-long': `That answer is longer than ${MAX_SHORT_ANSWER_LENGTH} characters: a few words are enough.`,
	'wrong-type': 'That answer does not fit this question.'
};

/** Why an answer was refused, and that it did not count (practice) or was not saved (assessment). */
export function invalidMessage(reason: InvalidReason, outcome: 'counted' | 'saved'): string {
	return `${INVALID[reason]} Nothing was ${outcome}.`;
}
