/** Matching: each item (a person, a source…) to one option; each item matched right earns 1/n. */
import type { MatchingQuestion } from '../../content/schema.ts';
import {
	byText,
	choiceText,
	invalid,
	knownChoice,
	publicChoices,
	valid,
	FIELD,
	type PublicChoice,
	type QuestionTypeModule
} from './common.ts';

export type MatchingPublic = { type: 'matching'; items: PublicChoice[]; options: PublicChoice[] };
export type MatchingResponse = { type: 'matching'; matches: Record<string, string> };

export const matching: QuestionTypeModule<MatchingQuestion, MatchingPublic, MatchingResponse> = {
	type: 'matching',
	toRawInput: (response) =>
		Object.fromEntries(
			Object.entries(response.matches).map(([item, option]) => [FIELD.match(item), [option]])
		),
	toPublic: (question) => ({
		type: 'matching',
		items: publicChoices(question.items),
		options: byText(publicChoices(question.options))
	}),
	checkInput(question, raw) {
		const matches: Record<string, string> = {};
		for (const item of question.items) {
			const values = (raw[FIELD.match(item.id)] ?? []).filter((v) => v !== '');
			if (values.length > 1) return invalid('wrong-type');
			if (values.length === 1) matches[item.id] = values[0]!;
		}
		const given = Object.keys(matches).length;
		if (given === 0) return invalid('unanswered');
		if (given < question.items.length) return invalid('incomplete');
		if (!Object.values(matches).every((v) => knownChoice(question.options, v))) {
			return invalid('unknown-choice');
		}
		return valid({ type: 'matching', matches });
	},
	checkResponse(question, response) {
		return this.checkInput(
			question,
			Object.fromEntries(Object.entries(response.matches).map(([k, v]) => [FIELD.match(k), [v]]))
		);
	},
	score(question, response) {
		const right = question.items.filter((i) => response.matches[i.id] === i.match).length;
		return right / question.items.length;
	},
	answerInWords: (question) =>
		question.items.map((i) => `${i.text} → ${choiceText(question.options, i.match)}`),
	responseInWords: (question, response) =>
		question
			? question.items.map(
					(i) => `${i.text} → ${choiceText(question.options, response.matches[i.id] ?? '')}`
				)
			: [],
	rationales: () => [],
	parts(question, response) {
		const marks = Object.fromEntries(
			question.items.map((i) => [i.id, response.matches[i.id] === i.match])
		);
		const right = Object.values(marks).filter(Boolean).length;
		return { kind: 'matching', right, of: question.items.length, marks };
	}
};
