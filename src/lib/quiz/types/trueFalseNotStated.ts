/** True, false or not stated: a statement judged against the article. */
import type { TrueFalseNotStatedQuestion, Truth } from '../../content/schema.ts';
import { invalid, single, valid, FIELD, TRUTH_LABELS, type QuestionTypeModule } from './common.ts';

export type TrueFalseNotStatedPublic = { type: 'true-false-not-stated' };
export type TrueFalseNotStatedResponse = { type: 'true-false-not-stated'; answer: Truth };

function isTruth(value: string): value is Truth {
	return value === 'true' || value === 'false' || value === 'not-stated';
}

export const trueFalseNotStated: QuestionTypeModule<
	TrueFalseNotStatedQuestion,
	TrueFalseNotStatedPublic,
	TrueFalseNotStatedResponse
> = {
	type: 'true-false-not-stated',
	toRawInput: (response) => ({ [FIELD.choice]: [response.answer] }),
	toPublic: () => ({ type: 'true-false-not-stated' }),
	checkInput(_question, raw) {
		const one = single(raw, FIELD.choice);
		if (one.kind === 'invalid') return one;
		return isTruth(one.value)
			? valid({ type: 'true-false-not-stated', answer: one.value })
			: invalid('unknown-choice');
	},
	checkResponse(question, response) {
		return this.checkInput(question, { [FIELD.choice]: [response.answer] });
	},
	score: (question, response) => (response.answer === question.answer ? 1 : 0),
	answerInWords: (question) => [TRUTH_LABELS[question.answer]],
	responseInWords: (_question, response) => [TRUTH_LABELS[response.answer]],
	rationales: () => []
};
