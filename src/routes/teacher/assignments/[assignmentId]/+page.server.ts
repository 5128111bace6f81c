import { redirect, type RequestEvent } from '@sveltejs/kit';
import {
	allowRetake,
	attemptsAllowed,
	attemptsOf,
	availability,
	describeSettings,
	removeLatestAttempt,
	studentForTeacher
} from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { forget } from '$lib/server/liveAttempts.ts';
import { findModule } from '$lib/server/modules.ts';
import { badForm, field, formOf, refuse, setFlash, takeFlash } from '../../forms.server.ts';
import { qrSvg } from '../../qr.server.ts';
import { assignmentOr404 } from '../../scope.server.ts';
import { modeWords, rosterRows, type RosterRow } from '../../roster.server.ts';
import type { Actions, PageServerLoad } from './$types';

const AVAILABILITY = {
	open: 'Open: students can join and answer now.',
	'not-yet-open': 'Not open yet: students can join, and start when it opens.',
	closed: 'Closed: the due date has passed; no more answers are taken.'
} as const;

export const load: PageServerLoad = async (event) => {
	const { assignment: a } = await assignmentOr404(event);
	const db = await database();
	const now = new Date();
	const module = findModule(a.moduleSlug);
	const joinLink = `${event.url.origin}/join/${a.code}`;
	const roster: RosterRow[] = module ? await rosterRows(db, a, module, now) : [];
	const removeId = event.url.searchParams.get('remove');
	const removing = removeId
		? roster.find((r) => r.studentId === removeId && r.used > 0)
		: undefined;
	return {
		assignment: {
			id: a.id,
			classId: a.classId,
			className: a.className,
			moduleTitle: module?.title ?? a.moduleSlug,
			mode: modeWords(a.mode),
			code: a.code,
			settings: module ? describeSettings(a, module) : [],
			availability: AVAILABILITY[availability(a, now)]
		},
		moduleMissing: !module,
		joinLink,
		qr: qrSvg(joinLink),
		roster,
		removing: removing && {
			studentId: removing.studentId,
			name: removing.name,
			attempt: removing.used
		},
		flash: takeFlash(event)
	};
};

export interface RosterFailure {
	message: string;
}

type ActionEvent = RequestEvent<{ assignmentId: string }>;

/** The student an action is about, only if they are in this teacher's assignment. */
async function studentOf(event: ActionEvent) {
	const { teacher, assignment } = await assignmentOr404(event);
	const form = await formOf(event.request);
	if (!(form instanceof FormData)) return { refused: badForm(event, form) };
	const studentId = field(form, 'studentId', 100);
	const db = await database();
	const student = studentId
		? await studentForTeacher(db, teacher.id, assignment.id, studentId)
		: undefined;
	if (!student) {
		return {
			refused: refuse(event, 404, 'no such student', {
				message: 'That student is not in this assignment. Nothing was changed.'
			} satisfies RosterFailure)
		};
	}
	const module = findModule(assignment.moduleSlug);
	if (!module) {
		return {
			refused: refuse(event, 409, 'module missing', {
				message: 'This assignment’s module is no longer on this server. Nothing was changed.'
			} satisfies RosterFailure)
		};
	}
	return { db, assignment, module, student };
}

export const actions = {
	retake: async (event) => {
		const found = await studentOf(event);
		if ('refused' in found) return found.refused;
		const { db, assignment, module, student } = found;
		if (assignment.maxAttempts === 0) {
			return refuse(event, 409, 'attempts unlimited', {
				message: `Attempts are unlimited already: ${student.displayName} can start another whenever they like.`
			} satisfies RosterFailure);
		}
		await allowRetake(db, student.id);
		const used = (await attemptsOf(db, assignment, module, [student.id])).length;
		const allowed = attemptsAllowed(assignment, {
			...student,
			extraAttempts: student.extraAttempts + 1
		});
		setFlash(
			event,
			used < allowed
				? `${student.displayName} can start attempt ${used + 1}.`
				: `${student.displayName} now has ${allowed} attempts allowed and has used ${used}.`
		);
		redirect(303, `/teacher/assignments/${assignment.id}`);
	},
	remove: async (event) => {
		const found = await studentOf(event);
		if ('refused' in found) return found.refused;
		const { db, assignment, module, student } = found;
		const used = (await attemptsOf(db, assignment, module, [student.id])).length;
		const removed = await removeLatestAttempt(db, student.id);
		if (removed) forget(removed);
		setFlash(
			event,
			removed
				? `Removed ${student.displayName}’s attempt ${used}. It no longer counts; they can start again.`
				: `${student.displayName} has no attempt to remove.`
		);
		redirect(303, `/teacher/assignments/${assignment.id}`);
	}
} satisfies Actions;
