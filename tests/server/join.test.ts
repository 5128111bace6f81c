/**
 * Joining by code: a class joining at once from one address is never held up, but guessing codes
 * is — only wrong codes spend the address's bucket, and once it is empty even a right code waits.
 */
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	CODE_ALPHABET,
	createAssignment,
	createClass,
	JOIN_CODE_LENGTH
} from '../../src/lib/server/assignments.ts';
import { openDatabase } from '../../src/lib/server/db.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { BUCKETS } from '../../src/lib/server/rateLimit.ts';
import { assignmentFor } from '../../src/lib/server/studentSession.ts';

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const now = new Date();

async function withAssignment() {
	const db = await openDatabase(':memory:');
	await db
		.insertInto('teachers')
		.values({
			id: 't',
			email: 'e@x.org',
			name: 'T',
			password_hash: 'x',
			created_at: now.toISOString()
		})
		.execute();
	const klass = await createClass(db, 't', 'Period 3', now);
	const assignment = (await createAssignment(
		db,
		't',
		klass.id,
		module,
		{
			lessons: module.lessons.map((l) => l.id),
			mode: 'assessment',
			maxAttempts: 1,
			opensAt: null,
			dueAt: null,
			timeLimitMinutes: null,
			shuffleQuestions: false,
			shuffleChoices: true,
			reveal: 'after-submit'
		},
		now
	))!;
	return { db, assignment };
}

async function statusOf(work: Promise<unknown>): Promise<number | 'ok'> {
	try {
		await work;
		return 'ok';
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

/** A well-formed code that is not this assignment's. */
function wrongCode(right: string, i: number): string {
	let code = '';
	for (let k = 0; k < JOIN_CODE_LENGTH; k++)
		code += CODE_ALPHABET[(i * 7 + k * 3) % CODE_ALPHABET.length];
	return code === right ? wrongCode(right, i + 1) : code;
}

describe('join codes', () => {
	it('finds the assignment by its code however it is typed', async () => {
		const { db, assignment } = await withAssignment();
		const typed = `${assignment.code.slice(0, 3).toLowerCase()} ${assignment.code.slice(3)}`;
		const found = await assignmentFor(db, typed, '10.0.0.1');
		expect(found.assignment.id).toBe(assignment.id);
		expect(found.code).toBe(assignment.code);
	});

	it('says 404 for a code no assignment has, and for one that cannot be a code', async () => {
		const { db, assignment } = await withAssignment();
		expect(await statusOf(assignmentFor(db, wrongCode(assignment.code, 1), '10.0.0.1'))).toBe(404);
		expect(await statusOf(assignmentFor(db, 'O0I1L', '10.0.0.1'))).toBe(404);
	});

	it('lets a whole class join from one address: right codes spend nothing', async () => {
		const { db, assignment } = await withAssignment();
		for (let i = 0; i < BUCKETS['wrong-code'].capacity + 20; i++) {
			expect(await statusOf(assignmentFor(db, assignment.code, '10.0.0.2'))).toBe('ok');
		}
	});

	it('stops guessing: after the bucket of wrong codes even a right code gets 429, other addresses do not', async () => {
		const { db, assignment } = await withAssignment();
		const capacity = BUCKETS['wrong-code'].capacity;
		for (let i = 0; i < capacity; i++) {
			expect(await statusOf(assignmentFor(db, wrongCode(assignment.code, i), '10.0.0.3'))).toBe(
				404
			);
		}
		await expect(assignmentFor(db, assignment.code, '10.0.0.3')).rejects.toMatchObject({
			status: 429,
			body: { message: expect.stringMatching(/wait \d+ seconds/) }
		});
		expect(await statusOf(assignmentFor(db, assignment.code, '10.0.0.4'))).toBe('ok');
	});
});
