/**
 * Small hand-made questions and helpers shared by the quiz tests. The questions are plain objects
 * in the schema's output shape (defaults filled in), so no YAML or loader is involved.
 */
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import type {
	MultipleChoiceQuestion,
	ShortAnswerQuestion,
	SingleChoiceQuestion,
	TrueFalseNotStatedQuestion
} from '../../src/lib/content/schema.ts';
import { graderFor, type Grade } from '../../src/lib/quiz/grade.ts';
import {
	toPublic,
	type Question,
	type Response,
	type Truth
} from '../../src/lib/quiz/questions.ts';
import {
	quizMachine,
	type GradeInput,
	type QuizMachine,
	type QuizSettings
} from '../../src/lib/quiz/quizMachine.ts';
import type { HintLookup } from '../../src/lib/quiz/view.ts';

export const singleChoice: SingleChoiceQuestion = {
	id: 'first-to-publish',
	type: 'single-choice',
	skill: 'sourcing',
	prompt: 'Who first published the news?',
	points: 1,
	hints: ['Paragraph 1 names the outlet.'],
	explanation: 'Paragraph 1 says the Associated Press first published the news.',
	cites: [{ paragraph: 1, quote: 'The Associated Press, which first published the news' }],
	choices: [
		{ id: 'a', text: 'Kazinform', rationale: 'Kazinform reported from Xinjiang a day later.' },
		{ id: 'b', text: 'The Associated Press' },
		{ id: 'c', text: 'The Diplomat' }
	],
	answer: 'b'
};

export const multipleChoice: MultipleChoiceQuestion = {
	id: 'limits-laid-bare',
	type: 'multiple-choice',
	skill: 'inference',
	prompt: 'Which limits does the announcement lay bare?',
	points: 1,
	hints: ['Read the second half of paragraph 3.', 'There are two limits.'],
	explanation: 'Paragraph 3 names the limits of Kazakh empathy and of Astana’s influence.',
	cites: [
		{ paragraph: 3, quote: 'the strict limits of not only Kazakhstan’s empathy' },
		{ paragraph: 3, quote: 'the limits of Astana’s ability to budge Beijing' }
	],
	choices: [
		{ id: 'a', text: 'Of Chinese patience', rationale: 'China’s patience is not discussed.' },
		{ id: 'b', text: 'Of Kazakhstan’s empathy for non-Kazakh Muslims' },
		{
			id: 'c',
			text: 'Of the press tour',
			rationale: 'The press tour comes later, in paragraph 4.'
		},
		{ id: 'd', text: 'Of Astana’s ability to budge Beijing' }
	],
	answers: ['b', 'd']
};

export const trueFalse: TrueFalseNotStatedQuestion = {
	id: 'ministry-said-why',
	type: 'true-false-not-stated',
	skill: 'recall',
	prompt: 'The ministry said why the Kazakhs could leave.',
	points: 1,
	hints: [],
	explanation: 'False: the ministry did not say who could leave or why.',
	cites: [{ paragraph: 1, quote: 'did not say who could leave or why' }],
	answer: 'false'
};

export const shortAnswer: ShortAnswerQuestion = {
	id: 'how-many-may-leave',
	type: 'short-answer',
	skill: 'recall',
	prompt: 'How many ethnic Kazakhs may leave?',
	points: 1,
	hints: ['Paragraph 1 gives a number.'],
	explanation: 'Paragraph 1 says more than 2,000 ethnic Kazakhs will be allowed to leave.',
	cites: [{ paragraph: 1, quote: 'more than 2,000 ethnic Kazakhs' }],
	accepted: ['2,000', 'more than 2,000']
};

/** One question of each type, in a fixed order. */
export const fourTypes: Question[] = [singleChoice, multipleChoice, trueFalse, shortAnswer];

/** Six single-choice questions with four choices each: enough for orders to differ by seed. */
export const sixQuestions: SingleChoiceQuestion[] = Array.from({ length: 6 }, (_, i) => ({
	...singleChoice,
	id: `question-${i + 1}`,
	prompt: `Question ${i + 1}?`,
	choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Choice ${id} of ${i + 1}` })),
	answer: 'a'
}));

/** A response the answer key scores as full points. */
export function correctResponse(question: Question): Response {
	switch (question.type) {
		case 'single-choice':
			return { type: 'single-choice', choice: question.answer };
		case 'multiple-choice':
			return { type: 'multiple-choice', choices: [...question.answers] };
		case 'true-false-not-stated':
			return { type: 'true-false-not-stated', answer: question.answer };
		case 'short-answer':
			return { type: 'short-answer', text: question.accepted[0]! };
	}
}

/** A valid response the answer key scores as zero. */
export function wrongResponse(question: Question): Response {
	switch (question.type) {
		case 'single-choice':
			return {
				type: 'single-choice',
				choice: question.choices.find((c) => c.id !== question.answer)!.id
			};
		case 'multiple-choice':
			return {
				type: 'multiple-choice',
				choices: question.choices.filter((c) => !question.answers.includes(c.id)).map((c) => c.id)
			};
		case 'true-false-not-stated':
			return {
				type: 'true-false-not-stated',
				answer: question.answer === 'not-stated' ? 'true' : 'not-stated'
			};
		case 'short-answer':
			return { type: 'short-answer', text: 'no idea' };
	}
}

/** A response of the question's own type that checkInput refuses as unanswered. */
export function unansweredResponse(question: Question): Response {
	switch (question.type) {
		case 'single-choice':
			return { type: 'single-choice', choice: '' };
		case 'multiple-choice':
			return { type: 'multiple-choice', choices: [] };
		case 'true-false-not-stated':
			// What a form posts when no radio button is checked; not a Truth, on purpose.
			return { type: 'true-false-not-stated', answer: '' as Truth };
		case 'short-answer':
			return { type: 'short-answer', text: '   ' };
	}
}

/** Hint texts for the view, as the server would look them up in the answer key. */
export function hintsFrom(questions: readonly Question[]): HintLookup {
	const byId = new Map(questions.map((q) => [q.id, q]));
	return (id, count) => byId.get(id)!.hints.slice(0, count);
}

type Grader = (input: GradeInput) => Promise<Grade>;

/** The real grader for these questions, as the server provides it. */
export function realGrader(questions: readonly Question[]): Grader {
	const grade = graderFor(questions);
	return async ({ questionId, response }) => grade(questionId, response);
}

export interface QuizOptions {
	seed?: number;
	settings?: Partial<QuizSettings>;
	grader?: Grader;
}

/** A started quiz actor over `questions`, graded by the real grader unless told otherwise. */
export function startQuiz(
	questions: readonly Question[],
	{ seed = 1, settings, grader = realGrader(questions) }: QuizOptions = {}
): Actor<QuizMachine> {
	const machine = quizMachine.provide({
		actors: { gradeAnswer: fromPromise(({ input }) => grader(input)) }
	});
	return createActor(machine, {
		input: { questions: questions.map(toPublic), seed, settings }
	}).start();
}

/** Submits a response and waits until grading, if any, has settled. */
export async function submit(actor: Actor<QuizMachine>, response: Response): Promise<void> {
	actor.send({ type: 'answer.submit', response });
	await waitFor(actor, (s) => !s.hasTag('busy'));
}
