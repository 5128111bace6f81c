/**
 * The quiz flow, in one of three modes chosen by `settings.mode`:
 *
 * - practice (the default): intro → answering → grading → feedback → … → summary. Each answer is
 *   graded as it is given, with hints, retries and feedback, one question after another.
 * - review: practice's flow, for the review queue's due questions (issue 9): the same grading,
 *   hints, retries and cited feedback, but the questions are one group with no skipping (a review
 *   asks what is due, and a skipped one would only come back at once).
 * - assessment: intro → assessing → submitting → summary. The learner records, changes and clears
 *   answers to any question in any order, moving freely between questions, and nothing is graded
 *   until the quiz is submitted (by the learner, or by the server when time is up or the quiz is
 *   due). Submitting grades every recorded answer, one at a time in quiz order, through the same
 *   `gradeAnswer` actor, and only then writes the grades into the progress, all at once.
 *
 * Each mode's events are only accepted in its own states, which the other mode never enters, so
 * `snapshot.can(event)` refuses the other mode's events.
 *
 * Pure: the questions arrive answerless through `input`, grading arrives as the `gradeAnswer`
 * actor (the server provides one that holds the key), and the seed for question and choice order
 * arrives through `input`. The same events with the same seed and grader give the same quiz, which
 * is how the server rebuilds an attempt from its log.
 *
 * Practice mode asks questions in order, but a learner may skip one for now (`question.skip`): it
 * moves to the end of its lesson (after the lesson's other questions still to come) and comes back
 * there with its tries and hints as they were. Skipping costs nothing and records no try. It is
 * refused for the last question left in a lesson, which would only come back at once. The quiz's
 * order is `questions`, so a skip reorders it and `index` stays put.
 *
 * Scoring rule, stated once for each mode:
 * - practice: a question's credit is what its last try earned, times
 *   (1 − hintCost × hints taken − retryPenalty × earlier tries), never below zero.
 * - assessment: a question's credit is what its recorded answer earned, with no penalty (there
 *   are no hints or retries); an unanswered question earns 0.
 */
import { and, assign, fromPromise, setup } from 'xstate';
import type { Grade } from './grade.ts';
import type { InvalidReason, PublicQuestion, Response } from './questions.ts';
import { checkResponse, round } from './questions.ts';
import { seededRandom, shuffled } from './random.ts';

/**
 * Practice grades each answer as it is given; review does the same for the questions due again;
 * assessment grades them all on submission.
 */
export type QuizMode = 'practice' | 'review' | 'assessment';

/** Who or what submitted an assessment: the learner, the timer, or the due date. */
export type SubmitReason = 'student' | 'time-up' | 'due';

export interface QuizSettings {
	mode: QuizMode;
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
	mode: 'practice',
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
	/**
	 * The lessons, each its question ids. A skipped question comes back at the end of its lesson;
	 * without lessons, the whole quiz is one lesson. Not part of a log: it comes from the module.
	 */
	lessons?: readonly (readonly string[])[];
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
	/** The answer recorded in assessment mode, not yet graded; always null in practice mode. */
	response: Response | null;
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
	/**
	 * Assessment mode, while submitting: the grades in so far, by question id. They reach
	 * `progress` only once every recorded answer is graded, so a grader that fails halfway leaves
	 * nothing resolved.
	 */
	pendingGrades: Record<string, Grade>;
	/** Why the assessment was submitted; null until it is. */
	submittedReason: SubmitReason | null;
	/** Each question's lesson, by question id (a question in no lesson is in lesson ''). */
	lessonOf: Record<string, string>;
	/** Practice mode: how often each question has been skipped, by id (absent: never). */
	skips: Record<string, number>;
}

export type QuizEvent =
	| { type: 'quiz.start' }
	| { type: 'answer.submit'; response: Response }
	| { type: 'hint.request' }
	| { type: 'answer.retry' }
	| { type: 'answer.reveal' }
	| { type: 'question.next' }
	| { type: 'question.skip' }
	// Assessment mode only.
	| { type: 'answer.record'; questionId: string; response: Response }
	| { type: 'answer.clear'; questionId: string }
	| { type: 'question.goto'; index: number }
	| { type: 'question.prev' }
	| { type: 'quiz.submit'; reason?: SubmitReason };

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
		isLastQuestion: ({ context }) => context.index >= context.questions.length - 1,
		canSkip: ({ context }) => skipTarget(context) !== null,
		isAssessment: ({ context }) => context.settings.mode === 'assessment',
		// Assessment mode. An answer names its question, which need not be the one shown.
		namesQuizQuestion: ({ context, event }) =>
			(event.type === 'answer.record' || event.type === 'answer.clear') &&
			questionById(context, event.questionId) !== undefined,
		recordedResponseIsInvalid: ({ context, event }) =>
			event.type === 'answer.record' &&
			checkResponse(questionById(context, event.questionId)!, event.response).kind === 'invalid',
		indexInRange: ({ context, event }) =>
			event.type === 'question.goto' &&
			Number.isInteger(event.index) &&
			event.index >= 0 &&
			event.index < context.questions.length,
		hasNextQuestion: ({ context }) => context.index < context.questions.length - 1,
		hasPreviousQuestion: ({ context }) => context.index > 0,
		answerAwaitsGrade: ({ context }) => nextToGrade(context) !== null
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
		advance: assign({ index: ({ context }) => context.index + 1, invalidReason: null }),
		// The question on screen moves to just after the last of its lesson's questions still to
		// come; the one after it takes its place at `index`. Its progress is untouched.
		skip: assign({
			questions: ({ context }) => {
				const to = skipTarget(context)!;
				const questions = context.questions.slice();
				const [skipped] = questions.splice(context.index, 1);
				questions.splice(to, 0, skipped!);
				return questions;
			},
			skips: ({ context }) => {
				const id = current(context).id;
				return { ...context.skips, [id]: (context.skips[id] ?? 0) + 1 };
			},
			invalidReason: null
		}),
		// Assessment mode.
		recordAnswer: assign({
			invalidReason: null,
			// The checked form, as in practice mode: the same answer reads the same in the log.
			progress: ({ context, event }) => {
				if (event.type !== 'answer.record') return context.progress;
				const check = checkResponse(questionById(context, event.questionId)!, event.response);
				if (check.kind !== 'valid') return context.progress;
				return updateProgress(
					context,
					(p) => ({ ...p, response: check.response }),
					event.questionId
				);
			}
		}),
		recordInvalidAnswer: assign({
			invalidReason: ({ context, event }) => {
				if (event.type !== 'answer.record') return context.invalidReason;
				const check = checkResponse(questionById(context, event.questionId)!, event.response);
				return check.kind === 'invalid' ? check.reason : null;
			}
		}),
		clearAnswer: assign({
			invalidReason: null,
			progress: ({ context, event }) =>
				event.type === 'answer.clear'
					? updateProgress(context, (p) => ({ ...p, response: null }), event.questionId)
					: context.progress
		}),
		goTo: assign({
			index: ({ context, event }) => (event.type === 'question.goto' ? event.index : context.index),
			invalidReason: null
		}),
		goBack: assign({ index: ({ context }) => context.index - 1, invalidReason: null }),
		startSubmission: assign({
			submittedReason: ({ event }) =>
				event.type === 'quiz.submit' ? (event.reason ?? 'student') : null,
			pendingGrades: {},
			invalidReason: null
		}),
		holdGrade: assign({
			pendingGrades: ({ context }, grade: Grade) => ({
				...context.pendingGrades,
				[nextToGrade(context)!.questionId]: grade
			})
		}),
		// Every question is resolved at once: an answered one with what its answer earned (no
		// penalties, so creditFor would agree), an unanswered one with nothing.
		commitGrades: assign({
			progress: ({ context }) =>
				Object.fromEntries(
					context.questions.map((q) => {
						const p = context.progress[q.id]!;
						const grade = Object.hasOwn(context.pendingGrades, q.id)
							? context.pendingGrades[q.id]
							: undefined;
						const graded: QuestionProgress =
							p.response && grade
								? {
										...p,
										tries: [{ response: p.response, grade }],
										resolved: true,
										credit: grade.earned
									}
								: { ...p, tries: [], resolved: true, credit: 0 };
						return [q.id, graded];
					})
				),
			pendingGrades: {}
		}),
		// A failed submission leaves the assessment as it was before quiz.submit.
		abandonSubmission: assign({ pendingGrades: {}, submittedReason: null })
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
		const lessonOf: Record<string, string> = {};
		input.lessons?.forEach((ids, i) => {
			for (const id of ids) lessonOf[id] = String(i);
		});
		return {
			settings,
			questions,
			lessonOf,
			skips: {},
			index: 0,
			progress: Object.fromEntries(
				questions.map((q) => [
					q.id,
					{
						tries: [],
						hintsUsed: 0,
						revealed: false,
						resolved: false,
						credit: 0,
						response: null
					}
				])
			),
			invalidReason: null,
			pending: null,
			pendingGrades: {},
			submittedReason: null
		};
	},
	initial: 'intro',
	states: {
		intro: {
			on: {
				'quiz.start': [{ guard: 'isAssessment', target: 'assessing' }, { target: 'answering' }]
			}
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
				'hint.request': { guard: 'hintAvailable', actions: 'takeHint' },
				'question.skip': { guard: 'canSkip', target: '.ready', actions: 'skip' }
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
		// Assessment mode from here to submitting: answers are recorded, not graded.
		assessing: {
			initial: 'ready',
			states: {
				ready: {},
				invalid: { tags: ['invalid'] },
				gradingFailed: { tags: ['error'] }
			},
			on: {
				'answer.record': [
					{
						guard: and(['namesQuizQuestion', 'recordedResponseIsInvalid']),
						target: '.invalid',
						actions: 'recordInvalidAnswer'
					},
					{ guard: 'namesQuizQuestion', target: '.ready', actions: 'recordAnswer' }
				],
				'answer.clear': { guard: 'namesQuizQuestion', target: '.ready', actions: 'clearAnswer' },
				'question.goto': { guard: 'indexInRange', target: '.ready', actions: 'goTo' },
				'question.next': { guard: 'hasNextQuestion', target: '.ready', actions: 'advance' },
				'question.prev': { guard: 'hasPreviousQuestion', target: '.ready', actions: 'goBack' },
				'quiz.submit': { target: 'submitting', actions: 'startSubmission' }
			}
		},
		// Grades the recorded answers one at a time, in quiz order: `next` picks the next ungraded
		// one and `grading` invokes the grader for it, until none is left.
		submitting: {
			tags: ['busy'],
			initial: 'next',
			states: {
				next: {
					always: [
						{ guard: 'answerAwaitsGrade', target: 'grading' },
						{ target: '#quiz.summary', actions: 'commitGrades' }
					]
				},
				grading: {
					invoke: {
						id: 'grader',
						src: 'gradeAnswer',
						input: ({ context }) => nextToGrade(context)!,
						onDone: {
							target: 'next',
							actions: { type: 'holdGrade', params: ({ event }) => event.output }
						},
						onError: { target: '#quiz.assessing.gradingFailed', actions: 'abandonSubmission' }
					}
				}
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

/** A question's lesson ('' for a question in none). */
export function lessonOf(context: QuizContext, id: string): string {
	return Object.hasOwn(context.lessonOf, id) ? context.lessonOf[id]! : '';
}

/**
 * Where skipping the question on screen would move it to: the place of the last question of its
 * lesson after it (every question after `index` is still to come), or null when none is left.
 */
export function skipTarget(context: QuizContext): number | null {
	if (context.settings.mode === 'review') return null;
	const lesson = lessonOf(context, current(context).id);
	for (let i = context.questions.length - 1; i > context.index; i--) {
		if (lessonOf(context, context.questions[i]!.id) === lesson) return i;
	}
	return null;
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

/** The quiz's question with this id, if it has one. */
export function questionById(context: QuizContext, id: string): PublicQuestion | undefined {
	return context.questions.find((q) => q.id === id);
}

/**
 * Assessment mode, while submitting: the first question, in quiz order, with a recorded answer
 * not graded yet, as the grader's input; null when every recorded answer has its grade.
 */
export function nextToGrade(context: QuizContext): GradeInput | null {
	for (const q of context.questions) {
		const response = context.progress[q.id]!.response;
		if (response && !Object.hasOwn(context.pendingGrades, q.id)) {
			return { questionId: q.id, response };
		}
	}
	return null;
}

function updateProgress(
	context: QuizContext,
	change: (p: QuestionProgress) => QuestionProgress,
	id = current(context).id
): Record<string, QuestionProgress> {
	return { ...context.progress, [id]: change(context.progress[id]!) };
}
