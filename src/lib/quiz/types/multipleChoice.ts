/**
 * Multiple choice: at least two right choices. Each correct choice picked earns 1/k of the points
 * (k correct choices) and each wrong choice picked takes 1/k away, never below zero: picking every
 * choice earns nothing.
 */
import type { MultipleChoiceQuestion } from '../../content/schema.ts';
import {
	choiceText,
	invalid,
	knownChoice,
	publicChoices,
	rationaleOf,
	valid,
	FIELD,
	type PublicChoice,
	type QuestionTypeModule
} from './common.ts';

export type MultipleChoicePublic = { type: 'multiple-choice'; choices: PublicChoice[] };
export type MultipleChoiceResponse = { type: 'multiple-choice'; choices: string[] };

export const multipleChoice: QuestionTypeModule<
	MultipleChoiceQuestion,
	MultipleChoicePublic,
	MultipleChoiceResponse
> = {
	type: 'multiple-choice',
	toRawInput: (response) => ({ [FIELD.choice]: [...response.choices] }),
	toPublic: (question) => ({ type: 'multiple-choice', choices: publicChoices(question.choices) }),
	checkInput(question, raw) {
		const values = [...new Set((raw[FIELD.choice] ?? []).filter((v) => v !== ''))];
		if (values.length === 0) return invalid('unanswered');
		if (!values.every((v) => knownChoice(question.choices, v))) return invalid('unknown-choice');
		// Sorted by id, not by the shuffled order on screen, so equal answers look equal in the log.
		values.sort();
		return valid({ type: 'multiple-choice', choices: values });
	},
	checkResponse(question, response) {
		return this.checkInput(question, { [FIELD.choice]: response.choices });
	},
	score(question, response) {
		const correct = new Set(question.answers);
		const hits = response.choices.filter((c) => correct.has(c)).length;
		const misses = response.choices.length - hits;
		return (hits - misses) / correct.size;
	},
	answerInWords: (question) =>
		question.choices.filter((c) => question.answers.includes(c.id)).map((c) => c.text),
	responseInWords: (question, response) =>
		question ? response.choices.map((id) => choiceText(question.choices, id)) : [],
	rationales: (question, response) =>
		rationaleOf(question.choices, response.choices, question.answers),
	parts(question, response) {
		const picked = new Set(response.choices);
		return {
			kind: 'multiple-choice',
			missing: question.answers.filter((a) => !picked.has(a)).length,
			extra: response.choices.filter((c) => !question.answers.includes(c)).length
		};
	}
};
