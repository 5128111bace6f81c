/**
 * Practice on the server: rebuilds a learner's quiz from its event log with quizMachine, and
 * records new events only when the machine accepts them. The server is the authority: the page
 * shows whatever the machine, replayed from the log, says.
 */
import { createActor, fromPromise, waitFor, type SnapshotFrom } from 'xstate';
import type { Module } from '$lib/content/schema.ts';
import { graderFor } from '$lib/quiz/grade.ts';
import { toPublic, type PublicQuestion } from '$lib/quiz/questions.ts';
import {
	quizMachine,
	type QuizEvent,
	type QuizMachine,
	type QuizSettings
} from '$lib/quiz/quizMachine.ts';
import { quizView, type QuizView } from '$lib/quiz/view.ts';

const machines = new WeakMap<Module, QuizMachine>();

/** The machine for a module, with a grader that holds the module's answer key. */
function machineFor(module: Module): QuizMachine {
	let machine = machines.get(module);
	if (!machine) {
		const grade = graderFor(module.questions, module.article.paragraphs);
		machine = quizMachine.provide({
			actors: {
				gradeAnswer: fromPromise(async ({ input }) => grade(input.questionId, input.response))
			}
		});
		machines.set(module, machine);
	}
	return machine;
}

const publicViews = new WeakMap<Module, PublicQuestion[]>();

/** The module's questions as the quiz may see them, computed once per module. */
export function publicQuestions(module: Module): PublicQuestion[] {
	let views = publicViews.get(module);
	if (!views) {
		views = module.questions.map((q) => toPublic(q, module.article.paragraphs));
		publicViews.set(module, views);
	}
	return views;
}

export interface Replayed {
	snapshot: SnapshotFrom<QuizMachine>;
	seq: number;
}

export type QuizActor = ReturnType<typeof createActor<QuizMachine>>;

/**
 * What an assignment asks of the module: some of its questions (its chosen lessons') and its
 * settings. Fixed for the life of an attempt, since its log is replayed against it.
 */
export interface QuizConfig {
	questionIds?: readonly string[];
	settings?: Partial<QuizSettings>;
}

/** The questions a config asks, in the module's order. */
export function questionsFor(module: Module, config?: QuizConfig): PublicQuestion[] {
	const all = publicQuestions(module);
	if (!config?.questionIds) return all;
	const wanted = new Set(config.questionIds);
	return all.filter((q) => wanted.has(q.id));
}

/** A started actor for a fresh attempt at `module` with `seed`, before any event. */
export function startActor(module: Module, seed: number, config?: QuizConfig): QuizActor {
	const actor = createActor(machineFor(module), {
		input: {
			questions: questionsFor(module, config),
			seed,
			settings: config?.settings,
			lessons: module.lessons.map((l) => l.questions)
		}
	});
	actor.start();
	return actor;
}

/** Runs the log through the machine. Events the machine would not take are skipped, not fatal. */
export async function replay(
	module: Module,
	seed: number,
	events: QuizEvent[],
	config?: QuizConfig
): Promise<Replayed> {
	const actor = startActor(module, seed, config);
	for (const event of events) await step(actor, event);
	const snapshot = actor.getSnapshot();
	actor.stop();
	return { snapshot, seq: events.length };
}

/** Sends one event and waits for grading to settle. Returns whether the machine took it. */
export async function step(actor: QuizActor, event: QuizEvent): Promise<boolean> {
	if (!actor.getSnapshot().can(event)) return false;
	actor.send(event);
	await waitFor(actor, (s) => !s.hasTag('busy'));
	return true;
}

export function viewOf(module: Module, { snapshot, seq }: Replayed): QuizView {
	const hints = new Map(module.questions.map((q) => [q.id, q.hints]));
	return quizView(snapshot, seq, (id, count) => (hints.get(id) ?? []).slice(0, count));
}

/** The intro, before the learner has started: the machine's initial state. */
export async function introView(module: Module): Promise<QuizView> {
	return viewOf(module, await replay(module, 0, []));
}

/** How far a learner has got through one lesson. */
export interface LessonProgress {
	id: string;
	title: string;
	paragraphs: [number, number];
	total: number;
	resolved: number;
	status: 'done' | 'current' | 'upcoming';
}

/**
 * Lesson by lesson: a lesson is done when every one of its questions is resolved; the first
 * lesson not done is the current one.
 */
export function lessonProgress(
	module: Module,
	snapshot: SnapshotFrom<QuizMachine> | null
): LessonProgress[] {
	const progress = snapshot?.context.progress ?? {};
	let current = false;
	return module.lessons.map((lesson) => {
		const resolved = lesson.questions.filter((id) => progress[id]?.resolved).length;
		const done = resolved === lesson.questions.length;
		const status = done ? 'done' : current ? 'upcoming' : 'current';
		if (!done) current = true;
		return {
			id: lesson.id,
			title: lesson.title,
			paragraphs: lesson.paragraphs,
			total: lesson.questions.length,
			resolved,
			status
		};
	});
}

/**
 * Guided reading: the article is shown through the end of the current lesson; the rest opens
 * once that lesson's questions are answered. Null when everything is open.
 */
export function guidedThrough(lessons: LessonProgress[]): number | null {
	const current = lessons.find((l) => l.status === 'current');
	return current && current !== lessons.at(-1) ? current.paragraphs[1] : null;
}
