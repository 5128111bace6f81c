/** Single choice: one right choice among two to six; each wrong choice may explain itself. */
import type { SingleChoiceQuestion } from '../../content/schema.ts';
import {
	choiceText,
	invalid,
	knownChoice,
	publicChoices,
	rationaleOf,
	single,
	valid,
	FIELD,
	type PublicChoice,
	type QuestionTypeModule
} from './common.ts';

export type SingleChoicePublic = { type: 'single-choice'; choices: PublicChoice[] };
export type SingleChoiceResponse = { type: 'single-choice'; choice: string };

export const singleChoice: QuestionTypeModule<
	SingleChoiceQuestion,
	SingleChoicePublic,
	SingleChoiceResponse
> = {
	type: 'single-choice',
	toRawInput: (response) => ({ [FIELD.choice]: [response.choice] }),
	toPublic: (question) => ({ type: 'single-choice', choices: publicChoices(question.choices) }),
	checkInput(question, raw) {
		const one = single(raw, FIELD.choice);
		if (one.kind === 'invalid') return one;
		return knownChoice(question.choices, one.value)
			? valid({ type: 'single-choice', choice: one.value })
			: invalid('unknown-choice');
	},
	checkResponse(question, response) {
		return this.checkInput(question, { [FIELD.choice]: [response.choice] });
	},
	score: (question, response) => (response.choice === question.answer ? 1 : 0),
	answerInWords: (question) => [choiceText(question.choices, question.answer)],
	responseInWords: (question, response) =>
		question ? [choiceText(question.choices, response.choice)] : [],
	rationales: (question, response) =>
		rationaleOf(question.choices, [response.choice], [question.answer])
};
