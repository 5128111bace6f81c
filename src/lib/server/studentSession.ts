/**
 * Who a student is, for a request: the assignment named by the code in the URL, and the student
 * whose resume code this browser keeps for it. The resume code is the student's only credential;
 * it lives in an httpOnly cookie scoped to that assignment's pages.
 */
import { error, redirect, type Cookies } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import {
	assignmentByCode,
	JOIN_CODE_LENGTH,
	normalCode,
	studentByResumeCode,
	studentCookie,
	type Assignment,
	type Student
} from './assignments.ts';
import { database, type Db } from './db.ts';
import { peekToken, takeToken } from './rateLimit.ts';
import { findModule } from './modules.ts';

export interface StudentContext {
	db: Db;
	assignment: Assignment;
	module: Module;
	student: Student;
	resumeCode: string;
}

/**
 * The assignment a join code names. A code that names none is an error page that says so, and
 * costs the address one token of its wrong-code bucket: a class joining at once is never held up,
 * someone guessing codes soon is (429, with how long to wait).
 */
export async function assignmentFor(
	db: Db,
	typed: string,
	address: string
): Promise<{ code: string; assignment: Assignment; module: Module }> {
	const now = new Date();
	const limited = await peekToken(db, 'wrong-code', address, now);
	if (limited) {
		error(
			429,
			`Too many codes that match no assignment were tried from this network. Please wait ${limited.retryAfter} seconds, then check the code with your teacher.`
		);
	}
	const code = normalCode(typed, JOIN_CODE_LENGTH);
	const assignment = code ? await assignmentByCode(db, code) : undefined;
	const module = assignment && findModule(assignment.moduleSlug);
	if (!code || !assignment || !module) {
		await takeToken(db, 'wrong-code', address, now);
		error(
			404,
			code
				? `No assignment has the code ${code}. Check the code with your teacher; it is ${JOIN_CODE_LENGTH} letters and digits.`
				: `“${typed.slice(0, 20)}” is not a join code: codes are ${JOIN_CODE_LENGTH} letters and digits, like ${'ABCD234'}.`
		);
	}
	return { code, assignment, module };
}

export function setStudentCookie(cookies: Cookies, url: URL, code: string, resumeCode: string) {
	cookies.set(studentCookie(code), resumeCode, {
		path: `/join/${code}`,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		// A school term; typing the resume code brings it back after that.
		maxAge: 60 * 60 * 24 * 180
	});
}

/**
 * The student of this request for the assignment in the URL. Without one (no cookie, or a cookie
 * that is not a student of this assignment) they are sent to the join page.
 */
export async function requireStudent(event: {
	params: { code: string };
	cookies: Cookies;
	getClientAddress: () => string;
}): Promise<StudentContext> {
	const db = await database();
	const { code, assignment, module } = await assignmentFor(
		db,
		event.params.code,
		event.getClientAddress()
	);
	if (code !== event.params.code) redirect(303, `/join/${code}/quiz`);
	const resumeCode = event.cookies.get(studentCookie(code));
	const student = await studentByResumeCode(db, assignment.id, resumeCode);
	if (!student || !resumeCode) redirect(303, `/join/${code}`);
	return { db, assignment, module, student, resumeCode };
}
