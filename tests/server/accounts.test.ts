/**
 * Teacher accounts: what a sign-up form may contain, how passwords are kept (scrypt, never the
 * password), signing in with its rate limits (only failures spend, kept in the database), sessions
 * that end and expire, and changing a password (other sessions out, this one kept).
 *
 * Every password hash costs about 0.3 s (scrypt at N = 2^17), so these tests hash sparingly and the
 * ones that hash many times have a generous timeout.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	changePassword,
	checkSignUp,
	createSession,
	endSession,
	hashPassword,
	MAX_PASSWORD,
	MIN_PASSWORD,
	passwordProblem,
	signIn,
	signUp,
	teacherForToken,
	type Teacher
} from '../../src/lib/server/accounts.ts';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { BUCKETS, takeToken } from '../../src/lib/server/rateLimit.ts';

const t0 = new Date('2026-11-30T08:00:00Z');
const seconds = (n: number) => new Date(t0.getTime() + n * 1000);
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);

const PASSWORD = 'correct horse battery staple';
const SLOW = 120_000;

const dirs: string[] = [];
afterAll(() => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A database in a file, so that a second handle (a second app server) can open it too. */
function tempFile(): string {
	const dir = mkdtempSync(join(tmpdir(), 'citewise-accounts-'));
	dirs.push(dir);
	return join(dir, 'test.sqlite');
}

/** A teacher without hashing a password, for tests that never sign in. */
async function insertTeacher(db: Db, id: string, email: string): Promise<Teacher> {
	await db
		.insertInto('teachers')
		.values({ id, email, name: id, password_hash: 'x', created_at: t0.toISOString() })
		.execute();
	return { id, email, name: id };
}

async function storedHash(db: Db, email: string): Promise<string> {
	const row = await db
		.selectFrom('teachers')
		.select('password_hash')
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	return row.password_hash;
}

function sha256Base64url(text: string): string {
	return createHash('sha256').update(text).digest('base64url');
}

describe('the sign-up form', () => {
	const valid = { email: 'ana@school.org', name: 'Ana Lopez', password: 'a'.repeat(MIN_PASSWORD) };

	it('accepts a complete form', () => {
		expect(checkSignUp(valid)).toEqual({});
		expect(checkSignUp({ ...valid, email: '  Ana.Lopez@School.ORG ', name: '  Ana ' })).toEqual({});
	});

	it('asks for passwords of 10 to 200 characters', () => {
		expect(MIN_PASSWORD).toBe(10);
		expect(MAX_PASSWORD).toBe(200);
		expect(passwordProblem('a'.repeat(9))).toMatch(/at least 10 characters/);
		expect(passwordProblem('')).toMatch(/at least 10 characters/);
		expect(passwordProblem('a'.repeat(10))).toBeUndefined();
		expect(passwordProblem('a'.repeat(200))).toBeUndefined();
		expect(passwordProblem('a'.repeat(201))).toMatch(/at most 200 characters/);
		expect(checkSignUp({ ...valid, password: 'short' })).toEqual({
			password: expect.stringMatching(/at least 10/)
		});
		expect(checkSignUp({ ...valid, password: 'a'.repeat(201) })).toEqual({
			password: expect.stringMatching(/at most 200/)
		});
	});

	it('refuses an email address that is not one', () => {
		for (const email of [
			'',
			'ana',
			'ana@school',
			'@school.org',
			'ana lopez@school.org',
			'a@b@c.org'
		]) {
			expect(checkSignUp({ ...valid, email }), email).toEqual({
				email: expect.stringContaining('name@school.org')
			});
		}
		expect(checkSignUp({ ...valid, email: `${'a'.repeat(250)}@b.org` })).toHaveProperty('email');
	});

	it('asks for a name of 1 to 80 characters', () => {
		expect(checkSignUp({ ...valid, name: '' })).toEqual({ name: expect.any(String) });
		expect(checkSignUp({ ...valid, name: '   ' })).toEqual({ name: expect.any(String) });
		expect(checkSignUp({ ...valid, name: 'n'.repeat(80) })).toEqual({});
		expect(checkSignUp({ ...valid, name: 'n'.repeat(81) })).toEqual({ name: expect.any(String) });
	});

	it('reports every wrong field at once', () => {
		expect(Object.keys(checkSignUp({ email: 'x', name: '', password: 'y' })).sort()).toEqual([
			'email',
			'name',
			'password'
		]);
	});
});

describe('signing up and signing in', () => {
	it(
		'keeps only a salted scrypt hash (N=2^17, r=8, p=1), never the password, one account an address',
		async () => {
			const db = await openDatabase(':memory:');
			const teacher = await signUp(
				db,
				{ email: '  Ana@School.org ', name: '  Ana Lopez ', password: PASSWORD },
				t0
			);
			expect(teacher).toMatchObject({ email: 'ana@school.org', name: 'Ana Lopez' });
			const hash = await storedHash(db, 'ana@school.org');
			const parts = hash.split('$');
			expect(parts).toHaveLength(6);
			const [kind, N, r, p, salt, key] = parts;
			expect([kind, N, r, p]).toEqual(['scrypt', '131072', '8', '1']);
			expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
			expect(Buffer.from(key!, 'base64')).toHaveLength(32);
			expect(hash).not.toContain(PASSWORD);
			expect(hash).not.toContain(Buffer.from(PASSWORD).toString('base64'));
			expect(hash).not.toContain(Buffer.from(PASSWORD).toString('hex'));

			// The same password for another teacher is stored differently (its own salt).
			await signUp(db, { email: 'ben@school.org', name: 'Ben', password: PASSWORD }, t0);
			const other = await storedHash(db, 'ben@school.org');
			expect(other.split('$')[4]).not.toBe(salt);
			expect(other.split('$')[5]).not.toBe(key);

			// A second account for the same address, however it is capitalised, is refused.
			expect(
				await signUp(
					db,
					{ email: ' ANA@School.Org', name: 'Someone else', password: 'another password' },
					t0
				)
			).toBeNull();
			const rows = await db.selectFrom('teachers').select(['id', 'name']).orderBy('name').execute();
			expect(rows).toEqual([
				{ id: teacher!.id, name: 'Ana Lopez' },
				{ id: expect.any(String), name: 'Ben' }
			]);
		},
		SLOW
	);

	it(
		'signs in with the right password (email in any case), not with a wrong one or an unknown email',
		async () => {
			const db = await openDatabase(':memory:');
			const teacher = (await signUp(
				db,
				{ email: 'ana@school.org', name: 'Ana', password: PASSWORD },
				t0
			))!;
			expect(
				await signIn(db, { email: ' Ana@SCHOOL.org ', password: PASSWORD }, '10.0.0.1', t0)
			).toEqual({ kind: 'ok', teacher });
			expect(
				await signIn(db, { email: 'ana@school.org', password: `${PASSWORD}!` }, '10.0.0.1', t0)
			).toEqual({ kind: 'wrong' });
			expect(
				await signIn(db, { email: 'nobody@school.org', password: PASSWORD }, '10.0.0.1', t0)
			).toEqual({ kind: 'wrong' });
		},
		SLOW
	);

	it(
		'rehashes a password stored with weaker parameters at the next sign-in',
		async () => {
			const db = await openDatabase(':memory:');
			const weak = await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
			await db
				.insertInto('teachers')
				.values({
					id: 'old',
					email: 'old@school.org',
					name: 'Old',
					password_hash: weak,
					created_at: t0.toISOString()
				})
				.execute();
			const result = await signIn(
				db,
				{ email: 'old@school.org', password: PASSWORD },
				'10.0.0.1',
				t0
			);
			expect(result.kind).toBe('ok');
			const now = await storedHash(db, 'old@school.org');
			expect(now).not.toBe(weak);
			expect(now).toMatch(/^scrypt\$131072\$8\$1\$/);
		},
		SLOW
	);
});

describe('sign-in rate limits', () => {
	it('uses the buckets the limits are documented with', () => {
		expect(BUCKETS['signin-account']).toEqual({ capacity: 10, refillPerSecond: 1 / 60 });
		expect(BUCKETS['signin-address']).toEqual({ capacity: 50, refillPerSecond: 1 / 10 });
	});

	it(
		'after a bucket of wrong passwords even the right one waits; successes spend nothing; every server agrees',
		async () => {
			const file = tempFile();
			const db = await openDatabase(file);
			const email = 'ana@school.org';
			await signUp(db, { email, name: 'Ana', password: PASSWORD }, t0);
			const capacity = BUCKETS['signin-account'].capacity;
			const right = { email, password: PASSWORD };
			const wrong = { email, password: 'not the password' };

			// One short of the bucket: wrong, wrong, …
			for (let i = 0; i < capacity - 1; i++) {
				expect(await signIn(db, wrong, '10.0.0.1', t0)).toEqual({ kind: 'wrong' });
			}
			// One token left. Signing in rightly twice: if a success spent a token, the second would
			// be refused.
			expect((await signIn(db, right, '10.0.0.1', t0)).kind).toBe('ok');
			expect((await signIn(db, right, '10.0.0.1', t0)).kind).toBe('ok');
			// The last wrong password empties the bucket.
			expect(await signIn(db, wrong, '10.0.0.1', t0)).toEqual({ kind: 'wrong' });

			// Now the right password is refused, from any address, with how long to wait.
			expect(await signIn(db, right, '10.0.0.1', t0)).toEqual({
				kind: 'limited',
				scope: 'signin-account',
				retryAfter: 60
			});
			expect(await signIn(db, right, '192.0.2.50', seconds(30))).toEqual({
				kind: 'limited',
				scope: 'signin-account',
				retryAfter: 30
			});

			// A second server with its own handle on the same database sees the same bucket.
			const second = await openDatabase(file);
			try {
				expect(await signIn(second, right, '10.0.0.1', t0)).toMatchObject({
					kind: 'limited',
					scope: 'signin-account'
				});
			} finally {
				await second.destroy();
			}

			// A minute later one more try is allowed, and the right password works.
			expect((await signIn(db, right, '10.0.0.1', seconds(60))).kind).toBe('ok');
			await db.destroy();
		},
		SLOW
	);

	it(
		'limits one address trying many accounts, and not other addresses',
		async () => {
			const db = await openDatabase(':memory:');
			const email = 'ana@school.org';
			await signUp(db, { email, name: 'Ana', password: PASSWORD }, t0);
			// The address's bucket emptied (as wrong passwords for 50 accounts would).
			for (let i = 0; i < BUCKETS['signin-address'].capacity; i++) {
				expect(await takeToken(db, 'signin-address', '203.0.113.9', t0)).toBeNull();
			}
			expect(await signIn(db, { email, password: PASSWORD }, '203.0.113.9', t0)).toEqual({
				kind: 'limited',
				scope: 'signin-address',
				retryAfter: 10
			});
			expect((await signIn(db, { email, password: PASSWORD }, '203.0.113.10', t0)).kind).toBe('ok');
		},
		SLOW
	);
});

describe('sessions', () => {
	it('stores only the SHA-256 of the token and finds the teacher by the token', async () => {
		const db = await openDatabase(':memory:');
		const teacher = await insertTeacher(db, 'ana', 'ana@school.org');
		const token = await createSession(db, teacher.id, t0);
		expect(token.length).toBeGreaterThanOrEqual(40);
		const rows = await db.selectFrom('sessions').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.token_hash).toBe(sha256Base64url(token));
		expect(JSON.stringify(rows)).not.toContain(token);
		expect(rows[0]!.teacher_id).toBe('ana');

		expect(await teacherForToken(db, token, t0)).toEqual(teacher);
		// The stored hash is no cookie: presenting it finds nobody.
		expect(await teacherForToken(db, rows[0]!.token_hash, t0)).toBeUndefined();
		expect(await teacherForToken(db, undefined, t0)).toBeUndefined();
		expect(await teacherForToken(db, '', t0)).toBeUndefined();
		expect(await teacherForToken(db, 'x'.repeat(101), t0)).toBeUndefined();
	});

	it('gives each sign-in its own token, for its own teacher', async () => {
		const db = await openDatabase(':memory:');
		const ana = await insertTeacher(db, 'ana', 'ana@school.org');
		const ben = await insertTeacher(db, 'ben', 'ben@school.org');
		const a1 = await createSession(db, ana.id, t0);
		const a2 = await createSession(db, ana.id, t0);
		const b = await createSession(db, ben.id, t0);
		expect(new Set([a1, a2, b]).size).toBe(3);
		expect(await teacherForToken(db, a2, t0)).toEqual(ana);
		expect(await teacherForToken(db, b, t0)).toEqual(ben);
	});

	it('ends a session on sign-out, and only that one', async () => {
		const db = await openDatabase(':memory:');
		const teacher = await insertTeacher(db, 'ana', 'ana@school.org');
		const laptop = await createSession(db, teacher.id, t0);
		const phone = await createSession(db, teacher.id, t0);
		await endSession(db, laptop);
		expect(await teacherForToken(db, laptop, t0)).toBeUndefined();
		expect(await teacherForToken(db, phone, t0)).toEqual(teacher);
		// Signing out without a cookie does nothing.
		await endSession(db, undefined);
		expect(await teacherForToken(db, phone, t0)).toEqual(teacher);
	});

	it('expires a session after 30 days', async () => {
		const db = await openDatabase(':memory:');
		const teacher = await insertTeacher(db, 'ana', 'ana@school.org');
		const token = await createSession(db, teacher.id, t0);
		expect(await teacherForToken(db, token, days(29))).toEqual(teacher);
		expect(await teacherForToken(db, token, new Date(days(30).getTime() - 1))).toEqual(teacher);
		expect(await teacherForToken(db, token, days(30))).toBeUndefined();
		expect(await teacherForToken(db, token, days(31))).toBeUndefined();
	});
});

describe('changing a password', () => {
	it(
		'needs the current password; then the new one signs in, the old one does not, and only this session stays',
		async () => {
			const db = await openDatabase(':memory:');
			const teacher = (await signUp(
				db,
				{ email: 'ana@school.org', name: 'Ana', password: PASSWORD },
				t0
			))!;
			const ben = await insertTeacher(db, 'ben', 'ben@school.org');
			const here = await createSession(db, teacher.id, t0);
			const elsewhere = await createSession(db, teacher.id, t0);
			const bens = await createSession(db, ben.id, t0);
			const before = await storedHash(db, 'ana@school.org');

			expect(
				await changePassword(db, teacher, 'not the password', 'a brand new passphrase', here)
			).toBe('wrong');
			// Nothing changed: same hash, both sessions live.
			expect(await storedHash(db, 'ana@school.org')).toBe(before);
			expect(await teacherForToken(db, elsewhere, t0)).toEqual(teacher);

			const next = 'a brand new passphrase';
			expect(await changePassword(db, teacher, PASSWORD, next, here)).toBe('changed');
			expect(await teacherForToken(db, here, t0)).toEqual(teacher);
			expect(await teacherForToken(db, elsewhere, t0)).toBeUndefined();
			// Another teacher's session is not theirs to end.
			expect(await teacherForToken(db, bens, t0)).toEqual(ben);
			expect(await storedHash(db, 'ana@school.org')).not.toContain(next);

			expect(await signIn(db, { email: 'ana@school.org', password: next }, '10.0.0.1', t0)).toEqual(
				{ kind: 'ok', teacher }
			);
			expect(
				await signIn(db, { email: 'ana@school.org', password: PASSWORD }, '10.0.0.1', t0)
			).toEqual({ kind: 'wrong' });
		},
		SLOW
	);
});
