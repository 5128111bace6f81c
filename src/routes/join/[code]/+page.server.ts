import { redirect, type RequestEvent } from '@sveltejs/kit';
import {
	availability,
	displayNameProblem,
	formatTime,
	joinAssignment,
	normalCode,
	RESUME_CODE_LENGTH,
	showResumeCode,
	studentByResumeCode,
	studentCookie
} from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { formOf, refuse } from '$lib/server/forms.ts';
import { peekToken, takeToken } from '$lib/server/rateLimit.ts';
import { assignmentFor, setStudentCookie } from '$lib/server/studentSession.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, getClientAddress }) => {
	const db = await database();
	const { code, assignment, module } = await assignmentFor(db, params.code, getClientAddress());
	if (code !== params.code) redirect(303, `/join/${code}`);
	const now = new Date();
	const resumeCode = cookies.get(studentCookie(code));
	const student = await studentByResumeCode(db, assignment.id, resumeCode);
	const open = availability(assignment, now);
	return {
		code,
		className: assignment.className,
		moduleTitle: module.title,
		mode: assignment.mode,
		availability: open,
		opensAt: assignment.opensAt && formatTime(assignment.opensAt),
		dueAt: assignment.dueAt && formatTime(assignment.dueAt),
		joined: student
			? { displayName: student.displayName, resumeCode: showResumeCode(resumeCode!) }
			: null
	};
};

type JoinEvent = RequestEvent<{ code: string }>;

const text = (form: FormData | 'too-large' | null, name: string) => {
	const v = form instanceof FormData ? form.get(name) : null;
	return typeof v === 'string' ? v : '';
};

export const actions = {
	/** A display name in, an attempt's identity out: the resume code, kept in this browser. */
	join: async (event: JoinEvent) => {
		const { params, request, cookies, url, getClientAddress } = event;
		const db = await database();
		const { code, assignment } = await assignmentFor(db, params.code, getClientAddress());
		const form = await formOf(request);
		const name = text(form, 'name');
		const now = new Date();
		const open = availability(assignment, now);
		if (open !== 'open') {
			return refuse(event, 409, `join when ${open}`, {
				name,
				message:
					open === 'closed'
						? 'This assignment has closed, so no one new can join.'
						: 'This assignment has not opened yet. Try again when it opens.'
			});
		}
		const problem = displayNameProblem(name);
		if (problem) {
			return refuse(event, 400, 'bad display name', {
				name: name.slice(0, 200),
				nameProblem: problem
			});
		}
		// Joining stores a student: it shares the generous per-address bucket that practice uses.
		const limited = await takeToken(db, 'address', getClientAddress(), now);
		if (limited) {
			return refuse(event, 429, 'rate limited: join', {
				name,
				message: `Too many people joined from this network just now. Wait ${limited.retryAfter} seconds and press Join again.`
			});
		}
		const { resumeCode } = await joinAssignment(db, assignment.id, name, now);
		setStudentCookie(cookies, url, code, resumeCode);
		redirect(303, `/join/${code}/quiz`);
	},
	/** Continue on this device: the resume code from the other one. */
	resume: async (event: JoinEvent) => {
		const { params, request, cookies, url, getClientAddress } = event;
		const db = await database();
		const { code, assignment } = await assignmentFor(db, params.code, getClientAddress());
		const form = await formOf(request);
		const typed = text(form, 'resumeCode');
		const now = new Date();
		const limited = await peekToken(db, 'wrong-code', getClientAddress(), now);
		if (limited) {
			return refuse(event, 429, 'rate limited: resume', {
				resumeCode: typed.slice(0, 40),
				resumeProblem: `Too many wrong codes were tried from this network. Wait ${limited.retryAfter} seconds and try again.`
			});
		}
		const student = await studentByResumeCode(db, assignment.id, typed);
		if (!student) {
			await takeToken(db, 'wrong-code', getClientAddress(), now);
			return refuse(event, 400, 'wrong resume code', {
				resumeCode: typed.slice(0, 40),
				resumeProblem:
					'That resume code does not match anyone in this assignment. It is 10 letters and digits, shown on the device where you started (like ABCDE-23456).'
			});
		}
		setStudentCookie(cookies, url, code, normalCode(typed, RESUME_CODE_LENGTH)!);
		redirect(303, `/join/${code}/quiz`);
	}
} satisfies Actions;
