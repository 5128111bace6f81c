/**
 * Classes, assignments, students and their attempts.
 *
 * A teacher owns classes; a class has assignments (a module, some of its lessons, a mode and
 * settings). Students join an assignment with its code and a display name: no account, just a
 * resume code that their browser keeps in a cookie and that continues the attempt on any device.
 * An attempt is a practice attempt's event log (same tables, same machine) plus a row saying whose
 * it is and when its time runs out; its state and score are what quizMachine computes from the log.
 *
 * Every read here is scoped: a teacher's queries take the teacher's id, a student's the resume
 * code's student, so a guessed id in a URL finds nothing that is not the caller's.
 */
import { randomInt } from 'node:crypto';
import type { Module, Question } from '$lib/content/schema.ts';
import type { QuizEvent, QuizSettings } from '$lib/quiz/quizMachine.ts';
import { sha256 } from './accounts.ts';
import { appendEvent, createAttempt, type AttemptRow } from './attempts.ts';
import type { AssignmentTable, Db } from './db.ts';

/** Join and resume codes: no 0/O, 1/I/L, so a code read off a projector is typed right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 7;
export const RESUME_CODE_LENGTH = 10;

export function randomCode(length: number): string {
	let code = '';
	for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** A code as typed (any case, spaces, dashes) in its stored form; null if it cannot be one. */
export function normalCode(typed: string, length: number): string | null {
	const code = typed.toUpperCase().replace(/[\s\-–—.]/g, '');
	if (code.length !== length) return null;
	for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
	return code;
}

/** A resume code as shown: two groups of five, easier to read out and copy. */
export function showResumeCode(code: string): string {
	return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export type Mode = 'practice' | 'assessment';
export type RevealRule = AssignmentTable['reveal'];

export interface AssignmentSettings {
	lessons: string[];
	mode: Mode;
	/** 0 means unlimited. */
	maxAttempts: number;
	opensAt: Date | null;
	dueAt: Date | null;
	timeLimitMinutes: number | null;
	shuffleQuestions: boolean;
	shuffleChoices: boolean;
	reveal: RevealRule;
}

export interface Assignment extends AssignmentSettings {
	id: string;
	classId: string;
	className: string;
	teacherId: string;
	moduleSlug: string;
	code: string;
	createdAt: Date;
	updatedAt: Date;
}

export interface ClassRow {
	id: string;
	name: string;
	createdAt: Date;
}

const date = (s: string | null) => (s === null ? null : new Date(s));

type AssignmentJoined = AssignmentTable & { class_name: string; teacher_id: string };

function assignmentOf(row: AssignmentJoined): Assignment {
	return {
		id: row.id,
		classId: row.class_id,
		className: row.class_name,
		teacherId: row.teacher_id,
		moduleSlug: row.module_slug,
		code: row.code,
		lessons: JSON.parse(row.lessons) as string[],
		mode: row.mode,
		maxAttempts: row.max_attempts,
		opensAt: date(row.opens_at),
		dueAt: date(row.due_at),
		timeLimitMinutes: row.time_limit_minutes,
		shuffleQuestions: row.shuffle_questions === 1,
		shuffleChoices: row.shuffle_choices === 1,
		reveal: row.reveal,
		createdAt: new Date(row.created_at),
		updatedAt: new Date(row.updated_at)
	};
}

function assignments(db: Db) {
	return db
		.selectFrom('assignments as a')
		.innerJoin('classes as c', 'c.id', 'a.class_id')
		.selectAll('a')
		.select(['c.name as class_name', 'c.teacher_id']);
}

// ---------------------------------------------------------------------------------------------
// Classes

export const MAX_CLASS_NAME = 80;

export function classNameProblem(name: string): string | undefined {
	const trimmed = name.trim();
	if (!trimmed) return 'Give the class a name, such as “Period 3 — World History”.';
	if (trimmed.length > MAX_CLASS_NAME) return `Keep the name to ${MAX_CLASS_NAME} characters.`;
	return undefined;
}

export async function createClass(
	db: Db,
	teacherId: string,
	name: string,
	now: Date
): Promise<ClassRow> {
	const row = { id: crypto.randomUUID(), name: name.trim(), createdAt: now };
	await db
		.insertInto('classes')
		.values({ id: row.id, teacher_id: teacherId, name: row.name, created_at: now.toISOString() })
		.execute();
	return row;
}

export async function classesOf(db: Db, teacherId: string): Promise<ClassRow[]> {
	const rows = await db
		.selectFrom('classes')
		.select(['id', 'name', 'created_at'])
		.where('teacher_id', '=', teacherId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at) }));
}

/** A class, only if it is this teacher's. */
export async function classOf(
	db: Db,
	teacherId: string,
	classId: string
): Promise<ClassRow | undefined> {
	const r = await db
		.selectFrom('classes')
		.select(['id', 'name', 'created_at'])
		.where('id', '=', classId)
		.where('teacher_id', '=', teacherId)
		.executeTakeFirst();
	return r && { id: r.id, name: r.name, createdAt: new Date(r.created_at) };
}

// ---------------------------------------------------------------------------------------------
// Assignments

/** What an assignment's settings mean, in words a teacher and a student read the same way. */
export function describeSettings(
	s: AssignmentSettings,
	module: Module,
	zone = timeZone()
): string[] {
	const chosen = module.lessons.filter((l) => s.lessons.includes(l.id));
	const questions = chosen.reduce((n, l) => n + l.questions.length, 0);
	const lessons =
		chosen.length === module.lessons.length
			? `All ${chosen.length} lessons (${questions} questions).`
			: `${chosen.length} of ${module.lessons.length} lessons: ${chosen.map((l) => l.title).join('; ')} (${questions} questions).`;
	const lines = [
		s.mode === 'practice'
			? 'Practice: feedback after each answer, with tries and hints.'
			: 'Assessment: answers are saved without feedback and can be changed until submitted; nothing is graded before submitting.',
		lessons,
		s.maxAttempts === 0
			? 'Unlimited attempts.'
			: `${s.maxAttempts} ${s.maxAttempts === 1 ? 'attempt' : 'attempts'} allowed.`,
		s.opensAt ? `Opens ${formatTime(s.opensAt, zone)}.` : 'Open now.',
		s.dueAt ? `Due ${formatTime(s.dueAt, zone)}.` : 'No due date.',
		s.timeLimitMinutes ? `Time limit: ${s.timeLimitMinutes} minutes.` : 'No time limit.',
		s.shuffleQuestions && s.shuffleChoices
			? 'Questions and choices are shuffled for each student.'
			: s.shuffleQuestions
				? 'Questions are shuffled for each student; choices are in the same order for all.'
				: s.shuffleChoices
					? 'Choices are shuffled for each student; questions are in the module’s order.'
					: 'Questions and choices are in the same order for every student.',
		REVEAL_WORDS[s.reveal]
	];
	return lines;
}

export const REVEAL_WORDS: Record<RevealRule, string> = {
	'each-question': 'Scores, correct answers and cited explanations are shown after each question.',
	'after-submit':
		'Scores, correct answers and cited explanations are shown to students after they submit.',
	'after-due':
		'Scores, correct answers and cited explanations are shown to students after the due date.',
	never:
		'Scores, correct answers and explanations are never shown to students (you see the scores).'
};

/** The server's time zone: times are entered and shown in it (set TZ to change it). */
export function timeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatTime(d: Date, zone = timeZone()): string {
	return `${new Intl.DateTimeFormat('en-GB', {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: zone
	}).format(d)} (${zone})`;
}

/** A `datetime-local` value for a date, in the server's time zone. */
export function toLocalInput(d: Date | null): string {
	if (!d) return '';
	const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
	return local.toISOString().slice(0, 16);
}

export type SettingsProblems = Partial<Record<keyof AssignmentSettings | 'form', string>>;

const REVEALS: RevealRule[] = ['each-question', 'after-submit', 'after-due', 'never'];

/**
 * Reads an assignment form. Times come from `datetime-local` fields, read in the server's time
 * zone (the form says which). Returns the settings or what is wrong with each field.
 */
export function parseSettings(
	form: FormData,
	module: Module
): { settings: AssignmentSettings } | { problems: SettingsProblems } {
	const problems: SettingsProblems = {};
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.trim() : '';
	};
	const lessonIds = new Set(module.lessons.map((l) => l.id));
	const picked = form.getAll('lessons').filter((v): v is string => typeof v === 'string');
	const lessons = module.lessons.map((l) => l.id).filter((id) => picked.includes(id));
	if (picked.some((id) => !lessonIds.has(id))) problems.lessons = 'Choose lessons from the list.';
	else if (!lessons.length) problems.lessons = 'Choose at least one lesson.';

	const mode = text('mode');
	if (mode !== 'practice' && mode !== 'assessment')
		problems.mode = 'Choose practice or assessment.';

	const attempts = text('maxAttempts');
	const maxAttempts = attempts === 'unlimited' ? 0 : Number(attempts);
	if (!(attempts === 'unlimited' || [1, 2, 3].includes(maxAttempts))) {
		problems.maxAttempts = 'Choose 1, 2, 3 or unlimited attempts.';
	}

	const when = (name: 'opensAt' | 'dueAt') => {
		const v = text(name);
		if (!v) return null;
		const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? new Date(v) : new Date(NaN);
		if (Number.isNaN(d.getTime())) {
			problems[name] = 'Enter a date and time, or leave it empty.';
			return null;
		}
		return d;
	};
	const opensAt = when('opensAt');
	const dueAt = when('dueAt');
	if (opensAt && dueAt && dueAt <= opensAt) problems.dueAt = 'The due date must be after it opens.';

	const limit = text('timeLimitMinutes');
	const timeLimitMinutes = limit === '' ? null : Number(limit);
	if (
		timeLimitMinutes !== null &&
		!(Number.isInteger(timeLimitMinutes) && timeLimitMinutes >= 1 && timeLimitMinutes <= 600)
	) {
		problems.timeLimitMinutes = 'Enter whole minutes from 1 to 600, or leave it empty.';
	}

	let reveal = text('reveal') as RevealRule;
	if (mode === 'practice') reveal = 'each-question';
	else if (!REVEALS.includes(reveal) || reveal === 'each-question') {
		problems.reveal = 'Choose when students see scores and answers.';
	} else if (reveal === 'after-due' && !dueAt) {
		problems.reveal = '“After the due date” needs a due date.';
	}

	if (Object.keys(problems).length) return { problems };
	return {
		settings: {
			lessons,
			mode: mode as Mode,
			maxAttempts,
			opensAt,
			dueAt,
			timeLimitMinutes,
			shuffleQuestions: form.get('shuffleQuestions') === 'on',
			shuffleChoices: form.get('shuffleChoices') === 'on',
			reveal
		}
	};
}

function settingsColumns(s: AssignmentSettings) {
	return {
		lessons: JSON.stringify(s.lessons),
		mode: s.mode,
		max_attempts: s.maxAttempts,
		opens_at: s.opensAt?.toISOString() ?? null,
		due_at: s.dueAt?.toISOString() ?? null,
		time_limit_minutes: s.timeLimitMinutes,
		shuffle_questions: s.shuffleQuestions ? 1 : 0,
		shuffle_choices: s.shuffleChoices ? 1 : 0,
		reveal: s.reveal
	};
}

export async function createAssignment(
	db: Db,
	teacherId: string,
	classId: string,
	module: Module,
	settings: AssignmentSettings,
	now: Date
): Promise<Assignment | undefined> {
	if (!(await classOf(db, teacherId, classId))) return undefined;
	const id = crypto.randomUUID();
	// A clash with a live code is unlikely (31^7 codes) but possible: draw again.
	for (let i = 0; ; i++) {
		const result = await db
			.insertInto('assignments')
			.values({
				id,
				class_id: classId,
				module_slug: module.slug,
				code: randomCode(JOIN_CODE_LENGTH),
				...settingsColumns(settings),
				created_at: now.toISOString(),
				updated_at: now.toISOString()
			})
			.onConflict((oc) => oc.column('code').doNothing())
			.executeTakeFirst();
		if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) break;
		if (i > 10) throw new Error('could not find a free join code');
	}
	return assignmentForTeacher(db, teacherId, id);
}

/** An assignment, only if it is in one of this teacher's classes. */
export async function assignmentForTeacher(
	db: Db,
	teacherId: string,
	assignmentId: string
): Promise<Assignment | undefined> {
	const row = await assignments(db)
		.where('a.id', '=', assignmentId)
		.where('c.teacher_id', '=', teacherId)
		.executeTakeFirst();
	return row && assignmentOf(row);
}

export async function assignmentsOfClass(
	db: Db,
	teacherId: string,
	classId: string
): Promise<Assignment[]> {
	const rows = await assignments(db)
		.where('a.class_id', '=', classId)
		.where('c.teacher_id', '=', teacherId)
		.orderBy('a.created_at')
		.orderBy('a.id')
		.execute();
	return rows.map(assignmentOf);
}

export async function assignmentByCode(db: Db, code: string): Promise<Assignment | undefined> {
	const row = await assignments(db).where('a.code', '=', code).executeTakeFirst();
	return row && assignmentOf(row);
}

/**
 * What may change once a student has started: the dates, the time limit (for attempts started
 * after the change), the number of attempts and the reveal rule. What may not: the lessons, the
 * mode and the shuffles, because every started attempt is replayed against them and would become
 * a different quiz.
 */
export const LOCKED_ONCE_STARTED = [
	'lessons',
	'mode',
	'shuffleQuestions',
	'shuffleChoices'
] as const satisfies (keyof AssignmentSettings)[];

export async function hasAttempts(db: Db, assignmentId: string): Promise<boolean> {
	const row = await db
		.selectFrom('assignment_attempts as t')
		.innerJoin('students as s', 's.id', 't.student_id')
		.select('t.attempt_id')
		.where('s.assignment_id', '=', assignmentId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

export type Update =
	| { kind: 'updated'; assignment: Assignment }
	| { kind: 'locked'; fields: (keyof AssignmentSettings)[] }
	| { kind: 'not-found' };

export async function updateAssignment(
	db: Db,
	teacherId: string,
	assignmentId: string,
	settings: AssignmentSettings,
	now: Date
): Promise<Update> {
	const existing = await assignmentForTeacher(db, teacherId, assignmentId);
	if (!existing) return { kind: 'not-found' };
	if (await hasAttempts(db, assignmentId)) {
		const changed = LOCKED_ONCE_STARTED.filter(
			(k) => JSON.stringify(existing[k]) !== JSON.stringify(settings[k])
		);
		if (changed.length) return { kind: 'locked', fields: changed };
	}
	await db
		.updateTable('assignments')
		.set({ ...settingsColumns(settings), updated_at: now.toISOString() })
		.where('id', '=', assignmentId)
		.execute();
	return {
		kind: 'updated',
		assignment: (await assignmentForTeacher(db, teacherId, assignmentId))!
	};
}

/** Whether students can join and answer now. */
export type Availability = 'open' | 'not-yet-open' | 'closed';

export function availability(a: AssignmentSettings, now: Date): Availability {
	if (a.opensAt && now < a.opensAt) return 'not-yet-open';
	if (a.dueAt && now >= a.dueAt) return 'closed';
	return 'open';
}

/** The questions and settings an attempt at this assignment is replayed with. */
export function quizConfigOf(a: AssignmentSettings, module: Module) {
	const settings: Partial<QuizSettings> = {
		mode: a.mode,
		shuffleQuestions: a.shuffleQuestions,
		shuffleChoices: a.shuffleChoices
	};
	return {
		questionIds: module.lessons.filter((l) => a.lessons.includes(l.id)).flatMap((l) => l.questions),
		settings
	};
}

/** The assignment's questions with their keys, in its lessons' order (server side only). */
export function questionsOf(a: AssignmentSettings, module: Module): Question[] {
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	return quizConfigOf(a, module).questionIds.map((id) => byId.get(id)!);
}

// ---------------------------------------------------------------------------------------------
// Students

export interface Student {
	id: string;
	assignmentId: string;
	displayName: string;
	extraAttempts: number;
	joinedAt: Date;
}

export const MAX_DISPLAY_NAME = 40;

/**
 * A display name as stored: trimmed, control characters removed (but a pasted tab or line break
 * still separates words), invisible format characters removed (direction overrides that would reverse
 * the rest of a roster line, zero-width spaces), internal runs of space made one. The zero-width
 * joiner and non-joiner stay: Persian and other scripts need them to write names correctly, as
 * do emoji sequences. Any script is fine; a name is only ever shown as text.
 */
export function cleanDisplayName(name: string): string {
	return name
		.normalize('NFC')
		.replace(/(?![\t\n\v\f\r])\p{Cc}/gu, '')
		.replace(/(?![\u200c\u200d])\p{Cf}/gu, '')
		.replace(/\s+/gu, ' ')
		.trim();
}

export function displayNameProblem(name: string): string | undefined {
	const clean = cleanDisplayName(name);
	// Joiners alone are no name: something must be visible.
	if (!/[\p{L}\p{N}\p{S}\p{P}]/u.test(clean)) return 'Enter the name your teacher will see.';
	if ([...clean].length > MAX_DISPLAY_NAME)
		return `Keep your name to ${MAX_DISPLAY_NAME} characters.`;
	return undefined;
}

/** Adds a student to an assignment; returns them and their resume code (shown to them once). */
export async function joinAssignment(
	db: Db,
	assignmentId: string,
	displayName: string,
	now: Date
): Promise<{ student: Student; resumeCode: string }> {
	const student: Student = {
		id: crypto.randomUUID(),
		assignmentId,
		displayName: cleanDisplayName(displayName),
		extraAttempts: 0,
		joinedAt: now
	};
	for (let i = 0; ; i++) {
		const resumeCode = randomCode(RESUME_CODE_LENGTH);
		const result = await db
			.insertInto('students')
			.values({
				id: student.id,
				assignment_id: assignmentId,
				display_name: student.displayName,
				resume_hash: sha256(resumeCode),
				extra_attempts: 0,
				joined_at: now.toISOString()
			})
			.onConflict((oc) => oc.column('resume_hash').doNothing())
			.executeTakeFirst();
		if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return { student, resumeCode };
		if (i > 10) throw new Error('could not find a free resume code');
	}
}

/** The student a resume code belongs to, within this assignment only. */
export async function studentByResumeCode(
	db: Db,
	assignmentId: string,
	resumeCode: string | undefined
): Promise<Student | undefined> {
	const code = resumeCode && normalCode(resumeCode, RESUME_CODE_LENGTH);
	if (!code) return undefined;
	const r = await db
		.selectFrom('students')
		.selectAll()
		.where('resume_hash', '=', sha256(code))
		.where('assignment_id', '=', assignmentId)
		.executeTakeFirst();
	return (
		r && {
			id: r.id,
			assignmentId: r.assignment_id,
			displayName: r.display_name,
			extraAttempts: r.extra_attempts,
			joinedAt: new Date(r.joined_at)
		}
	);
}

/** The cookie that keeps a student's resume code on this device, one per assignment. */
export function studentCookie(code: string): string {
	return `cw_join_${code}`;
}

// ---------------------------------------------------------------------------------------------
// Attempts

export interface AssignmentAttempt {
	row: AttemptRow;
	studentId: string;
	number: number;
	startedAt: Date;
	limitEndsAt: Date | null;
	submittedAt: Date | null;
}

function learnerIdOf(studentId: string): string {
	return `student:${studentId}`;
}

export async function attemptsOf(
	db: Db,
	a: Assignment,
	module: Module,
	studentIds: string[]
): Promise<AssignmentAttempt[]> {
	if (!studentIds.length) return [];
	const rows = await db
		.selectFrom('assignment_attempts as t')
		.innerJoin('practice_attempts as p', 'p.id', 't.attempt_id')
		.select([
			't.attempt_id',
			't.student_id',
			't.number',
			't.started_at',
			't.limit_ends_at',
			't.submitted_at',
			'p.seed'
		])
		.where('t.student_id', 'in', studentIds)
		.orderBy('t.student_id')
		.orderBy('t.number')
		.execute();
	const config = quizConfigOf(a, module);
	return rows.map((r) => ({
		row: { id: r.attempt_id, moduleSlug: a.moduleSlug, seed: r.seed, config },
		studentId: r.student_id,
		number: r.number,
		startedAt: new Date(r.started_at),
		limitEndsAt: date(r.limit_ends_at),
		submittedAt: date(r.submitted_at)
	}));
}

/** The student's latest attempt, if any. */
export async function latestAttemptOf(
	db: Db,
	a: Assignment,
	module: Module,
	student: Student
): Promise<AssignmentAttempt | undefined> {
	return (await attemptsOf(db, a, module, [student.id])).at(-1);
}

export function attemptsAllowed(a: Assignment, student: Student): number {
	return a.maxAttempts === 0 ? Infinity : a.maxAttempts + student.extraAttempts;
}

/**
 * Starts the student's next attempt, already past its intro. Null when they have used every
 * attempt (or another tab started this one first: the caller reads the latest again).
 */
export async function startAssignmentAttempt(
	db: Db,
	a: Assignment,
	module: Module,
	student: Student,
	now: Date
): Promise<AssignmentAttempt | null> {
	const used = (await attemptsOf(db, a, module, [student.id])).length;
	if (used >= attemptsAllowed(a, student)) return null;
	const id = crypto.randomUUID();
	const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
	const limitEndsAt = a.timeLimitMinutes
		? new Date(now.getTime() + a.timeLimitMinutes * 60_000)
		: null;
	try {
		await db.transaction().execute(async (trx) => {
			await createAttempt(trx, {
				id,
				learnerId: learnerIdOf(student.id),
				moduleSlug: a.moduleSlug,
				seed,
				now
			});
			await appendEvent(trx, id, 0, { type: 'quiz.start' } satisfies QuizEvent, now);
			await trx
				.insertInto('assignment_attempts')
				.values({
					attempt_id: id,
					student_id: student.id,
					number: used + 1,
					started_at: now.toISOString(),
					limit_ends_at: limitEndsAt?.toISOString() ?? null,
					submitted_at: null
				})
				.execute();
		});
	} catch (error) {
		// The (student, number) key: another tab started attempt `used + 1` first.
		if (/unique|constraint/i.test(String(error))) return null;
		throw error;
	}
	return {
		row: { id, moduleSlug: a.moduleSlug, seed, config: quizConfigOf(a, module) },
		studentId: student.id,
		number: used + 1,
		startedAt: now,
		limitEndsAt,
		submittedAt: null
	};
}

/** When an attempt must stop taking answers, and why: its time limit or the due date. */
export function deadlineOf(
	a: Assignment,
	attempt: Pick<AssignmentAttempt, 'limitEndsAt'>
): { at: Date; reason: 'time-up' | 'due' } | null {
	const limit = attempt.limitEndsAt;
	const due = a.dueAt;
	if (limit && (!due || limit <= due)) return { at: limit, reason: 'time-up' };
	if (due) return { at: due, reason: 'due' };
	return null;
}

export async function markSubmitted(db: Db, attemptId: string, at: Date): Promise<void> {
	await db
		.updateTable('assignment_attempts')
		.set({ submitted_at: at.toISOString() })
		.where('attempt_id', '=', attemptId)
		.where('submitted_at', 'is', null)
		.execute();
}

/** What the reveal rule lets a student see of a submitted attempt now. */
export function revealFor(
	a: Assignment,
	submitted: boolean,
	now: Date
): { score: boolean; answers: boolean } {
	const shown =
		submitted &&
		(a.reveal === 'each-question' ||
			a.reveal === 'after-submit' ||
			(a.reveal === 'after-due' && a.dueAt !== null && now >= a.dueAt));
	return { score: shown, answers: shown };
}

// ---------------------------------------------------------------------------------------------
// The teacher's roster

export interface RosterStudent extends Student {
	attempts: AssignmentAttempt[];
}

export async function studentsOf(db: Db, assignmentId: string): Promise<Student[]> {
	const rows = await db
		.selectFrom('students')
		.selectAll()
		.where('assignment_id', '=', assignmentId)
		.orderBy('joined_at')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		assignmentId: r.assignment_id,
		displayName: r.display_name,
		extraAttempts: r.extra_attempts,
		joinedAt: new Date(r.joined_at)
	}));
}

/** A student of one of this teacher's assignments, only. */
export async function studentForTeacher(
	db: Db,
	teacherId: string,
	assignmentId: string,
	studentId: string
): Promise<Student | undefined> {
	const a = await assignmentForTeacher(db, teacherId, assignmentId);
	if (!a) return undefined;
	return (await studentsOf(db, a.id)).find((s) => s.id === studentId);
}

/** One more attempt for this student than the assignment allows. */
export async function allowRetake(db: Db, studentId: string): Promise<void> {
	await db
		.updateTable('students')
		.set((eb) => ({ extra_attempts: eb('extra_attempts', '+', 1) }))
		.where('id', '=', studentId)
		.execute();
}

/**
 * Removes a student's latest attempt and its log, as if it had not been taken: the student can
 * start again (it no longer counts towards their attempts). Earlier attempts stay.
 */
export async function removeLatestAttempt(db: Db, studentId: string): Promise<string | null> {
	return db.transaction().execute(async (trx) => {
		const latest = await trx
			.selectFrom('assignment_attempts')
			.select('attempt_id')
			.where('student_id', '=', studentId)
			.orderBy('number', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (!latest) return null;
		const id = latest.attempt_id;
		await trx.deleteFrom('assignment_attempts').where('attempt_id', '=', id).execute();
		await trx.deleteFrom('attempt_events').where('attempt_id', '=', id).execute();
		await trx.deleteFrom('practice_attempts').where('id', '=', id).execute();
		return id;
	});
}
