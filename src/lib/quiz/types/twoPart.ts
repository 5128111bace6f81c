/**
 * Two-part: Part A asks a question, Part B which quote supports the answer. Part A right and
 * Part B right earns everything; Part A right alone earns half; Part B earns nothing without
 * Part A (the evidence must support the right answer).
 */
import type { TwoPartQuestion } from '../../content/schema.ts';
import {
	choiceText,
	invalid,
	knownChoice,
	publicChoices,
	rationaleOf,
	single,
	valid,
	FIELD,
	type InvalidReason,
	type PublicChoice,
	type QuestionTypeModule
} from './common.ts';

export type TwoPartPublic = {
	type: 'two-part';
	choices: PublicChoice[];
	partB: { prompt: string; choices: PublicChoice[] };
};
export type TwoPartResponse = { type: 'two-part'; partA: string; partB: string };

export const twoPart: QuestionTypeModule<TwoPartQuestion, TwoPartPublic, TwoPartResponse> = {
	type: 'two-part',
	toRawInput: (response) => ({
		[FIELD.choice]: [response.partA],
		[FIELD.partB]: [response.partB]
	}),
	toPublic: (question) => ({
		type: 'two-part',
		choices: publicChoices(question.choices),
		partB: { prompt: question.partB.prompt, choices: publicChoices(question.partB.choices) }
	}),
	checkInput(question, raw) {
		const a = single(raw, FIELD.choice);
		const b = single(raw, FIELD.partB);
		if (a.kind === 'invalid' && b.kind === 'invalid') return a;
		if (a.kind === 'invalid' || b.kind === 'invalid') {
			const reason = (a.kind === 'invalid' ? a : b) as { reason: InvalidReason };
			return invalid(reason.reason === 'unanswered' ? 'incomplete' : reason.reason);
		}
		if (!knownChoice(question.choices, a.value) || !knownChoice(question.partB.choices, b.value)) {
			return invalid('unknown-choice');
		}
		return valid({ type: 'two-part', partA: a.value, partB: b.value });
	},
	checkResponse(question, response) {
		return this.checkInput(question, {
			[FIELD.choice]: [response.partA],
			[FIELD.partB]: [response.partB]
		});
	},
	score(question, response) {
		if (response.partA !== question.answer) return 0;
		return response.partB === question.partB.answer ? 1 : 0.5;
	},
	answerInWords: (question) => [
		`Part A: ${choiceText(question.choices, question.answer)}`,
		`Part B: ${choiceText(question.partB.choices, question.partB.answer)}`
	],
	responseInWords: (question, response) =>
		question
			? [
					`Part A: ${choiceText(question.choices, response.partA)}`,
					`Part B: ${choiceText(question.partB.choices, response.partB)}`
				]
			: [],
	rationales: (question, response) => [
		...rationaleOf(question.choices, [response.partA], [question.answer]),
		...rationaleOf(question.partB.choices, [response.partB], [question.partB.answer])
	]
};
