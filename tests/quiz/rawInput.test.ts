/**
 * A saved answer shown again in its form: the fields `rawInputOf` gives are read back by
 * `checkInput` as the very same response, for every type, right and wrong answers alike.
 */
import { describe, expect, it } from 'vitest';
import { checkInput, toPublic } from '../../src/lib/quiz/questions.ts';
import { rawInputOf } from '../../src/lib/quiz/rawInput.ts';
import {
	correctResponse,
	eightTypes,
	fixtureParagraphs as paragraphs,
	wrongResponse
} from './fixtures.ts';

describe('rawInputOf', () => {
	for (const question of eightTypes) {
		it(`${question.type}: the form fields read back as the same response`, () => {
			const view = toPublic(question, paragraphs);
			for (const response of [
				correctResponse(question, paragraphs),
				wrongResponse(question, paragraphs)
			]) {
				expect(checkInput(view, rawInputOf(view, response))).toEqual({ kind: 'valid', response });
			}
		});
	}

	it('gives nothing for no response or a response of another type', () => {
		const [single, multiple] = eightTypes;
		const view = toPublic(single!, paragraphs);
		expect(rawInputOf(view, null)).toEqual({});
		expect(rawInputOf(view, correctResponse(multiple!, paragraphs))).toEqual({});
	});
});
