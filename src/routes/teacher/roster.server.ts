/**
 * A roster in words, for the class and assignment pages: each student's status the way a teacher
 * reads it ("In progress: 3 of 20 answered"), computed on the server so the pages only show text.
 */
import type { Module } from '$lib/content/schema.ts';
import { formatScore } from '$lib/format.ts';
import { rosterOf, type RosterStatus } from '$lib/server/assignmentAttempts.ts';
import type { Assignment } from '$lib/server/assignments.ts';
import type { Db } from '$lib/server/db.ts';

export interface RosterRow {
	studentId: string;
	name: string;
	status: string;
	/** "1 of 2", "3 (unlimited)". */
	attempts: string;
	used: number;
	/** Every allowed attempt is used, and attempts are limited: a retake can be allowed. */
	canRetake: boolean;
}

export function statusWords(status: RosterStatus): string {
	switch (status.kind) {
		case 'not-started':
			return 'Not started';
		case 'in-progress':
			return `In progress: ${status.answered} of ${status.total} answered`;
		case 'submitted':
			return `Submitted: ${formatScore(status.score, status.maxScore)} points`;
	}
}

export async function rosterRows(
	db: Db,
	assignment: Assignment,
	module: Module,
	now: Date
): Promise<RosterRow[]> {
	const roster = await rosterOf(db, assignment, module, now);
	return roster.map((r) => ({
		studentId: r.student.id,
		name: r.student.displayName,
		status: statusWords(r.status),
		attempts: Number.isFinite(r.allowed)
			? `${r.attempts} of ${r.allowed}`
			: `${r.attempts} (unlimited)`,
		used: r.attempts,
		canRetake: Number.isFinite(r.allowed) && r.attempts >= r.allowed
	}));
}

export function modeWords(mode: Assignment['mode']): string {
	return mode === 'practice' ? 'Practice' : 'Assessment';
}
