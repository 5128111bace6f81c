/**
 * Every question type, by name: the one table `../questions.ts` dispatches over. A new type is a
 * file in this folder (and its component in `components/questions/`), registered here.
 */
import type { Question, QuestionType } from '../../content/schema.ts';
import type { PublicBase, QuestionTypeModule } from './common.ts';
import { evidence } from './evidence.ts';
import { matching } from './matching.ts';
import { multipleChoice } from './multipleChoice.ts';
import { ordering } from './ordering.ts';
import { shortAnswer } from './shortAnswer/index.ts';
import { singleChoice } from './singleChoice.ts';
import { trueFalseNotStated } from './trueFalseNotStated.ts';
import { twoPart } from './twoPart.ts';

export const QUESTION_TYPE_MODULES = {
	'single-choice': singleChoice,
	'multiple-choice': multipleChoice,
	'true-false-not-stated': trueFalseNotStated,
	'short-answer': shortAnswer,
	ordering,
	matching,
	evidence,
	'two-part': twoPart
} as const satisfies { [T in QuestionType]: { type: T } };

type Modules = typeof QUESTION_TYPE_MODULES;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only to infer the view and response
type PublicOf<M> = M extends QuestionTypeModule<any, infer P, any> ? P : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only to infer the view and response
type ResponseOf<M> = M extends QuestionTypeModule<any, any, infer R> ? R : never;

/** What a page may show before the question is answered: no answer, explanation or hints. */
export type PublicQuestion = PublicBase &
	{ [T in QuestionType]: PublicOf<Modules[T]> }[QuestionType];

/** A learner's answer to one question, already checked for shape. */
export type Response = { [T in QuestionType]: ResponseOf<Modules[T]> }[QuestionType];

/**
 * The module for a type, loosely typed: the dispatcher has already matched the question, the
 * view and the response to the same type, which TypeScript cannot follow through a table.
 */
export function moduleFor(
	type: QuestionType
): QuestionTypeModule<Question, PublicQuestion, Response> {
	return QUESTION_TYPE_MODULES[type] as unknown as QuestionTypeModule<
		Question,
		PublicQuestion,
		Response
	>;
}
