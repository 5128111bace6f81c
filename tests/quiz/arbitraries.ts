/**
 * Arbitraries shared by the quiz property tests: responses a form might post for each question
 * type of `eightTypes`, valid or not.
 */
import fc from 'fast-check';
import {
	toPublic,
	type QuestionType,
	type Response,
	type Truth
} from '../../src/lib/quiz/questions.ts';
import { evidenceSentence, fixtureParagraphs, matching, ordering } from './fixtures.ts';

// Values a form might post: offered choices, unknown ones, nothing, too much.
const choiceId = fc.constantFrom('a', 'b', 'c', 'd', 'z', '');
const itemIds = ordering.items.map((i) => i.id);
const optionIds = matching.options.map((o) => o.id);
const sentenceIds = (toPublic(evidenceSentence, fixtureParagraphs) as { options: string[] })
	.options;
/** One response for each question type, valid or not; a step picks the one it needs. */
export const responses: fc.Arbitrary<Record<QuestionType, Response>> = fc.record({
	'single-choice': choiceId.map((choice): Response => ({ type: 'single-choice', choice })),
	'multiple-choice': fc
		.uniqueArray(choiceId, { maxLength: 5 })
		.map((choices): Response => ({ type: 'multiple-choice', choices })),
	'true-false-not-stated': fc
		.constantFrom('true', 'false', 'not-stated', 'maybe', '')
		.map((answer): Response => ({ type: 'true-false-not-stated', answer: answer as Truth })),
	'short-answer': fc
		.oneof(
			fc.constantFrom('2,000', '2000', '200', 'More than 2,000!', '', '  ', 'x'.repeat(201)),
			fc.string({ maxLength: 12 })
		)
		.map((text): Response => ({ type: 'short-answer', text })),
	// Any order of any of the items, sometimes with a repeat or an unknown id.
	ordering: fc
		.tuple(fc.shuffledSubarray(itemIds), fc.constantFrom([], ['z'], [itemIds[0]!]))
		.map(([order, extra]): Response => ({ type: 'ordering', order: [...order, ...extra] })),
	// Some items matched, to offered options or an unknown one.
	matching: fc
		.dictionary(
			fc.constantFrom(...matching.items.map((i) => i.id)),
			fc.constantFrom(...optionIds, 'z')
		)
		.map((matches): Response => ({ type: 'matching', matches })),
	evidence: fc
		.constantFrom(...sentenceIds, '1', '4.9', '')
		.map((choice): Response => ({ type: 'evidence', choice })),
	'two-part': fc
		.tuple(choiceId, choiceId)
		.map(([partA, partB]): Response => ({ type: 'two-part', partA, partB }))
});
