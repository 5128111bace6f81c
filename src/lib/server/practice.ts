/**
 * Practice on the server: rebuilds a learner's quiz from its event log with the quiz engine, and
 * records new events only when the machine accepts them. The server is the authority: the page
 * shows whatever the machine, replayed from the log, says. (The browser runs the same engine for
 * instant feedback in self-study practice; the server's replay is still the record.)
 */
import type { Module } from '$lib/content/schema.ts';
import type { PublicQuestion } from '$lib/quiz/questions.ts';
import type { QuizEvent } from '$lib/quiz/quizMachine.ts';
import {
	lessonProgressOf,
	questionsOf,
	replayKey,
	startActorFor,
	viewOfKey,
	type LessonProgress,
	type QuizActor,
	type QuizConfig,
	type QuizKey,
	type Replayed
} from '$lib/quiz/engine.ts';
import type { QuizView } from '$lib/quiz/view.ts';
import type { SnapshotFrom } from 'xstate';
import type { QuizMachine } from '$lib/quiz/quizMachine.ts';

export { guidedThrough, step } from '$lib/quiz/engine.ts';
export type { LessonProgress, QuizActor, QuizConfig, Replayed } from '$lib/quiz/engine.ts';

const keys = new WeakMap<Module, QuizKey>();

/** The module as the engine needs it: questions with their key, lessons and paragraphs. */
export function keyOf(module: Module): QuizKey {
	let key = keys.get(module);
	if (!key) {
		key = {
			questions: module.questions,
			lessons: module.lessons,
			paragraphs: module.article.paragraphs
		};
		keys.set(module, key);
	}
	return key;
}

/** The module's questions as the quiz may see them, computed once per module. */
export function publicQuestions(module: Module): PublicQuestion[] {
	return questionsOf(keyOf(module));
}

/** The questions a config asks, in the module's order. */
export function questionsFor(module: Module, config?: QuizConfig): PublicQuestion[] {
	return questionsOf(keyOf(module), config);
}

/** A started actor for a fresh attempt at `module` with `seed`, before any event. */
export function startActor(module: Module, seed: number, config?: QuizConfig): QuizActor {
	return startActorFor(keyOf(module), seed, config);
}

/** Runs the log through the machine. Events the machine would not take are skipped, not fatal. */
export function replay(
	module: Module,
	seed: number,
	events: QuizEvent[],
	config?: QuizConfig
): Promise<Replayed> {
	return replayKey(keyOf(module), seed, events, config);
}

export function viewOf(module: Module, replayed: Replayed): QuizView {
	return viewOfKey(keyOf(module), replayed);
}

/** The intro, before the learner has started: the machine's initial state. */
export async function introView(module: Module): Promise<QuizView> {
	return viewOf(module, await replay(module, 0, []));
}

export function lessonProgress(
	module: Module,
	snapshot: SnapshotFrom<QuizMachine> | null
): LessonProgress[] {
	return lessonProgressOf(module.lessons, snapshot);
}
