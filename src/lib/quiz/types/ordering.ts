/**
 * Ordering: items listed in the correct order, shown shuffled. Each of the n − 1 neighbouring
 * pairs of the correct order that the answer also has side by side, in the same order, earns
 * 1/(n − 1). Reversed earns nothing.
 */
import type { OrderingQuestion } from '../../content/schema.ts';
import {
	byText,
	choiceText,
	invalid,
	publicChoices,
	valid,
	FIELD,
	type InputCheckOf,
	type PublicChoice,
	type QuestionTypeModule,
	type RawInput
} from './common.ts';

/** Items in an order that says nothing about the answer (by text; the quiz shuffles them). */
export type OrderingPublic = { type: 'ordering'; items: PublicChoice[] };
export type OrderingResponse = { type: 'ordering'; order: string[] };

/**
 * Ordering arrives in one of two shapes: the item ids in order (the reorder buttons, with
 * JavaScript), or a position for each item (one select per item, without it).
 */
function checkOrdering(items: PublicChoice[], raw: RawInput): InputCheckOf<OrderingResponse> {
	const ids = items.map((i) => i.id);
	const order = (raw[FIELD.order] ?? []).filter((v) => v !== '');
	if (order.length) {
		if (!order.every((id) => ids.includes(id))) return invalid('unknown-choice');
		if (new Set(order).size !== order.length) return invalid('duplicate-position');
		if (order.length !== ids.length) return invalid('incomplete');
		return valid({ type: 'ordering', order });
	}
	const positions = new Map<string, number>();
	for (const id of ids) {
		const values = (raw[FIELD.position(id)] ?? []).filter((v) => v !== '');
		if (values.length > 1) return invalid('wrong-type');
		if (!values.length) continue;
		const n = Number(values[0]);
		if (!Number.isInteger(n) || n < 1 || n > ids.length) return invalid('unknown-choice');
		positions.set(id, n);
	}
	if (positions.size === 0) return invalid('unanswered');
	if (positions.size < ids.length) return invalid('incomplete');
	if (new Set(positions.values()).size !== ids.length) return invalid('duplicate-position');
	return valid({
		type: 'ordering',
		order: ids.slice().sort((a, b) => positions.get(a)! - positions.get(b)!)
	});
}

export const ordering: QuestionTypeModule<OrderingQuestion, OrderingPublic, OrderingResponse> = {
	type: 'ordering',
	// The no-JavaScript form's fields: a place for each item.
	toRawInput: (response) =>
		Object.fromEntries(response.order.map((id, i) => [FIELD.position(id), [String(i + 1)]])),
	toPublic: (question) => ({ type: 'ordering', items: byText(publicChoices(question.items)) }),
	checkInput: (question, raw) => checkOrdering(question.items, raw),
	checkResponse(question, response) {
		return this.checkInput(question, { [FIELD.order]: response.order });
	},
	score(question, response) {
		const pairs = rightPairs(question, response);
		return pairs.length / (question.items.length - 1);
	},
	answerInWords: (question) => question.items.map((item, i) => `${i + 1}. ${item.text}`),
	responseInWords: (question, response) =>
		question ? response.order.map((id, i) => `${i + 1}. ${choiceText(question.items, id)}`) : [],
	rationales: () => [],
	parts(question, response) {
		const pairs = rightPairs(question, response);
		const inPair = new Set(pairs.flat());
		return {
			kind: 'ordering',
			right: pairs.length,
			of: question.items.length - 1,
			marks: Object.fromEntries(question.items.map((i) => [i.id, inPair.has(i.id)]))
		};
	}
};

/** The neighbouring pairs of the correct order that the response also has side by side. */
function rightPairs(question: OrderingQuestion, response: OrderingResponse): [string, string][] {
	const correct = question.items.map((i) => i.id);
	const pairs: [string, string][] = [];
	for (let i = 0; i < correct.length - 1; i++) {
		const [a, b] = [correct[i]!, correct[i + 1]!];
		if (response.order.indexOf(b) === response.order.indexOf(a) + 1) pairs.push([a, b]);
	}
	return pairs;
}
