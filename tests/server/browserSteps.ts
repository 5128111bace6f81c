/**
 * The browser's side of a self-study quiz, for tests of the `/events` endpoints: the key as the
 * browser receives it, and a learner's first answer checked by the browser's engine as the page
 * would send it.
 */
import { answerFields, seededRng } from '../../scripts/simulated-student.ts';
import {
	startActorFor,
	step as stepActor,
	type QuizActor,
	type QuizConfig,
	type QuizKey
} from '../../src/lib/quiz/engine.ts';
import { current, type QuizEvent } from '../../src/lib/quiz/quizMachine.ts';
import { eventOf, isRefusal, type Step } from '../../src/lib/practice/steps.ts';
import type { RawInput } from '../../src/lib/quiz/questions.ts';
import type { Module } from '../../src/lib/content/schema.ts';
import type { practiceKeyOf } from '../../src/lib/server/localPractice.ts';

/** The key as the browser has it: fetched as JSON, the article's paragraphs from the page. */
export function browserKey(practiceKey: ReturnType<typeof practiceKeyOf>, module: Module): QuizKey {
	const body = JSON.parse(JSON.stringify(practiceKey)) as typeof practiceKey;
	return {
		questions: body.questions,
		lessons: body.lessons,
		paragraphs: JSON.parse(JSON.stringify(module.article.paragraphs))
	};
}

/** A form's fields as the step carries them: each name with its values. */
export function rawOf(fields: [string, string][]): RawInput {
	const raw: RawInput = {};
	for (const [name, value] of fields) (raw[name] ??= []).push(value);
	return raw;
}

/**
 * The browser's engine started on `seed` (with `config`, a review's, when given) and a first
 * answer to its first question, some answer a student might give: the step the page sends and
 * the event it stands for, not yet taken.
 */
export async function firstAnswerStep(
	key: QuizKey,
	seed: number,
	config?: QuizConfig
): Promise<{ actor: QuizActor; question: string; step: Step; event: QuizEvent }> {
	const actor = startActorFor(key, seed, config);
	await stepActor(actor, { type: 'quiz.start' });
	const question = current(actor.getSnapshot().context);
	const step: Step = {
		action: 'answer',
		question: question.id,
		raw: rawOf(answerFields(question, seededRng(seed)))
	};
	const event = eventOf(step, question);
	if (isRefusal(event)) throw new Error(event.message);
	return { actor, question: question.id, step, event };
}
