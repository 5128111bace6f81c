/**
 * Teacher accounts and sessions.
 *
 * Passwords: scrypt, Node's own implementation (node:crypto, maintained with Node and OpenSSL), at
 * N = 2^17, r = 8, p = 1 (128 MiB and about 0.4 s a hash here), OWASP's recommended minimum for
 * scrypt, with a 16-byte random salt and a 32-byte key. The parameters are stored with each hash,
 * so they can be raised later and old hashes still verify (and are rehashed at the next sign-in).
 *
 * Sessions: a 32-byte random token in an httpOnly, SameSite=Lax cookie (Secure over https); the
 * database keeps only its SHA-256, so a leaked database cannot be replayed as cookies.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Db, TeacherTable } from './db.ts';
import { peekToken, takeToken, type Limited } from './rateLimit.ts';

export interface ScryptParams {
	N: number;
	r: number;
	p: number;
}

export const SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
	const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

export async function hashPassword(password: string, params = SCRYPT): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, params);
	return [
		'scrypt',
		params.N,
		params.r,
		params.p,
		salt.toString('base64'),
		key.toString('base64')
	].join('$');
}

/** Whether `password` matches `stored`, in constant time for the comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [kind, N, r, p, salt, key] = stored.split('$');
	if (kind !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64');
	const actual = await derive(password, Buffer.from(salt, 'base64'), {
		N: Number(N),
		r: Number(r),
		p: Number(p)
	});
	return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function paramsOf(stored: string): ScryptParams {
	const [, N, r, p] = stored.split('$');
	return { N: Number(N), r: Number(r), p: Number(p) };
}

export function sha256(text: string): string {
	return createHash('sha256').update(text).digest('base64url');
}

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

export type AccountProblem = Partial<Record<'email' | 'name' | 'password' | 'form', string>>;

export function normalEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** What is wrong with a sign-up form, field by field (empty when nothing is). */
export function checkSignUp(input: {
	email: string;
	name: string;
	password: string;
}): AccountProblem {
	const problems: AccountProblem = {};
	const email = normalEmail(input.email);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
		problems.email = 'Enter an email address like name@school.org.';
	}
	const name = input.name.trim();
	if (name.length < 1 || name.length > 80) problems.name = 'Enter your name (up to 80 characters).';
	problems.password = passwordProblem(input.password);
	if (!problems.password) delete problems.password;
	return problems;
}

export function passwordProblem(password: string): string | undefined {
	if (password.length < MIN_PASSWORD) {
		return `Use at least ${MIN_PASSWORD} characters; a few words you will remember work well.`;
	}
	if (password.length > MAX_PASSWORD) return `Use at most ${MAX_PASSWORD} characters.`;
	return undefined;
}

export type Teacher = Pick<TeacherTable, 'id' | 'email' | 'name'>;

/** Creates an account; null if the email address already has one. */
export async function signUp(
	db: Db,
	input: { email: string; name: string; password: string },
	now: Date
): Promise<Teacher | null> {
	const teacher = {
		id: crypto.randomUUID(),
		email: normalEmail(input.email),
		name: input.name.trim()
	};
	const password_hash = await hashPassword(input.password);
	const result = await db
		.insertInto('teachers')
		.values({ ...teacher, password_hash, created_at: now.toISOString() })
		.onConflict((oc) => oc.column('email').doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? teacher : null;
}

export type SignIn =
	{ kind: 'ok'; teacher: Teacher } | { kind: 'wrong' } | ({ kind: 'limited' } & Limited);

/**
 * Checks an email and password. Limited per account (a guessed password for one teacher) and per
 * address (one address trying many accounts); only failures spend the buckets, so a class of
 * teachers signing in from one school address is not held up, and the state is in the database so
 * every app server agrees. An unknown email costs the same hashing time as a known one.
 */
export async function signIn(
	db: Db,
	input: { email: string; password: string },
	address: string,
	now: Date
): Promise<SignIn> {
	const email = normalEmail(input.email);
	const limited =
		(await peekToken(db, 'signin-account', email, now)) ??
		(await peekToken(db, 'signin-address', address, now));
	if (limited) return { kind: 'limited', ...limited };
	const row = await db
		.selectFrom('teachers')
		.select(['id', 'email', 'name', 'password_hash'])
		.where('email', '=', email)
		.executeTakeFirst();
	const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
	if (!row || !ok) {
		await takeToken(db, 'signin-account', email, now);
		await takeToken(db, 'signin-address', address, now);
		return { kind: 'wrong' };
	}
	const current = paramsOf(row.password_hash);
	if (current.N !== SCRYPT.N || current.r !== SCRYPT.r || current.p !== SCRYPT.p) {
		await db
			.updateTable('teachers')
			.set({ password_hash: await hashPassword(input.password) })
			.where('id', '=', row.id)
			.execute();
	}
	return { kind: 'ok', teacher: { id: row.id, email: row.email, name: row.name } };
}

/** A hash of nothing anyone knows, to spend the same time on an unknown email. */
const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(SALT_BYTES).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;

export const SESSION_COOKIE = 'cw_session';
const SESSION_DAYS = 30;

export async function createSession(db: Db, teacherId: string, now: Date): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db
		.insertInto('sessions')
		.values({
			token_hash: sha256(token),
			teacher_id: teacherId,
			created_at: now.toISOString(),
			expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString()
		})
		.execute();
	return token;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: SESSION_DAYS * 86_400
	});
}

/** The teacher a session cookie belongs to, if it is a live session. */
export async function teacherForToken(
	db: Db,
	token: string | undefined,
	now: Date
): Promise<Teacher | undefined> {
	if (!token || token.length > 100) return undefined;
	return db
		.selectFrom('sessions as s')
		.innerJoin('teachers as t', 't.id', 's.teacher_id')
		.select(['t.id', 't.email', 't.name'])
		.where('s.token_hash', '=', sha256(token))
		.where('s.expires_at', '>', now.toISOString())
		.executeTakeFirst();
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
	if (token) await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

/**
 * Changes a password after checking the current one; every other session of the account ends (a
 * teacher changing a password because it leaked wants the other sessions out).
 */
export async function changePassword(
	db: Db,
	teacher: Teacher,
	current: string,
	next: string,
	keepToken: string
): Promise<'changed' | 'wrong'> {
	const row = await db
		.selectFrom('teachers')
		.select('password_hash')
		.where('id', '=', teacher.id)
		.executeTakeFirstOrThrow();
	if (!(await verifyPassword(current, row.password_hash))) return 'wrong';
	const password_hash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('teachers').set({ password_hash }).where('id', '=', teacher.id).execute();
		await trx
			.deleteFrom('sessions')
			.where('teacher_id', '=', teacher.id)
			.where('token_hash', '!=', sha256(keepToken))
			.execute();
	});
	return 'changed';
}
