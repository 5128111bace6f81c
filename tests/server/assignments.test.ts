/**
 * Classes, assignments and students on the server: join codes a class can read off a projector,
 * the teacher's assignment form and what its settings say in words, every read scoped to its
 * teacher, which settings may still change once a student has started, display names, resume
 * codes, and the attempts a student is allowed.
 */
import { describe, expect, it } from 'vitest';
import { eventsFrom } from '../../src/lib/server/attempts.ts';
import {
	allowRetake,
	assignmentByCode,
	assignmentForTeacher,
	assignmentsOfClass,
	attemptsAllowed,
	attemptsOf,
	classesOf,
	classOf,
	cleanDisplayName,
	CODE_ALPHABET,
	createAssignment,
	createClass,
	describeSettings,
	displayNameProblem,
	hasAttempts,
	JOIN_CODE_LENGTH,
	joinAssignment,
	MAX_DISPLAY_NAME,
	normalCode,
	parseSettings,
	randomCode,
	removeLatestAttempt,
	RESUME_CODE_LENGTH,
	showResumeCode,
	startAssignmentAttempt,
	studentByResumeCode,
	studentForTeacher,
	updateAssignment,
	type Assignment,
	type AssignmentSettings
} from '../../src/lib/server/assignments.ts';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { findModule } from '../../src/lib/server/modules.ts';

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
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

/** The settings part of an assignment, as the edit form would post them back unchanged. */
function settingsOf(a: Assignment): AssignmentSettings {
	const { lessons, mode, maxAttempts, opensAt, dueAt, timeLimitMinutes } = a;
	const { shuffleQuestions, shuffleChoices, reveal } = a;
	return {
		lessons,
		mode,
		maxAttempts,
		opensAt,
		dueAt,
		timeLimitMinutes,
		shuffleQuestions,
		shuffleChoices,
		reveal
	};
}

/** Teachers inserted directly: nothing here signs in, so no password is hashed. */
async function withTeachers(...ids: string[]): Promise<Db> {
	const db = await openDatabase(':memory:');
	for (const id of ids) {
		await db
			.insertInto('teachers')
			.values({
				id,
				email: `${id}@school.org`,
				name: id,
				password_hash: 'x',
				created_at: t0.toISOString()
			})
			.execute();
	}
	return db;
}

async function setUp(settings: Partial<AssignmentSettings> = {}) {
	const db = await withTeachers('teacher-1');
	const klass = await createClass(db, 'teacher-1', 'Period 3', t0);
	const assignment = (await createAssignment(
		db,
		'teacher-1',
		klass.id,
		module,
		{ ...ASSESSMENT, ...settings },
		t0
	))!;
	return { db, klass, assignment };
}

/** A form as the teacher's assignment page posts it. */
function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of [value].flat()) data.append(name, v);
	}
	return data;
}

const POSTED = {
	lessons: ['kazinform-press-tour', 'the-announcement'],
	mode: 'assessment',
	maxAttempts: '2',
	opensAt: '2026-12-01T09:00',
	dueAt: '2026-12-08T17:30',
	timeLimitMinutes: '45',
	shuffleQuestions: 'on',
	shuffleChoices: 'on',
	reveal: 'after-due'
};

function problemsOf(fields: Record<string, string | string[]>) {
	const result = parseSettings(form(fields), module);
	return 'problems' in result ? result.problems : {};
}

function settingsFrom(fields: Record<string, string | string[]>): AssignmentSettings {
	const result = parseSettings(form(fields), module);
	if ('problems' in result) throw new Error(`problems: ${JSON.stringify(result.problems)}`);
	return result.settings;
}

describe('join codes', () => {
	it('are drawn from an alphabet without 0, O, 1, I or L', () => {
		for (const c of '0O1IL') expect(CODE_ALPHABET).not.toContain(c);
		expect(CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
		expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
		expect(CODE_ALPHABET.length).toBe(31);
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const code = randomCode(JOIN_CODE_LENGTH);
			expect(code).toHaveLength(7);
			for (const c of code) {
				expect(CODE_ALPHABET).toContain(c);
				seen.add(c);
			}
		}
		// Every letter of the alphabet is used (14,000 draws of 31).
		expect(seen.size).toBe(CODE_ALPHABET.length);
	});

	it('each assignment gets its own 7-character code, which finds it', async () => {
		const { db, klass } = await setUp();
		const codes = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const a = (await createAssignment(db, 'teacher-1', klass.id, module, ASSESSMENT, t0))!;
			expect(a.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{7}$`));
			expect((await assignmentByCode(db, a.code))?.id).toBe(a.id);
			codes.add(a.code);
		}
		expect(codes.size).toBe(20);
	});

	it('are read however they are typed: lower case, spaces, dashes', () => {
		expect(normalCode('abcdefg', 7)).toBe('ABCDEFG');
		expect(normalCode(' abc defg ', 7)).toBe('ABCDEFG');
		expect(normalCode('abc-de-fg', 7)).toBe('ABCDEFG');
		expect(normalCode('ABC–DEFG', 7)).toBe('ABCDEFG');
		expect(normalCode('abc.defg', 7)).toBe('ABCDEFG');
	});

	it('are refused when too short, too long or with a character no code has', () => {
		expect(normalCode('ABCDEF', 7)).toBeNull();
		expect(normalCode('ABCDEFGH', 7)).toBeNull();
		expect(normalCode('', 7)).toBeNull();
		for (const c of ['0', 'O', 'o', '1', 'I', 'i', 'L', 'l', '_', 'Ä']) {
			expect(normalCode(`ABCDEF${c}`, 7), c).toBeNull();
		}
	});

	it('resume codes are shown in two groups of five, and read back as typed', () => {
		const code = randomCode(RESUME_CODE_LENGTH);
		const shown = showResumeCode(code);
		expect(shown).toMatch(/^.{5}-.{5}$/);
		expect(normalCode(shown, RESUME_CODE_LENGTH)).toBe(code);
		expect(normalCode(shown.toLowerCase(), RESUME_CODE_LENGTH)).toBe(code);
	});
});

describe('the assignment form', () => {
	it('reads a complete form, lessons in the module’s order, times in the server’s zone', () => {
		expect(settingsFrom(POSTED)).toEqual({
			lessons: ['the-announcement', 'kazinform-press-tour'],
			mode: 'assessment',
			maxAttempts: 2,
			opensAt: new Date('2026-12-01T09:00'),
			dueAt: new Date('2026-12-08T17:30'),
			timeLimitMinutes: 45,
			shuffleQuestions: true,
			shuffleChoices: true,
			reveal: 'after-due'
		});
	});

	it('reads empty and unticked fields as none', () => {
		expect(
			settingsFrom({
				lessons: ['the-announcement'],
				mode: 'assessment',
				maxAttempts: 'unlimited',
				opensAt: '',
				dueAt: '  ',
				timeLimitMinutes: '',
				reveal: 'never'
			})
		).toEqual({
			lessons: ['the-announcement'],
			mode: 'assessment',
			maxAttempts: 0,
			opensAt: null,
			dueAt: null,
			timeLimitMinutes: null,
			shuffleQuestions: false,
			shuffleChoices: false,
			reveal: 'never'
		});
	});

	it('accepts 1, 2, 3 or unlimited attempts and nothing else', () => {
		expect(settingsFrom({ ...POSTED, maxAttempts: '1' }).maxAttempts).toBe(1);
		expect(settingsFrom({ ...POSTED, maxAttempts: '3' }).maxAttempts).toBe(3);
		expect(settingsFrom({ ...POSTED, maxAttempts: 'unlimited' }).maxAttempts).toBe(0);
		for (const maxAttempts of ['0', '4', '', 'many', '2.5']) {
			expect(problemsOf({ ...POSTED, maxAttempts }), maxAttempts).toEqual({
				maxAttempts: expect.any(String)
			});
		}
	});

	it('needs at least one lesson, and only the module’s', () => {
		const noLessons = Object.fromEntries(Object.entries(POSTED).filter(([k]) => k !== 'lessons'));
		expect(problemsOf(noLessons)).toEqual({ lessons: 'Choose at least one lesson.' });
		expect(problemsOf({ ...POSTED, lessons: ['the-announcement', 'no-such-lesson'] })).toEqual({
			lessons: 'Choose lessons from the list.'
		});
	});

	it('needs practice or assessment', () => {
		expect(problemsOf({ ...POSTED, mode: 'exam' })).toHaveProperty('mode');
		expect(problemsOf({ ...POSTED, mode: '' })).toHaveProperty('mode');
	});

	it('needs the due date after the opening, and dates it can read', () => {
		expect(problemsOf({ ...POSTED, dueAt: '2026-11-30T09:00' })).toEqual({
			dueAt: 'The due date must be after it opens.'
		});
		expect(problemsOf({ ...POSTED, dueAt: POSTED.opensAt })).toEqual({
			dueAt: 'The due date must be after it opens.'
		});
		expect(problemsOf({ ...POSTED, opensAt: '2026-13-01T09:00' })).toEqual({
			opensAt: expect.any(String)
		});
		expect(problemsOf({ ...POSTED, opensAt: '01/12/2026 09:00' })).toEqual({
			opensAt: expect.any(String)
		});
		// Only a due date, or only an opening, is fine.
		expect(settingsFrom({ ...POSTED, opensAt: '' }).opensAt).toBeNull();
		expect(settingsFrom({ ...POSTED, dueAt: '', reveal: 'after-submit' }).dueAt).toBeNull();
	});

	it('takes a time limit of 1 to 600 whole minutes', () => {
		expect(settingsFrom({ ...POSTED, timeLimitMinutes: '1' }).timeLimitMinutes).toBe(1);
		expect(settingsFrom({ ...POSTED, timeLimitMinutes: '600' }).timeLimitMinutes).toBe(600);
		for (const timeLimitMinutes of ['0', '601', '-5', '1.5', 'soon']) {
			expect(problemsOf({ ...POSTED, timeLimitMinutes }), timeLimitMinutes).toEqual({
				timeLimitMinutes: expect.any(String)
			});
		}
	});

	it('will not reveal “after the due date” without a due date', () => {
		expect(problemsOf({ ...POSTED, dueAt: '', reveal: 'after-due' })).toEqual({
			reveal: '“After the due date” needs a due date.'
		});
	});

	it('in an assessment asks when to reveal, and not after each question', () => {
		for (const reveal of ['', 'each-question', 'sometimes']) {
			expect(problemsOf({ ...POSTED, reveal }), reveal).toEqual({ reveal: expect.any(String) });
		}
		expect(settingsFrom({ ...POSTED, reveal: 'after-submit' }).reveal).toBe('after-submit');
		expect(settingsFrom({ ...POSTED, reveal: 'never' }).reveal).toBe('never');
	});

	it('in practice always reveals after each question, whatever was posted', () => {
		for (const reveal of ['never', 'after-due', '']) {
			expect(settingsFrom({ ...POSTED, mode: 'practice', reveal }).reveal).toBe('each-question');
		}
	});

	it('reports every wrong field at once', () => {
		expect(
			Object.keys(
				problemsOf({ mode: 'x', maxAttempts: '9', timeLimitMinutes: '0', reveal: 'x' })
			).sort()
		).toEqual(['lessons', 'maxAttempts', 'mode', 'reveal', 'timeLimitMinutes']);
	});
});

describe('settings in words', () => {
	const all = module.lessons.map((l) => l.id);
	const total = module.lessons.reduce((n, l) => n + l.questions.length, 0);

	it('says each setting in a sentence', () => {
		const lines = describeSettings(
			{
				lessons: ['kazinform-press-tour'],
				mode: 'assessment',
				maxAttempts: 1,
				opensAt: new Date('2026-12-01T09:00:00Z'),
				dueAt: new Date('2026-12-08T17:30:00Z'),
				timeLimitMinutes: 45,
				shuffleQuestions: true,
				shuffleChoices: false,
				reveal: 'after-due'
			},
			module,
			'UTC'
		);
		expect(lines).toHaveLength(8);
		expect(lines[0]).toMatch(/^Assessment: .*saved without feedback/);
		expect(lines[1]).toBe(
			`1 of ${module.lessons.length} lessons: Kazinform’s press-tour report (${module.lessons.find((l) => l.id === 'kazinform-press-tour')!.questions.length} questions).`
		);
		expect(lines[2]).toBe('1 attempt allowed.');
		expect(lines[3]).toBe('Opens Tue, 1 Dec 2026, 09:00 (UTC).');
		expect(lines[4]).toBe('Due Tue, 8 Dec 2026, 17:30 (UTC).');
		expect(lines[5]).toBe('Time limit: 45 minutes.');
		expect(lines[6]).toMatch(/^Questions are shuffled .*choices are in the same order/);
		expect(lines[7]).toMatch(/after the due date/);
	});

	it('says the other way of each setting differently', () => {
		const lines = describeSettings(
			{
				lessons: all,
				mode: 'practice',
				maxAttempts: 0,
				opensAt: null,
				dueAt: null,
				timeLimitMinutes: null,
				shuffleQuestions: false,
				shuffleChoices: false,
				reveal: 'each-question'
			},
			module,
			'UTC'
		);
		expect(lines).toEqual([
			expect.stringMatching(/^Practice: feedback after each answer/),
			`All ${module.lessons.length} lessons (${total} questions).`,
			'Unlimited attempts.',
			'Open now.',
			'No due date.',
			'No time limit.',
			'Questions and choices are in the same order for every student.',
			expect.stringMatching(/after each question/)
		]);
		expect(describeSettings({ ...ASSESSMENT, maxAttempts: 3 }, module, 'UTC')[2]).toBe(
			'3 attempts allowed.'
		);
	});

	it('shows times in the zone it is given', () => {
		const lines = describeSettings(
			{ ...ASSESSMENT, dueAt: new Date('2026-12-08T17:30:00Z') },
			module,
			'Asia/Almaty'
		);
		expect(lines[4]).toBe('Due Tue, 8 Dec 2026, 22:30 (Asia/Almaty).');
	});

	it('has its own words for each shuffle and each reveal rule', () => {
		const pairs: [boolean, boolean][] = [
			[true, true],
			[true, false],
			[false, true],
			[false, false]
		];
		const shuffles = pairs.map(
			([shuffleQuestions, shuffleChoices]) =>
				describeSettings({ ...ASSESSMENT, shuffleQuestions, shuffleChoices }, module, 'UTC')[6]
		);
		expect(new Set(shuffles).size).toBe(4);
		expect(shuffles[0]).toBe('Questions and choices are shuffled for each student.');

		const reveals = (['each-question', 'after-submit', 'after-due', 'never'] as const).map(
			(reveal) => describeSettings({ ...ASSESSMENT, reveal }, module, 'UTC')[7]!
		);
		expect(new Set(reveals).size).toBe(4);
		expect(reveals[1]).toMatch(/after they submit/);
		expect(reveals[3]).toMatch(/never shown to students/);
	});
});

describe('each teacher sees only their own', () => {
	async function twoTeachers() {
		const db = await withTeachers('ana', 'ben');
		const anaClass = await createClass(db, 'ana', 'Period 3', t0);
		const benClass = await createClass(db, 'ben', 'Year 10', t0);
		const anas = (await createAssignment(db, 'ana', anaClass.id, module, ASSESSMENT, t0))!;
		const bens = (await createAssignment(db, 'ben', benClass.id, module, ASSESSMENT, t0))!;
		const student = (await joinAssignment(db, anas.id, 'Aigerim', t0)).student;
		return { db, anaClass, benClass, anas, bens, student };
	}

	it('classes', async () => {
		const { db, anaClass, benClass } = await twoTeachers();
		expect(await classOf(db, 'ana', anaClass.id)).toEqual(anaClass);
		expect(await classOf(db, 'ben', anaClass.id)).toBeUndefined();
		expect((await classesOf(db, 'ben')).map((c) => c.id)).toEqual([benClass.id]);
		// No assignment in someone else's class.
		expect(await createAssignment(db, 'ben', anaClass.id, module, ASSESSMENT, t0)).toBeUndefined();
		expect(await assignmentsOfClass(db, 'ana', anaClass.id)).toHaveLength(1);
	});

	it('assignments', async () => {
		const { db, anaClass, anas } = await twoTeachers();
		expect((await assignmentForTeacher(db, 'ana', anas.id))?.id).toBe(anas.id);
		expect(await assignmentForTeacher(db, 'ben', anas.id)).toBeUndefined();
		expect(await assignmentsOfClass(db, 'ben', anaClass.id)).toEqual([]);
		expect(
			await updateAssignment(db, 'ben', anas.id, { ...ASSESSMENT, maxAttempts: 3 }, minutes(1))
		).toEqual({ kind: 'not-found' });
		expect((await assignmentForTeacher(db, 'ana', anas.id))?.maxAttempts).toBe(1);
	});

	it('students', async () => {
		const { db, anas, bens, student } = await twoTeachers();
		expect(await studentForTeacher(db, 'ana', anas.id, student.id)).toEqual(student);
		expect(await studentForTeacher(db, 'ben', anas.id, student.id)).toBeUndefined();
		// Ben's own assignment id with Ana's student finds nobody either.
		expect(await studentForTeacher(db, 'ben', bens.id, student.id)).toBeUndefined();
	});
});

describe('editing an assignment', () => {
	it('before anyone starts, every setting may change', async () => {
		const { db, assignment } = await setUp();
		const next: AssignmentSettings = {
			lessons: ['the-announcement', 'releases-and-public-interest'],
			mode: 'practice',
			maxAttempts: 0,
			opensAt: minutes(60),
			dueAt: minutes(600),
			timeLimitMinutes: 30,
			shuffleQuestions: false,
			shuffleChoices: false,
			reveal: 'each-question'
		};
		// Joining is not starting.
		await joinAssignment(db, assignment.id, 'Aigerim', t0);
		const result = await updateAssignment(db, 'teacher-1', assignment.id, next, minutes(5));
		expect(result.kind).toBe('updated');
		const stored = (await assignmentForTeacher(db, 'teacher-1', assignment.id))!;
		expect(settingsOf(stored)).toEqual(next);
		expect(stored.code).toBe(assignment.code);
		expect(stored.updatedAt).toEqual(minutes(5));
		expect(stored.createdAt).toEqual(t0);
	});

	it('once a student has started, lessons, mode and shuffles are locked; nothing is half-saved', async () => {
		const { db, assignment } = await setUp();
		const { student } = await joinAssignment(db, assignment.id, 'Aigerim', t0);
		expect(await hasAttempts(db, assignment.id)).toBe(false);
		await startAssignmentAttempt(db, assignment, module, student, t0);
		expect(await hasAttempts(db, assignment.id)).toBe(true);
		const current = settingsOf(assignment);

		expect(
			await updateAssignment(
				db,
				'teacher-1',
				assignment.id,
				{ ...current, lessons: ['the-announcement'] },
				minutes(1)
			)
		).toEqual({ kind: 'locked', fields: ['lessons'] });
		expect(
			await updateAssignment(
				db,
				'teacher-1',
				assignment.id,
				{ ...current, mode: 'practice', reveal: 'each-question', shuffleChoices: false },
				minutes(1)
			)
		).toEqual({ kind: 'locked', fields: ['mode', 'shuffleChoices'] });
		// A locked field alongside an allowed one: neither is saved.
		expect(
			await updateAssignment(
				db,
				'teacher-1',
				assignment.id,
				{ ...current, shuffleQuestions: false, dueAt: minutes(90) },
				minutes(1)
			)
		).toEqual({ kind: 'locked', fields: ['shuffleQuestions'] });
		const unchanged = (await assignmentForTeacher(db, 'teacher-1', assignment.id))!;
		expect(settingsOf(unchanged)).toEqual(current);
		expect(unchanged.updatedAt).toEqual(t0);
	});

	it('once a student has started, dates, time limit, attempts and reveal may still change', async () => {
		const { db, assignment } = await setUp();
		const { student } = await joinAssignment(db, assignment.id, 'Aigerim', t0);
		await startAssignmentAttempt(db, assignment, module, student, t0);
		const next: AssignmentSettings = {
			...settingsOf(assignment),
			maxAttempts: 3,
			opensAt: minutes(-60),
			dueAt: minutes(120),
			timeLimitMinutes: 20,
			reveal: 'after-due'
		};
		const result = await updateAssignment(db, 'teacher-1', assignment.id, next, minutes(2));
		expect(result.kind).toBe('updated');
		if (result.kind !== 'updated') return;
		expect(settingsOf(result.assignment)).toEqual(next);
		expect(settingsOf((await assignmentForTeacher(db, 'teacher-1', assignment.id))!)).toEqual(next);
	});

	it('removing the only attempt unlocks the settings again', async () => {
		const { db, assignment } = await setUp();
		const { student } = await joinAssignment(db, assignment.id, 'Aigerim', t0);
		await startAssignmentAttempt(db, assignment, module, student, t0);
		await removeLatestAttempt(db, student.id);
		const result = await updateAssignment(
			db,
			'teacher-1',
			assignment.id,
			{ ...settingsOf(assignment), lessons: ['the-announcement'] },
			minutes(1)
		);
		expect(result.kind).toBe('updated');
	});
});

describe('display names', () => {
	it('are trimmed, with runs of space made one', () => {
		expect(cleanDisplayName('  Aigerim   Nurlanovna  ')).toBe('Aigerim Nurlanovna');
		// No-break and em spaces are spaces too.
		expect(cleanDisplayName('Ana\u00a0\u2003Maria')).toBe('Ana Maria');
	});

	it('lose control and invisible format characters', () => {
		expect(cleanDisplayName('Ai\u0000ge\u0007rim')).toBe('Aigerim');
		expect(cleanDisplayName('Ai\u200bgerim\u202e')).toBe('Aigerim');
		expect(cleanDisplayName('\u200b Aigerim \ufeff')).toBe('Aigerim');
		// Tabs and line breaks separate words.
		expect(cleanDisplayName('Ana\tMaria')).toBe('Ana Maria');
		expect(cleanDisplayName('Ana\r\nMaria')).toBe('Ana Maria');
		// Joiners stay: Persian names and emoji sequences are written with them.
		expect(cleanDisplayName('\u0645\u06cc\u200c\u0631\u0632\u0627')).toBe(
			'\u0645\u06cc\u200c\u0631\u0632\u0627'
		);
		expect(cleanDisplayName('Ali \u{1f469}\u200d\u{1f52c}')).toBe('Ali \u{1f469}\u200d\u{1f52c}');
		expect(cleanDisplayName('Ana \n Maria')).toBe('Ana Maria');
	});

	it('keep any script, composed', () => {
		expect(cleanDisplayName('Айгерим')).toBe('Айгерим');
		expect(cleanDisplayName('李明')).toBe('李明');
		expect(cleanDisplayName('Jose\u0301')).toBe('Jos\u00e9');
	});

	it('must be 1 to 40 characters once cleaned', () => {
		expect(MAX_DISPLAY_NAME).toBe(40);
		expect(displayNameProblem('')).toBe('Enter the name your teacher will see.');
		expect(displayNameProblem('   ')).toBe('Enter the name your teacher will see.');
		expect(displayNameProblem('\u200b\u0000\t')).toBe('Enter the name your teacher will see.');
		expect(displayNameProblem('\u200d\u200c')).toBe('Enter the name your teacher will see.');
		expect(displayNameProblem('A')).toBeUndefined();
		expect(displayNameProblem('a'.repeat(40))).toBeUndefined();
		expect(displayNameProblem(`   ${'a'.repeat(40)}   `)).toBeUndefined();
		expect(displayNameProblem('a'.repeat(41))).toBe('Keep your name to 40 characters.');
		// Characters as a reader counts them, not UTF-16 units.
		expect(displayNameProblem('😀'.repeat(40))).toBeUndefined();
		expect(displayNameProblem('😀'.repeat(41))).toBeDefined();
		expect(displayNameProblem('e\u0301'.repeat(40))).toBeUndefined();
	});
});

describe('students joining', () => {
	it('are stored with the cleaned name and a resume code that finds them in this assignment only', async () => {
		const { db, klass, assignment } = await setUp();
		const other = (await createAssignment(db, 'teacher-1', klass.id, module, ASSESSMENT, t0))!;
		const { student, resumeCode } = await joinAssignment(
			db,
			assignment.id,
			'  Ana \u0000  Maria ',
			t0
		);
		expect(student.displayName).toBe('Ana Maria');
		expect(student.extraAttempts).toBe(0);
		expect(resumeCode).toMatch(new RegExp(`^[${CODE_ALPHABET}]{10}$`));

		expect(await studentByResumeCode(db, assignment.id, resumeCode)).toEqual(student);
		expect(
			await studentByResumeCode(db, assignment.id, showResumeCode(resumeCode).toLowerCase())
		).toEqual(student);
		expect(await studentByResumeCode(db, other.id, resumeCode)).toBeUndefined();

		// A student of the other assignment is not found here with their own code either.
		const elsewhere = await joinAssignment(db, other.id, 'Bolat', t0);
		expect(await studentByResumeCode(db, assignment.id, elsewhere.resumeCode)).toBeUndefined();
		expect((await studentByResumeCode(db, other.id, elsewhere.resumeCode))?.displayName).toBe(
			'Bolat'
		);

		// The database keeps only a hash of the code.
		const rows = await db.selectFrom('students').selectAll().execute();
		expect(JSON.stringify(rows)).not.toContain(resumeCode);
	});

	it('each get their own resume code', async () => {
		const { db, assignment } = await setUp();
		const codes = new Set<string>();
		for (let i = 0; i < 30; i++) {
			codes.add((await joinAssignment(db, assignment.id, `Student ${i}`, t0)).resumeCode);
		}
		expect(codes.size).toBe(30);
	});
});

describe('attempts allowed', () => {
	it('a retake adds one attempt for that student only', async () => {
		const { db, assignment } = await setUp({ maxAttempts: 1 });
		const { student } = await joinAssignment(db, assignment.id, 'Aigerim', t0);
		const { student: classmate } = await joinAssignment(db, assignment.id, 'Bolat', t0);
		expect(attemptsAllowed(assignment, student)).toBe(1);
		expect((await startAssignmentAttempt(db, assignment, module, student, t0))?.number).toBe(1);
		expect(await startAssignmentAttempt(db, assignment, module, student, minutes(1))).toBeNull();

		await allowRetake(db, student.id);
		const reread = (await studentForTeacher(db, 'teacher-1', assignment.id, student.id))!;
		expect(reread.extraAttempts).toBe(1);
		expect(attemptsAllowed(assignment, reread)).toBe(2);
		const second = await startAssignmentAttempt(db, assignment, module, reread, minutes(2));
		expect(second?.number).toBe(2);
		expect(await startAssignmentAttempt(db, assignment, module, reread, minutes(3))).toBeNull();

		await allowRetake(db, student.id);
		const twice = (await studentForTeacher(db, 'teacher-1', assignment.id, student.id))!;
		expect(attemptsAllowed(assignment, twice)).toBe(3);

		const other = (await studentForTeacher(db, 'teacher-1', assignment.id, classmate.id))!;
		expect(other.extraAttempts).toBe(0);
		expect(attemptsAllowed(assignment, other)).toBe(1);
	});

	it('unlimited stays unlimited', async () => {
		const { db, assignment } = await setUp({ maxAttempts: 0 });
		const { student } = await joinAssignment(db, assignment.id, 'Aigerim', t0);
		expect(attemptsAllowed(assignment, student)).toBe(Infinity);
		for (let i = 1; i <= 5; i++) {
			expect((await startAssignmentAttempt(db, assignment, module, student, t0))?.number).toBe(i);
		}
	});

	it('removing the latest attempt removes only it, and its log', async () => {
		const { db, assignment } = await setUp({ maxAttempts: 3 });
		const { student } = await joinAssignment(db, assignment.id, 'Aigerim', t0);
		const { student: classmate } = await joinAssignment(db, assignment.id, 'Bolat', t0);
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			ids.push((await startAssignmentAttempt(db, assignment, module, student, minutes(i)))!.row.id);
		}
		const theirs = (await startAssignmentAttempt(db, assignment, module, classmate, t0))!;

		expect(await removeLatestAttempt(db, student.id)).toBe(ids[2]);
		const left = await attemptsOf(db, assignment, module, [student.id]);
		expect(left.map((a) => [a.number, a.row.id])).toEqual([
			[1, ids[0]],
			[2, ids[1]]
		]);
		expect(await eventsFrom(db, ids[2]!)).toEqual([]);
		expect(
			await db.selectFrom('practice_attempts').select('id').where('id', '=', ids[2]!).execute()
		).toEqual([]);
		for (const id of [ids[0]!, ids[1]!, theirs.row.id]) {
			expect(await eventsFrom(db, id)).toEqual([{ type: 'quiz.start' }]);
		}
		expect(await attemptsOf(db, assignment, module, [classmate.id])).toHaveLength(1);

		// The freed attempt can be taken again, numbered as the one removed.
		const again = (await startAssignmentAttempt(db, assignment, module, student, minutes(5)))!;
		expect(again.number).toBe(3);

		expect(await removeLatestAttempt(db, student.id)).toBe(again.row.id);
		expect(await removeLatestAttempt(db, student.id)).toBe(ids[1]);
		expect(await removeLatestAttempt(db, student.id)).toBe(ids[0]);
		expect(await removeLatestAttempt(db, student.id)).toBeNull();
		expect(await attemptsOf(db, assignment, module, [classmate.id])).toHaveLength(1);
	});
});
