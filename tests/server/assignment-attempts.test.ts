/**
 * Assignment attempts on the server: the log is the truth in both modes, the server's clock ends
 * attempts (late answers refused, the assessment submitted with what it had), the reveal rule
 * decides what a student sees, and a student only ever reaches their own attempt.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { current, totalScore, type QuizEvent } from '../../src/lib/quiz/quizMachine.ts';
import { assessmentView, attemptProgress } from '../../src/lib/quiz/view.ts';
import { eventsFrom } from '../../src/lib/server/attempts.ts';
import {
	openAttempt,
	recordStudentEvent,
	rosterOf
} from '../../src/lib/server/assignmentAttempts.ts';
import {
	createAssignment,
	createClass,
	joinAssignment,
	latestAttemptOf,
	removeLatestAttempt,
	revealFor,
	startAssignmentAttempt,
	studentByResumeCode,
	type Assignment,
	type AssignmentSettings,
	type Student
} from '../../src/lib/server/assignments.ts';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { forgetAttempts } from '../../src/lib/server/liveAttempts.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { replay } from '../../src/lib/server/practice.ts';
import { purgeStaleAttempts } from '../../src/lib/server/retention.ts';
import { correctResponse, wrongResponse } from '../quiz/fixtures.ts';

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
/** The assigned lesson's questions and points, from the module (content may grow). */
const LESSON = module.lessons.find((l) => l.id === 'kazinform-press-tour')!;
const LESSON_QUESTIONS = LESSON.questions.length;
const LESSON_POINTS = LESSON.questions.reduce(
	(sum, id) => sum + module.questions.find((q) => q.id === id)!.points,
	0
);
const t0 = new Date('2026-12-01T09:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

const ASSESSMENT: AssignmentSettings = {
	lessons: ['kazinform-press-tour'],
	mode: 'assessment',
	maxAttempts: 1,
	opensAt: null,
	dueAt: null,
	timeLimitMinutes: null,
	shuffleQuestions: true,
	shuffleChoices: true,
	reveal: 'after-submit'
};

async function setUp(settings: Partial<AssignmentSettings> = {}) {
	const db = await openDatabase(':memory:');
	await db
		.insertInto('teachers')
		.values({
			id: 'teacher-1',
			email: 't@example.org',
			name: 'T',
			password_hash: 'x',
			created_at: t0.toISOString()
		})
		.execute();
	const klass = await createClass(db, 'teacher-1', 'Period 3', t0);
	const assignment = (await createAssignment(
		db,
		'teacher-1',
		klass.id,
		module,
		{ ...ASSESSMENT, ...settings },
		t0
	))!;
	return { db, assignment };
}

async function studentIn(db: Db, a: Assignment, name = 'Aigerim') {
	return (await joinAssignment(db, a.id, name, t0)).student;
}

/** Answers the question on screen (right or wrong) and moves on, as the page's form does. */
async function answerAndNext(
	db: Db,
	a: Assignment,
	student: Student,
	right: boolean,
	at: Date
): Promise<string> {
	const attempt = (await latestAttemptOf(db, a, module, student))!;
	const open = await openAttempt(db, a, module, attempt, at);
	const context = open.live.state.snapshot.context;
	const question = module.questions.find((q) => q.id === current(context).id)!;
	const response = right
		? correctResponse(question, module.article.paragraphs)
		: wrongResponse(question, module.article.paragraphs);
	const events: QuizEvent[] = [{ type: 'answer.record', questionId: question.id, response }];
	if (context.index < context.questions.length - 1) events.push({ type: 'question.next' });
	let live = open.live;
	for (const event of events) {
		const r = await recordStudentEvent(db, a, module, attempt, live, event, at);
		if (r.kind !== 'recorded') throw new Error(`not recorded: ${r.kind}`);
		live = { ...live, state: r.state };
	}
	return question.id;
}

beforeEach(() => forgetAttempts());

describe('assessment attempts', () => {
	it('records answers ungraded, grades them all at submit, and the log replays to the same score', async () => {
		const { db, assignment } = await setUp();
		const student = await studentIn(db, assignment);
		const attempt = (await startAssignmentAttempt(db, assignment, module, student, t0))!;
		expect(attempt.number).toBe(1);
		const rights = Array.from({ length: LESSON_QUESTIONS }, (_, i) => i % 3 !== 1);
		let expected = 0;
		for (const right of rights) {
			const id = await answerAndNext(db, assignment, student, right, minutes(1));
			if (right) expected += module.questions.find((q) => q.id === id)!.points;
		}

		let open = await openAttempt(db, assignment, module, attempt, minutes(2));
		expect(open.finished).toBe(false);
		const before = open.live.state.snapshot;
		expect(attemptProgress(before)).toMatchObject({
			answered: LESSON_QUESTIONS,
			total: LESSON_QUESTIONS,
			finished: false
		});
		// Nothing graded yet: no question has a try or credit.
		expect(Object.values(before.context.progress).every((p) => p.tries.length === 0)).toBe(true);

		const submitted = await recordStudentEvent(
			db,
			assignment,
			module,
			attempt,
			open.live,
			{ type: 'quiz.submit', reason: 'student' },
			minutes(3)
		);
		expect(submitted.kind).toBe('recorded');
		open = await openAttempt(db, assignment, module, attempt, minutes(3));
		expect(open.finished).toBe(true);
		const score = totalScore(open.live.state.snapshot.context);
		expect(score).toBe(expected);

		// Replaying the stored log from scratch gives the same score as the live play.
		const events = await eventsFrom(db, attempt.row.id);
		const replayed = await replay(module, attempt.row.seed, events, attempt.row.config);
		expect(totalScore(replayed.snapshot.context)).toBe(score);
		expect(replayed.seq).toBe(open.live.state.seq);

		// The row says when it was submitted.
		const again = (await latestAttemptOf(db, assignment, module, student))!;
		expect(again.submittedAt?.toISOString()).toBe(minutes(3).toISOString());
	});

	it('asks only the chosen lessons’ questions, shuffled per student', async () => {
		const { db, assignment } = await setUp();
		const a = await studentIn(db, assignment, 'A');
		const b = await studentIn(db, assignment, 'B');
		const ta = (await startAssignmentAttempt(db, assignment, module, a, t0))!;
		const tb = (await startAssignmentAttempt(db, assignment, module, b, t0))!;
		const qa = (await openAttempt(db, assignment, module, ta, t0)).live.state.snapshot.context
			.questions;
		const qb = (await openAttempt(db, assignment, module, tb, t0)).live.state.snapshot.context
			.questions;
		const lesson = module.lessons.find((l) => l.id === 'kazinform-press-tour')!;
		expect(new Set(qa.map((q) => q.id))).toEqual(new Set(lesson.questions));
		expect(new Set(qb.map((q) => q.id))).toEqual(new Set(lesson.questions));
	});

	it('refuses an answer after the time limit and submits what was recorded before it', async () => {
		const { db, assignment } = await setUp({ timeLimitMinutes: 10 });
		const student = await studentIn(db, assignment);
		const attempt = (await startAssignmentAttempt(db, assignment, module, student, t0))!;
		expect(attempt.limitEndsAt?.toISOString()).toBe(minutes(10).toISOString());
		await answerAndNext(db, assignment, student, true, minutes(5));

		const open = await openAttempt(db, assignment, module, attempt, minutes(9));
		const question = current(open.live.state.snapshot.context);
		const late = await recordStudentEvent(
			db,
			assignment,
			module,
			attempt,
			open.live,
			{
				type: 'answer.record',
				questionId: question.id,
				response: correctResponse(
					module.questions.find((q) => q.id === question.id)!,
					module.article.paragraphs
				)
			},
			minutes(10)
		);
		expect(late.kind).toBe('late');
		if (late.kind !== 'late') return;
		expect(late.open.finished).toBe(true);
		expect(late.open.deadline?.reason).toBe('time-up');
		const context = late.open.live.state.snapshot.context;
		expect(context.submittedReason).toBe('time-up');
		// The one answer saved in time counts; the late one was never recorded.
		expect(attemptProgress(late.open.live.state.snapshot).answered).toBe(1);
		const log = await eventsFrom(db, attempt.row.id);
		expect(log.filter((e) => e.type === 'answer.record')).toHaveLength(1);
		expect(log.at(-1)).toEqual({ type: 'quiz.submit', reason: 'time-up' });
		const row = (await latestAttemptOf(db, assignment, module, student))!;
		expect(row.submittedAt?.toISOString()).toBe(minutes(10).toISOString());
	});

	it('submits an attempt left open past the due date when anyone next looks (the roster)', async () => {
		const { db, assignment } = await setUp({ dueAt: minutes(30), reveal: 'after-due' });
		const student = await studentIn(db, assignment);
		await startAssignmentAttempt(db, assignment, module, student, t0);
		await answerAndNext(db, assignment, student, true, minutes(1));
		const during = await rosterOf(db, assignment, module, minutes(29));
		expect(during[0]!.status).toMatchObject({
			kind: 'in-progress',
			answered: 1,
			total: LESSON_QUESTIONS
		});
		const after = await rosterOf(db, assignment, module, minutes(31));
		expect(after[0]!.status).toMatchObject({
			kind: 'submitted',
			answered: 1,
			maxScore: LESSON_POINTS
		});
		const log = await eventsFrom(
			db,
			(await latestAttemptOf(db, assignment, module, student))!.row.id
		);
		expect(log.at(-1)).toEqual({ type: 'quiz.submit', reason: 'due' });
	});

	it('a time limit that outlasts the due date ends at the due date', async () => {
		const { db, assignment } = await setUp({ dueAt: minutes(5), timeLimitMinutes: 60 });
		const student = await studentIn(db, assignment);
		const attempt = (await startAssignmentAttempt(db, assignment, module, student, t0))!;
		const open = await openAttempt(db, assignment, module, attempt, minutes(1));
		expect(open.deadline).toEqual({ at: minutes(5), reason: 'due' });
	});
});

describe('reveal rules in what a student sees', () => {
	async function submittedOnce(reveal: AssignmentSettings['reveal'], dueAt: Date | null = null) {
		const { db, assignment } = await setUp({ reveal, dueAt });
		const student = await studentIn(db, assignment);
		const attempt = (await startAssignmentAttempt(db, assignment, module, student, t0))!;
		await answerAndNext(db, assignment, student, true, minutes(1));
		const open = await openAttempt(db, assignment, module, attempt, minutes(2));
		await recordStudentEvent(
			db,
			assignment,
			module,
			attempt,
			open.live,
			{ type: 'quiz.submit' },
			minutes(2)
		);
		return {
			assignment,
			open: await openAttempt(db, assignment, module, attempt, minutes(3))
		};
	}

	const keyStrings = module.questions
		.filter((q) => module.lessons[1]!.questions.includes(q.id))
		.map((q) => q.explanation);

	it('after submitting: score, answers and explanations once submitted', async () => {
		const { assignment, open } = await submittedOnce('after-submit');
		const view = assessmentView(
			open.live.state.snapshot,
			open.live.state.seq,
			revealFor(assignment, true, minutes(3))
		);
		expect(view.status).toBe('submitted');
		if (view.status !== 'submitted') return;
		expect(view.score).toBeGreaterThan(0);
		expect(view.questions.some((q) => q.explanation && keyStrings.includes(q.explanation))).toBe(
			true
		);
	});

	it('never: no score, no answer key, however late', async () => {
		const { assignment, open } = await submittedOnce('never');
		const reveal = revealFor(assignment, true, minutes(60 * 24 * 365));
		expect(reveal).toEqual({ score: false, answers: false });
		const json = JSON.stringify(
			assessmentView(open.live.state.snapshot, open.live.state.seq, reveal)
		);
		for (const text of keyStrings) expect(json).not.toContain(text);
		expect(json).not.toMatch(/"(score|credit|correct|explanation|cites|rationales)"/);
	});

	it('after the due date: nothing before it, everything after it', async () => {
		const due = minutes(60);
		const { assignment } = await submittedOnce('after-due', due);
		expect(revealFor(assignment, true, minutes(59))).toEqual({ score: false, answers: false });
		expect(revealFor(assignment, true, due)).toEqual({ score: true, answers: true });
		expect(revealFor(assignment, false, due)).toEqual({ score: false, answers: false });
	});
});

describe('practice-mode assignments', () => {
	it('grade each answer at once and count as submitted when finished', async () => {
		const { db, assignment } = await setUp({ mode: 'practice', reveal: 'each-question' });
		const student = await studentIn(db, assignment);
		const attempt = (await startAssignmentAttempt(db, assignment, module, student, t0))!;
		let open = await openAttempt(db, assignment, module, attempt, t0);
		for (let i = 0; i < LESSON_QUESTIONS; i++) {
			const question = module.questions.find(
				(q) => q.id === current(open.live.state.snapshot.context).id
			)!;
			for (const event of [
				{ type: 'answer.submit', response: correctResponse(question, module.article.paragraphs) },
				{ type: 'question.next' }
			] as QuizEvent[]) {
				const r = await recordStudentEvent(db, assignment, module, attempt, open.live, event, t0);
				expect(r.kind).toBe('recorded');
				if (r.kind === 'recorded') open = { ...open, live: { ...open.live, state: r.state } };
			}
		}
		open = await openAttempt(db, assignment, module, attempt, t0);
		expect(open.finished).toBe(true);
		const roster = await rosterOf(db, assignment, module, t0);
		expect(roster[0]!.status).toMatchObject({
			kind: 'submitted',
			score: LESSON_POINTS,
			maxScore: LESSON_POINTS
		});
	});
});

describe('attempts and students', () => {
	it('allows the set number of attempts; removing the latest frees one', async () => {
		const { db, assignment } = await setUp({ maxAttempts: 1 });
		const student = await studentIn(db, assignment);
		const first = (await startAssignmentAttempt(db, assignment, module, student, t0))!;
		expect(await startAssignmentAttempt(db, assignment, module, student, t0)).toBeNull();
		expect(await removeLatestAttempt(db, student.id)).toBe(first.row.id);
		expect(await eventsFrom(db, first.row.id)).toEqual([]);
		const again = await startAssignmentAttempt(db, assignment, module, student, t0);
		expect(again?.number).toBe(1);
	});

	it('a resume code finds its student in its own assignment only', async () => {
		const { db, assignment } = await setUp();
		const other = (await createAssignment(
			db,
			'teacher-1',
			assignment.classId,
			module,
			ASSESSMENT,
			t0
		))!;
		const { student, resumeCode } = await joinAssignment(db, assignment.id, 'Aigerim', t0);
		expect((await studentByResumeCode(db, assignment.id, resumeCode))?.id).toBe(student.id);
		// Typed loosely: lower case, with a dash and spaces.
		const typed = `${resumeCode.slice(0, 5).toLowerCase()} - ${resumeCode.slice(5)}`;
		expect((await studentByResumeCode(db, assignment.id, typed))?.id).toBe(student.id);
		expect(await studentByResumeCode(db, other.id, resumeCode)).toBeUndefined();
		expect(await studentByResumeCode(db, assignment.id, 'ABCDEFGHJK')).toBeUndefined();
		expect(await studentByResumeCode(db, assignment.id, undefined)).toBeUndefined();
	});

	it('the roster says who has not started, who is under way and who has submitted', async () => {
		const { db, assignment } = await setUp();
		await studentIn(db, assignment, 'Not yet');
		const going = await studentIn(db, assignment, 'Going');
		await startAssignmentAttempt(db, assignment, module, going, t0);
		await answerAndNext(db, assignment, going, true, minutes(1));
		await answerAndNext(db, assignment, going, false, minutes(1));
		const roster = await rosterOf(db, assignment, module, minutes(2));
		// By name, as a register reads.
		expect(roster.map((r) => [r.student.displayName, r.status.kind])).toEqual([
			['Going', 'in-progress'],
			['Not yet', 'not-started']
		]);
		expect(roster[0]!.status).toMatchObject({ answered: 2, total: LESSON_QUESTIONS });
	});

	it('retention never deletes an assignment’s attempts', async () => {
		const { db, assignment } = await setUp();
		const student = await studentIn(db, assignment);
		const attempt = (await startAssignmentAttempt(db, assignment, module, student, t0))!;
		const deleted = await purgeStaleAttempts(db, minutes(60 * 24 * 400), 180);
		expect(deleted).not.toContain(attempt.row.id);
		expect(await eventsFrom(db, attempt.row.id)).toHaveLength(1);
	});
});
