/**
 * Short answer: a few words typed by the learner, matched against the accepted answers by the
 * rules in `match.ts` (numbers as numbers, dates, filler words, one forgiven spelling slip…). A
 * listed wrong answer brings its own feedback; a forgiven slip is named with the right spelling.
 */
import type { ShortAnswerQuestion } from '../../../content/schema.ts';
import {
	invalid,
	isBlank,
	valid,
	withoutControls,
	FIELD,
	MAX_SHORT_ANSWER_LENGTH,
	type QuestionTypeModule
} from '../common.ts';
import { acceptedInWords, matchAnswer, normalizeAnswer, type MatchResult } from './match.ts';

export { normalizeAnswer } from './match.ts';

export type ShortAnswerPublic = { type: 'short-answer' };
export type ShortAnswerResponse = { type: 'short-answer'; text: string };

/** How a response matches the question's key. */
export function matchShortAnswer(question: ShortAnswerQuestion, text: string): MatchResult {
	return matchAnswer(text, {
		prompt: question.prompt,
		accepted: question.accepted,
		wrong: question.wrong,
		typos: question.typos
	});
}

export const shortAnswer: QuestionTypeModule<
	ShortAnswerQuestion,
	ShortAnswerPublic,
	ShortAnswerResponse
> = {
	type: 'short-answer',
	toRawInput: (response) => ({ [FIELD.text]: [response.text] }),
	toPublic: () => ({ type: 'short-answer' }),
	checkInput(_question, raw) {
		const values = raw[FIELD.text] ?? [];
		if (values.length > 1) return invalid('wrong-type');
		const text = withoutControls(values[0] ?? '').trim();
		// No letter or digit at all ("?!", "…"): nothing was answered, and no try is spent.
		if (isBlank(text) || normalizeAnswer(text) === '') return invalid('unanswered');
		if (text.length > MAX_SHORT_ANSWER_LENGTH) return invalid('too-long');
		return valid({ type: 'short-answer', text });
	},
	checkResponse(question, response) {
		return this.checkInput(question, { [FIELD.text]: [response.text] });
	},
	score: (question, response) =>
		matchShortAnswer(question, response.text).kind === 'accepted' ? 1 : 0,
	answerInWords: (question) => [acceptedInWords(question.accepted[0]!)],
	responseInWords: (_question, response) => [response.text],
	rationales: () => [],
	note(question, response) {
		const match = matchShortAnswer(question, response.text);
		if (match.kind === 'accepted' && match.spelling !== undefined) {
			return { kind: 'spelling', spelling: match.spelling };
		}
		if (match.kind === 'listed-wrong') {
			return {
				kind: 'listed-wrong',
				feedback: match.wrong.feedback,
				cites: match.wrong.cites ?? []
			};
		}
		return undefined;
	}
};
