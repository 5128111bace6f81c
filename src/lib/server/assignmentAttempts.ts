/**
 * Assignment attempts at their current state, with the server's clock as the authority on time:
 * an attempt past its time limit or the due date takes no more answers, and an assessment past it
 * is submitted with what was recorded (a `quiz.submit` event in its log, like a student's own).
 * Whoever looks first (the student's next request, or the teacher's roster) makes that happen,
 * so no background timer is needed and every server agrees.
 */
import type { Module } from '$lib/content/schema.ts';
import type { QuizEvent } from '$lib/quiz/quizMachine.ts';
import { attemptProgress } from '$lib/quiz/view.ts';
import {
	attemptsAllowed,
	attemptsOf,
	deadlineOf,
	markSubmitted,
	studentsOf,
	type Assignment,
	type AssignmentAttempt,
	type Student
} from './assignments.ts';
import type { Db } from './db.ts';
import { liveAttemptOf, recordEvent, type LiveAttempt, type Recorded } from './liveAttempts.ts';

export interface OpenAttempt {
	attempt: AssignmentAttempt;
	live: LiveAttempt;
	/** When it stops taking answers, if ever. */
	deadline: { at: Date; reason: 'time-up' | 'due' } | null;
	/** Past its deadline: it takes no more answers. */
	overdue: boolean;
	/** Submitted (assessment) or finished (practice). */
	finished: boolean;
}

/**
 * An attempt at its current state, after settling the clock: an assessment past its deadline is
 * submitted now, with the answers recorded before it.
 */
export async function openAttempt(
	db: Db,
	a: Assignment,
	module: Module,
	attempt: AssignmentAttempt,
	now: Date
): Promise<OpenAttempt> {
	let live = await liveAttemptOf(db, module, attempt.row);
	const deadline = deadlineOf(a, attempt);
	const overdue = deadline !== null && now >= deadline.at;
	let finished = live.state.snapshot.matches('summary');
	if (!finished && overdue && a.mode === 'assessment') {
		const submit: QuizEvent = { type: 'quiz.submit', reason: deadline.reason };
		const recorded = await recordEvent(db, module, live, submit, now);
		live =
			recorded.kind === 'recorded'
				? { ...live, state: recorded.state }
				: await liveAttemptOf(db, module, attempt.row);
		finished = live.state.snapshot.matches('summary');
	}
	if (finished && !attempt.submittedAt) {
		const at = overdue && deadline ? deadline.at : now;
		await markSubmitted(db, attempt.row.id, at);
		attempt = { ...attempt, submittedAt: at };
	}
	return { attempt, live, deadline, overdue, finished };
}

export type Answered =
	| Recorded
	/** Past the time limit or due date: refused, and the attempt submitted with what it had. */
	| { kind: 'late'; open: OpenAttempt };

/**
 * Records a student's event, unless the attempt is past its deadline by the server's clock; then
 * the event is refused and (for an assessment) the attempt is submitted as it stood.
 */
export async function recordStudentEvent(
	db: Db,
	a: Assignment,
	module: Module,
	attempt: AssignmentAttempt,
	live: LiveAttempt,
	event: QuizEvent,
	now: Date
): Promise<Answered> {
	const deadline = deadlineOf(a, attempt);
	if (deadline && now >= deadline.at) {
		return { kind: 'late', open: await openAttempt(db, a, module, attempt, now) };
	}
	const recorded = await recordEvent(db, module, live, event, now);
	if (recorded.kind === 'recorded' && recorded.state.snapshot.matches('summary')) {
		await markSubmitted(db, attempt.row.id, now);
	}
	return recorded;
}

export type RosterStatus =
	| { kind: 'not-started' }
	| { kind: 'in-progress'; answered: number; total: number; deadline: Date | null }
	| {
			kind: 'submitted';
			answered: number;
			total: number;
			score: number;
			maxScore: number;
			at: Date;
	  };

export interface RosterEntry {
	student: Student;
	/** Attempts used (the latest is the one shown). */
	attempts: number;
	allowed: number;
	status: RosterStatus;
}

export interface StudentLatest {
	student: Student;
	/** Attempts used (the latest is the one opened). */
	attempts: number;
	/** The latest attempt at its current state (overdue ones settled), or null before any. */
	open: OpenAttempt | null;
}

/**
 * Every student of an assignment, alphabetically as a teacher reads a register (joining order
 * breaks ties), each with their latest attempt opened: what the roster and the results read.
 */
export async function latestOfEach(
	db: Db,
	a: Assignment,
	module: Module,
	now: Date
): Promise<StudentLatest[]> {
	const students = await studentsOf(db, a.id);
	const attempts = await attemptsOf(
		db,
		a,
		module,
		students.map((s) => s.id)
	);
	const latest = new Map<string, AssignmentAttempt>();
	const counts = new Map<string, number>();
	for (const t of attempts) {
		latest.set(t.studentId, t);
		counts.set(t.studentId, (counts.get(t.studentId) ?? 0) + 1);
	}
	const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
	const ordered = students.slice().sort((x, y) => byName.compare(x.displayName, y.displayName));
	const entries: StudentLatest[] = [];
	for (const student of ordered) {
		const attempt = latest.get(student.id);
		entries.push({
			student,
			attempts: counts.get(student.id) ?? 0,
			open: attempt ? await openAttempt(db, a, module, attempt, now) : null
		});
	}
	return entries;
}

/**
 * Every student of an assignment, by name, with their latest attempt's status; settles overdue
 * attempts.
 */
export async function rosterOf(
	db: Db,
	a: Assignment,
	module: Module,
	now: Date
): Promise<RosterEntry[]> {
	return (await latestOfEach(db, a, module, now)).map(({ student, attempts, open }) => {
		let status: RosterStatus = { kind: 'not-started' };
		if (open) {
			const p = attemptProgress(open.live.state.snapshot);
			status = open.finished
				? {
						kind: 'submitted',
						answered: p.answered,
						total: p.total,
						score: p.score,
						maxScore: p.maxScore,
						at: open.attempt.submittedAt ?? now
					}
				: {
						kind: 'in-progress',
						answered: p.answered,
						total: p.total,
						deadline: open.deadline?.at ?? null
					};
		}
		return { student, attempts, allowed: attemptsAllowed(a, student), status };
	});
}

/**
 * A cheap fingerprint of everything a teacher's live pages show for an assignment: who joined,
 * attempts started and submitted, and every event recorded. It changes whenever any of them does,
 * so a page can ask "anything new?" without loading the roster (an ETag).
 */
export async function progressVersion(db: Db, assignmentId: string): Promise<string> {
	const students = await db
		.selectFrom('students')
		.select((eb) => [
			eb.fn.countAll<number>().as('n'),
			eb.fn.sum<number>('extra_attempts').as('extra')
		])
		.where('assignment_id', '=', assignmentId)
		.executeTakeFirstOrThrow();
	const attempts = await db
		.selectFrom('assignment_attempts as t')
		.innerJoin('students as s', 's.id', 't.student_id')
		.select((eb) => [
			eb.fn.countAll<number>().as('n'),
			eb.fn.count<number>('t.submitted_at').as('submitted')
		])
		.where('s.assignment_id', '=', assignmentId)
		.executeTakeFirstOrThrow();
	const events = await db
		.selectFrom('attempt_events as e')
		.innerJoin('assignment_attempts as t', 't.attempt_id', 'e.attempt_id')
		.innerJoin('students as s', 's.id', 't.student_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('s.assignment_id', '=', assignmentId)
		.executeTakeFirstOrThrow();
	return [students.n, students.extra ?? 0, attempts.n, attempts.submitted, events.n].join('.');
}
