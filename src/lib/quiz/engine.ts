/**
 * The quiz engine: `quizMachine` with a grader for a set of questions, started for an attempt,
 * stepped event by event and turned into what a page shows. Pure, so the server (the record,
 * replaying each attempt's log) and the browser (self-study practice, answering at once from the
 * module's practice key) run the very same code: the same log, seed and key give the same quiz.
 */
import { createActor, fromPromise, waitFor, type SnapshotFrom } from 'xstate';
import { graderFor } from './grade.ts';
import { toPublic, type Paragraph, type PublicQuestion, type Question } from './questions.ts';
import { quizMachine, type QuizEvent, type QuizMachine, type QuizSettings } from './quizMachine.ts';
import { quizView, type QuizView } from './view.ts';

/** What the engine needs of a module: its questions with their key, lessons and paragraphs. */
export interface QuizKey {
	questions: readonly Question[];
	lessons: readonly {
		id: string;
		title: string;
		paragraphs: [number, number];
		questions: string[];
	}[];
	paragraphs: readonly Paragraph[];
}

export type QuizActor = ReturnType<typeof createActor<QuizMachine>>;

export interface Replayed {
	snapshot: SnapshotFrom<QuizMachine>;
	seq: number;
}

/**
 * What an assignment asks of the module: some of its questions (its chosen lessons') and its
 * settings. Fixed for the life of an attempt, since its log is replayed against it.
 */
export interface QuizConfig {
	questionIds?: readonly string[];
	settings?: Partial<QuizSettings>;
}

const machines = new WeakMap<QuizKey, QuizMachine>();
const publicViews = new WeakMap<QuizKey, PublicQuestion[]>();

/** The machine for a key, with a grader that holds it. */
export function machineFor(key: QuizKey): QuizMachine {
	let machine = machines.get(key);
	if (!machine) {
		const grade = graderFor(key.questions, key.paragraphs);
		machine = quizMachine.provide({
			actors: {
				gradeAnswer: fromPromise(async ({ input }) => grade(input.questionId, input.response))
			}
		});
		machines.set(key, machine);
	}
	return machine;
}

/** The key's questions as the quiz may see them (answerless), computed once per key. */
export function publicQuestionsOf(key: QuizKey): PublicQuestion[] {
	let views = publicViews.get(key);
	if (!views) {
		views = key.questions.map((q) => toPublic(q, key.paragraphs));
		publicViews.set(key, views);
	}
	return views;
}

/** The questions a config asks, in the module's order. */
export function questionsOf(key: QuizKey, config?: QuizConfig): PublicQuestion[] {
	const all = publicQuestionsOf(key);
	if (!config?.questionIds) return all;
	const wanted = new Set(config.questionIds);
	return all.filter((q) => wanted.has(q.id));
}

/** A started actor for a fresh attempt with `seed`, before any event. */
export function startActorFor(key: QuizKey, seed: number, config?: QuizConfig): QuizActor {
	const actor = createActor(machineFor(key), {
		input: {
			questions: questionsOf(key, config),
			seed,
			settings: config?.settings,
			lessons: key.lessons.map((l) => l.questions)
		}
	});
	actor.start();
	return actor;
}

/** Sends one event and waits for grading to settle. Returns whether the machine took it. */
export async function step(actor: QuizActor, event: QuizEvent): Promise<boolean> {
	if (!actor.getSnapshot().can(event)) return false;
	actor.send(event);
	await waitFor(actor, (s) => !s.hasTag('busy'));
	return true;
}

/** Runs a log through the machine. Events the machine would not take are skipped, not fatal. */
export async function replayKey(
	key: QuizKey,
	seed: number,
	events: readonly QuizEvent[],
	config?: QuizConfig
): Promise<Replayed> {
	const actor = startActorFor(key, seed, config);
	for (const event of events) await step(actor, event);
	const snapshot = actor.getSnapshot();
	actor.stop();
	return { snapshot, seq: events.length };
}

const hintTables = new WeakMap<QuizKey, Map<string, string[]>>();

/** What the page shows of a replayed quiz, hints included as far as they were taken. */
export function viewOfKey(key: QuizKey, { snapshot, seq }: Replayed): QuizView {
	let hints = hintTables.get(key);
	if (!hints) {
		hints = new Map(key.questions.map((q) => [q.id, q.hints]));
		hintTables.set(key, hints);
	}
	const table = hints;
	return quizView(snapshot, seq, (id, count) => (table.get(id) ?? []).slice(0, count));
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
export function lessonProgressOf(
	lessons: QuizKey['lessons'],
	snapshot: SnapshotFrom<QuizMachine> | null
): LessonProgress[] {
	const progress = snapshot?.context.progress ?? {};
	let current = false;
	return lessons.map((lesson) => {
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

/**
 * Everything about a quiz that a score or a page depends on, as one string: where it is, the
 * order of its questions, and each question's tries, hints, reveal and credit. Two replays agree
 * when their digests are equal; the browser compares its own with the server's after each step.
 */
export function digestOf({ snapshot, seq }: Replayed): string {
	const context = snapshot.context;
	const progress = Object.keys(context.progress)
		.sort()
		.map((id) => {
			const p = context.progress[id]!;
			return [
				id,
				p.tries.map((t) => [t.grade.outcome, t.grade.earned]),
				p.hintsUsed,
				p.revealed,
				p.resolved,
				p.credit
			];
		});
	return JSON.stringify([
		seq,
		snapshot.value,
		context.index,
		context.questions.map((q) => q.id),
		progress
	]);
}
