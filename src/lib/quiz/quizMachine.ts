/**
 * The quiz flow, practice mode: intro → answering → grading → feedback → … → summary.
 *
 * Pure: the questions arrive answerless through `input`, grading arrives as the `gradeAnswer`
 * actor (the server provides one that holds the key), and the seed for question and choice order
 * arrives through `input`. The same events with the same seed and grader give the same quiz, which
 * is how the server rebuilds an attempt from its log.
 *
 * Scoring rule, stated once: a question's credit is what its last try earned, times
 * (1 − hintCost × hints taken − retryPenalty × earlier tries), never below zero.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { Grade } from './grade.ts';
import type { InvalidReason, PublicQuestion, Response } from './questions.ts';
import { checkResponse, round } from './questions.ts';
import { seededRandom, shuffled } from './random.ts';

export interface QuizSettings {
	/** Tries per question, 1 or more. */
	maxTries: number;
	/** Share of a question's points each hint costs (0.25 = a quarter). */
	hintCost: number;
	/** Share of a question's points each try after the first costs. */
	retryPenalty: number;
	shuffleQuestions: boolean;
	shuffleChoices: boolean;
}

export const DEFAULT_SETTINGS: QuizSettings = {
	maxTries: 2,
	hintCost: 0.25,
	retryPenalty: 0.25,
	shuffleQuestions: false,
	shuffleChoices: true
};

export interface QuizInput {
	questions: PublicQuestion[];
	seed: number;
	settings?: Partial<QuizSettings>;
}

/** One graded try at a question. */
export interface Try {
	response: Response;
	grade: Grade;
}

/** Everything the quiz records about one question. */
export interface QuestionProgress {
	tries: Try[];
	hintsUsed: number;
	revealed: boolean;
	resolved: boolean;
	/** Credit after penalties; set when the question is resolved. */
	credit: number;
}

export interface QuizContext {
	settings: QuizSettings;
	/** Questions in the order this quiz asks them, choices in the order this quiz shows them. */
	questions: PublicQuestion[];
	index: number;
	progress: Record<string, QuestionProgress>;
	/** The reason the latest submission could not be scored, while it is shown. */
	invalidReason: InvalidReason | null;
	/** The response being graded. */
	pending: Response | null;
}

export type QuizEvent =
	| { type: 'quiz.start' }
	| { type: 'answer.submit'; response: Response }
	| { type: 'hint.request' }
	| { type: 'answer.retry' }
	| { type: 'answer.reveal' }
	| { type: 'question.next' };

export interface GradeInput {
	questionId: string;
	response: Response;
}

export const quizMachine = setup({
	types: {
		context: {} as QuizContext,
		events: {} as QuizEvent,
		input: {} as QuizInput
	},
	actors: {
		// Replaced through .provide() by whoever holds the answer key.
		gradeAnswer: fromPromise<Grade, GradeInput>(async () => {
			throw new Error('quizMachine needs a gradeAnswer actor that knows the answer key');
		})
	},
	guards: {
		responseIsInvalid: ({ context, event }) =>
			event.type === 'answer.submit' &&
			checkResponse(current(context), event.response).kind === 'invalid',
		hintAvailable: ({ context }) => {
			const q = current(context);
			return progressOf(context).hintsUsed < q.hintCount;
		},
		lastTryCorrect: ({ context }) => lastTry(context)?.grade.outcome === 'correct',
		triesRemain: ({ context }) => progressOf(context).tries.length < context.settings.maxTries,
		isLastQuestion: ({ context }) => context.index >= context.questions.length - 1
	},
	actions: {
		recordInvalid: assign({
			invalidReason: ({ context, event }) => {
				if (event.type !== 'answer.submit') return context.invalidReason;
				const check = checkResponse(current(context), event.response);
				return check.kind === 'invalid' ? check.reason : null;
			}
		}),
		holdResponse: assign({
			invalidReason: null,
			// Keep the checked form (trimmed text, choices in order, no repeats), so the log of tries
			// reads the same however the answer was sent.
			pending: ({ context, event }) => {
				if (event.type !== 'answer.submit') return null;
				const check = checkResponse(current(context), event.response);
				return check.kind === 'valid' ? check.response : null;
			}
		}),
		takeHint: assign({
			progress: ({ context }) =>
				updateProgress(context, (p) => ({ ...p, hintsUsed: p.hintsUsed + 1 }))
		}),
		recordTry: assign({
			progress: ({ context }, grade: Grade) =>
				updateProgress(context, (p) => ({
					...p,
					tries: [...p.tries, { response: context.pending!, grade }]
				})),
			pending: null
		}),
		resolve: assign({
			progress: ({ context }) =>
				updateProgress(context, (p) =>
					p.resolved ? p : { ...p, resolved: true, credit: creditFor(context.settings, p) }
				)
		}),
		reveal: assign({
			progress: ({ context }) => updateProgress(context, (p) => ({ ...p, revealed: true }))
		}),
		clearInvalid: assign({ invalidReason: null }),
		advance: assign({ index: ({ context }) => context.index + 1, invalidReason: null })
	}
}).createMachine({
	id: 'quiz',
	context: ({ input }) => {
		// An explicitly undefined setting means "the default", not "no value".
		const given = Object.entries(input.settings ?? {}).filter(([, v]) => v !== undefined);
		const settings: QuizSettings = { ...DEFAULT_SETTINGS, ...Object.fromEntries(given) };
		const random = seededRandom(input.seed);
		const ordered = settings.shuffleQuestions
			? shuffled(input.questions, random)
			: input.questions.slice();
		const questions = settings.shuffleChoices
			? ordered.map((q) => shuffleParts(q, random))
			: ordered;
		return {
			settings,
			questions,
			index: 0,
			progress: Object.fromEntries(
				questions.map((q) => [
					q.id,
					{ tries: [], hintsUsed: 0, revealed: false, resolved: false, credit: 0 }
				])
			),
			invalidReason: null,
			pending: null
		};
	},
	initial: 'intro',
	states: {
		intro: {
			on: { 'quiz.start': 'answering' }
		},
		answering: {
			initial: 'ready',
			states: {
				ready: {},
				invalid: { tags: ['invalid'] },
				gradingFailed: { tags: ['error'] }
			},
			on: {
				'answer.submit': [
					{ guard: 'responseIsInvalid', target: '.invalid', actions: 'recordInvalid' },
					{ target: 'grading', actions: 'holdResponse' }
				],
				'hint.request': { guard: 'hintAvailable', actions: 'takeHint' }
			}
		},
		grading: {
			tags: ['busy'],
			invoke: {
				id: 'grader',
				src: 'gradeAnswer',
				input: ({ context }) => ({
					questionId: current(context).id,
					response: context.pending!
				}),
				onDone: {
					target: 'feedback',
					actions: { type: 'recordTry', params: ({ event }) => event.output }
				},
				onError: { target: 'answering.gradingFailed', actions: assign({ pending: null }) }
			}
		},
		feedback: {
			initial: 'deciding',
			states: {
				deciding: {
					always: [
						{ guard: 'lastTryCorrect', target: 'correct' },
						{ guard: 'triesRemain', target: 'retry' },
						{ target: 'exhausted' }
					]
				},
				correct: { tags: ['resolved'], entry: 'resolve' },
				retry: {
					on: { 'answer.retry': { target: '#quiz.answering', actions: 'clearInvalid' } }
				},
				exhausted: {
					tags: ['resolved'],
					entry: 'resolve',
					on: { 'answer.reveal': { target: 'revealed', actions: 'reveal' } }
				},
				revealed: { tags: ['resolved'] }
			},
			on: {
				'question.next': [
					{ guard: 'isLastQuestion', target: 'summary', actions: 'resolve' },
					{ target: 'answering', actions: ['resolve', 'advance'] }
				]
			}
		},
		summary: { type: 'final' }
	}
});

export type QuizMachine = typeof quizMachine;

/** Shuffles whatever a question offers to choose from, so position says nothing. */
function shuffleParts(q: PublicQuestion, random: () => number): PublicQuestion {
	switch (q.type) {
		case 'single-choice':
		case 'multiple-choice':
			return { ...q, choices: shuffled(q.choices, random) };
		case 'two-part':
			return {
				...q,
				choices: shuffled(q.choices, random),
				partB: { ...q.partB, choices: shuffled(q.partB.choices, random) }
			};
		case 'ordering':
			return { ...q, items: shuffled(q.items, random) };
		case 'matching':
			return { ...q, options: shuffled(q.options, random) };
		default:
			return q;
	}
}

/** The question being asked. */
export function current(context: QuizContext): PublicQuestion {
	return context.questions[Math.min(context.index, context.questions.length - 1)]!;
}

export function progressOf(context: QuizContext, id = current(context).id): QuestionProgress {
	return context.progress[id]!;
}

export function lastTry(context: QuizContext, id = current(context).id): Try | undefined {
	return progressOf(context, id).tries.at(-1);
}

/** Credit for a question after hint and retry penalties, in its points. */
export function creditFor(settings: QuizSettings, progress: QuestionProgress): number {
	const last = progress.tries.at(-1);
	if (!last) return 0;
	const penalty =
		settings.hintCost * progress.hintsUsed + settings.retryPenalty * (progress.tries.length - 1);
	return round(last.grade.earned * Math.max(0, 1 - penalty));
}

/** The most a quiz can earn. */
export function maxScore(context: QuizContext): number {
	return round(context.questions.reduce((sum, q) => sum + q.points, 0));
}

/** What the quiz has earned so far: the credit of every resolved question. */
export function totalScore(context: QuizContext): number {
	return round(
		Object.values(context.progress).reduce((sum, p) => sum + (p.resolved ? p.credit : 0), 0)
	);
}

function updateProgress(
	context: QuizContext,
	change: (p: QuestionProgress) => QuestionProgress
): Record<string, QuestionProgress> {
	const id = current(context).id;
	return { ...context.progress, [id]: change(context.progress[id]!) };
}
