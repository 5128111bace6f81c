/**
 * A recorded response as the form fields that would send it: how a saved assessment answer is
 * shown again in its question's form (the inverse of `checkInput`).
 */
import { FIELD, type PublicQuestion, type RawInput, type Response } from './questions.ts';

export function rawInputOf(question: PublicQuestion, response: Response | null): RawInput {
	if (!response || response.type !== question.type) return {};
	switch (response.type) {
		case 'single-choice':
			return { [FIELD.choice]: [response.choice] };
		case 'multiple-choice':
			return { [FIELD.choice]: [...response.choices] };
		case 'true-false-not-stated':
			return { [FIELD.choice]: [response.answer] };
		case 'short-answer':
			return { [FIELD.text]: [response.text] };
		case 'ordering':
			return Object.fromEntries(
				response.order.map((id, i) => [FIELD.position(id), [String(i + 1)]])
			);
		case 'matching':
			return Object.fromEntries(
				Object.entries(response.matches).map(([item, option]) => [FIELD.match(item), [option]])
			);
		case 'evidence':
			return { [FIELD.evidence]: [response.choice] };
		case 'two-part':
			return { [FIELD.choice]: [response.partA], [FIELD.partB]: [response.partB] };
	}
}
