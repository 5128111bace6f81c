/**
 * "Take it with you": a self-study learner's progress as one versioned JSON file, and that file
 * read back on another device.
 *
 * The file holds what the server holds: each practice session's event log (the score is what the
 * machine computes from it, so it is not written) and the learner's preferences. Review cards are
 * not in it: they are derived from the logs, so the device that reads the file derives them again.
 * A `reviewCards` field (or any other field this version does not know) is ignored on import.
 *
 * Reading is strict, because a file is the browser's to write: it is parsed with zod, each
 * session's log is replayed through the quiz machine, and any event the machine would not take
 * makes the whole file "damaged". Nothing is written until everything has been checked, and the
 * writing is one transaction.
 *
 * Only self-study attempts go out and come in: an assignment's attempts are a teacher's records,
 * never exported with a learner's practice and never touched by an import.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import { COMFORT_OPTIONS } from '$lib/comfort.ts';
import type { Module } from '$lib/content/schema.ts';
import { TRUTH_VALUES } from '$lib/content/terms.ts';
import type { QuizEvent } from '$lib/quiz/quizMachine.ts';
import { appendEvent, createAttempt } from './attempts.ts';
import type { Db, PracticeAttemptTable, Schema } from './db.ts';
import { forget } from './liveAttempts.ts';
import { startActor, step, type QuizConfig } from './practice.ts';
import type { Preferences } from './preferences.ts';
import { reviewConfig } from './review.ts';

export const PROGRESS_FORMAT = 'citewise-progress';
export const PROGRESS_VERSION = 1;
/** More sessions than a file may hold; a year of daily practice is far fewer. */
export const MAX_FILE_SESSIONS = 1000;
/**
 * The largest file read, whatever the server's own body limit (BODY_SIZE_LIMIT, which refuses a
 * larger request before the import sees it).
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** More steps than one session may have (a module of 100 questions, every hint and try, is fewer). */
const MAX_SESSION_EVENTS = 5000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const id = z.string().min(1).max(200);
const text = z.string().max(2000);

/** What each question type's answer looks like (the machine checks it against the question). */
const response = z.discriminatedUnion('type', [
	z.object({ type: z.literal('single-choice'), choice: id }),
	z.object({ type: z.literal('multiple-choice'), choices: z.array(id).max(100) }),
	z.object({ type: z.literal('true-false-not-stated'), answer: z.enum(TRUTH_VALUES) }),
	z.object({ type: z.literal('short-answer'), text }),
	z.object({ type: z.literal('ordering'), order: z.array(id).max(100) }),
	z.object({
		type: z.literal('matching'),
		matches: z.record(id, id).refine((m) => Object.keys(m).length <= 100, 'too many matches')
	}),
	z.object({ type: z.literal('evidence'), choice: id }),
	z.object({ type: z.literal('two-part'), partA: id, partB: id })
]);

/** The events of a practice session (an assessment's events never occur in self-study). */
const event = z.discriminatedUnion('type', [
	z.object({ type: z.literal('quiz.start') }),
	z.object({ type: z.literal('answer.submit'), response }),
	z.object({ type: z.literal('hint.request') }),
	z.object({ type: z.literal('answer.retry') }),
	z.object({ type: z.literal('answer.reveal') }),
	z.object({ type: z.literal('question.next') }),
	z.object({ type: z.literal('question.skip') })
]);

const attempt = z.object({
	id: z.string().regex(UUID, 'not an attempt id'),
	moduleSlug: id,
	seed: z.number().int().min(0).max(0xffffffff),
	number: z.number().int().min(0),
	createdAt: z.iso.datetime(),
	events: z
		.array(z.object({ seq: z.number().int().min(0), event, at: z.iso.datetime() }))
		.min(1)
		.max(MAX_SESSION_EVENTS),
	/** A review session (FSRS): the questions it asked, a subset of the module's. */
	review: z.object({ questionIds: z.array(id).min(1).max(1000) }).optional()
});

const fileSchema = z.object({
	format: z.literal(PROGRESS_FORMAT),
	version: z.literal(PROGRESS_VERSION),
	exportedAt: z.iso.datetime(),
	attempts: z.array(attempt).max(MAX_FILE_SESSIONS),
	preferences: z
		.object({
			comfort: z
				.object({
					text: z.enum(COMFORT_OPTIONS.text),
					spacing: z.enum(COMFORT_OPTIONS.spacing),
					theme: z.enum(COMFORT_OPTIONS.theme),
					motion: z.enum(COMFORT_OPTIONS.motion)
				})
				.optional(),
			reading: z.enum(['guided', 'whole']).optional()
		})
		.default({})
});

export type ProgressFile = z.infer<typeof fileSchema>;
export type ExportedAttempt = ProgressFile['attempts'][number];

// ---------------------------------------------------------------------------------------------
// Export

/** The learner's self-study attempts, oldest first, with their logs; and their preferences. */
export async function exportProgress(
	db: Db | null,
	learnerId: string | undefined,
	preferences: Preferences,
	now: Date
): Promise<ProgressFile> {
	const file = {
		format: PROGRESS_FORMAT,
		version: PROGRESS_VERSION,
		exportedAt: now.toISOString(),
		attempts: [],
		preferences
	} as const;
	if (!db || !learnerId) return { ...file, attempts: [] };
	const rows = await db
		.selectFrom('practice_attempts as a')
		.select(['a.id', 'a.module_slug', 'a.seed', 'a.attempt_number', 'a.created_at'])
		.where('a.learner_id', '=', learnerId)
		.where(selfStudy)
		.orderBy('a.created_at')
		.orderBy('a.attempt_number')
		.execute();
	const events = await db
		.selectFrom('attempt_events as e')
		.innerJoin('practice_attempts as a', 'a.id', 'e.attempt_id')
		.select(['e.attempt_id', 'e.seq', 'e.event', 'e.created_at'])
		.where('a.learner_id', '=', learnerId)
		.where(selfStudy)
		.orderBy('e.attempt_id')
		.orderBy('e.seq')
		.execute();
	const logs = new Map<string, ExportedAttempt['events']>();
	for (const e of events) {
		const log = logs.get(e.attempt_id) ?? [];
		// A practice log holds only the practice events the file's schema lists.
		const event = JSON.parse(e.event) as ExportedAttempt['events'][number]['event'];
		log.push({ seq: e.seq, event, at: e.created_at });
		logs.set(e.attempt_id, log);
	}
	const reviewed = new Map<string, string[]>();
	{
		const sessions = await db
			.selectFrom('review_sessions as r')
			.innerJoin('practice_attempts as a', 'a.id', 'r.attempt_id')
			.select(['r.attempt_id', 'r.question_ids'])
			.where('a.learner_id', '=', learnerId)
			.execute();
		for (const r of sessions) reviewed.set(r.attempt_id, JSON.parse(r.question_ids) as string[]);
	}
	return {
		...file,
		attempts: rows
			.filter((r) => logs.has(r.id))
			.map((r) => {
				const questionIds = reviewed.get(r.id);
				return {
					id: r.id,
					moduleSlug: r.module_slug,
					seed: r.seed,
					number: r.attempt_number,
					createdAt: r.created_at,
					events: logs.get(r.id)!,
					...(questionIds ? { review: { questionIds } } : {})
				};
			})
	};
}

type AttemptsAs = ExpressionBuilder<Schema & { a: PracticeAttemptTable }, 'a'>;

/** Attempts that are not an assignment's (in a query over `practice_attempts as a`). */
function selfStudy(eb: AttemptsAs) {
	return eb.not(
		eb.exists(
			eb
				.selectFrom('assignment_attempts as aa')
				.select('aa.attempt_id')
				.whereRef('aa.attempt_id', '=', 'a.id')
		)
	);
}

/** The file's name: `citewise-progress-YYYY-MM-DD.json`. */
export function exportFileName(now: Date): string {
	return `${PROGRESS_FORMAT}-${now.toISOString().slice(0, 10)}.json`;
}

// ---------------------------------------------------------------------------------------------
// Reading a file

export type FileProblem = 'not-citewise' | 'newer' | 'damaged';

export type Parsed =
	{ ok: true; file: ProgressFile } | { ok: false; problem: FileProblem; message: string };

const NOT_CITEWISE = 'This file is not a Citewise progress export. Nothing was imported.';

function damaged(where: string): Parsed {
	return {
		ok: false,
		problem: 'damaged',
		message: `This file is damaged: ${where}. Nothing was imported, and nothing here was changed.`
	};
}

/** Where in the file a zod issue is, in words: "session 2, step 5, field event.response". */
function placeOf(path: readonly PropertyKey[]): string {
	const parts: string[] = [];
	let rest = [...path];
	if (rest[0] === 'attempts' && typeof rest[1] === 'number') {
		parts.push(`session ${rest[1] + 1} in the file`);
		rest = rest.slice(2);
		if (rest[0] === 'events' && typeof rest[1] === 'number') {
			parts.push(`step ${rest[1] + 1}`);
			rest = rest.slice(2);
		}
	}
	if (rest.length) parts.push(`field “${rest.map(String).join('.')}”`);
	return parts.join(', ') || 'the file as a whole';
}

/**
 * A file's text as a progress file, with the modules it names: each session checked against its
 * module by replaying its log through the quiz machine. Says what is wrong otherwise.
 */
export async function readProgressFile(
	textIn: string,
	findModule: (slug: string) => Module | undefined
): Promise<Parsed> {
	let json: unknown;
	try {
		json = JSON.parse(textIn.replace(/^\uFEFF/, ''));
	} catch {
		return { ok: false, problem: 'not-citewise', message: NOT_CITEWISE };
	}
	if (typeof json !== 'object' || json === null || !('format' in json)) {
		return { ok: false, problem: 'not-citewise', message: NOT_CITEWISE };
	}
	if (json.format !== PROGRESS_FORMAT) {
		return { ok: false, problem: 'not-citewise', message: NOT_CITEWISE };
	}
	const version = 'version' in json ? json.version : undefined;
	if (typeof version === 'number' && Number.isInteger(version) && version > PROGRESS_VERSION) {
		return {
			ok: false,
			problem: 'newer',
			message: `This file comes from a newer version of Citewise (version ${version}); this one reads version ${PROGRESS_VERSION}. Nothing was imported. Update Citewise here, or export again from a Citewise that writes version ${PROGRESS_VERSION}.`
		};
	}
	const parsed = fileSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		return damaged(`${placeOf(issue.path)}: ${issue.message}`);
	}
	const file = parsed.data;
	const seen = new Set<string>();
	for (const [i, a] of file.attempts.entries()) {
		const where = `session ${i + 1} in the file`;
		if (seen.has(a.id)) return damaged(`${where} repeats an earlier session’s id`);
		seen.add(a.id);
		const module = findModule(a.moduleSlug);
		if (!module) {
			return damaged(`${where} is of a module this Citewise does not have (“${a.moduleSlug}”)`);
		}
		const problem = await replayProblem(module, a);
		if (problem) return damaged(`${where} (${module.title}), ${problem}`);
	}
	return { ok: true, file };
}

/** Why a session's log is not one the quiz machine would have written; null when it is. */
async function replayProblem(module: Module, a: ExportedAttempt): Promise<string | null> {
	for (const [i, e] of a.events.entries()) {
		if (e.seq !== i) return `step ${i + 1} is numbered ${e.seq + 1}: a step is missing or repeated`;
	}
	const known = new Set(module.questions.map((q) => q.id));
	const unknown = a.review?.questionIds.find((q) => !known.has(q));
	if (unknown) return `its review names a question the module does not have (“${unknown}”)`;
	const actor = startActor(module, a.seed, configOf(a));
	try {
		for (const [i, e] of a.events.entries()) {
			const took = await step(actor, e.event);
			const snapshot = actor.getSnapshot();
			if (!took || snapshot.hasTag('invalid') || snapshot.hasTag('error')) {
				return `step ${i + 1} (${e.event.type}) is not one the quiz could take there`;
			}
		}
	} finally {
		actor.stop();
	}
	return null;
}

/** What a session replays against: a review session asks only its questions. */
function configOf(a: ExportedAttempt): QuizConfig | undefined {
	return a.review ? reviewConfig(a.review.questionIds) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Import

export type ImportMode = 'merge' | 'replace';

export interface ImportResult {
	/** Sessions added here. */
	imported: number;
	/** Sessions already here, with the same log: skipped. */
	alreadyHere: number;
	/** Sessions already here under the same id with a different log: left as they are. */
	conflicts: { moduleSlug: string; number: number }[];
	/** Sessions deleted first (replace). */
	replaced: number;
}

/** JSON with its keys sorted, so two logs compare by content, not by how they were written. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

/**
 * Writes a checked file's sessions under `learnerId`, in one transaction.
 *
 * Merge: a session whose id this learner already has is skipped when its log is the same, and
 * reported as a conflict (and left as it is) when not; every other session is added, numbered
 * after the learner's own sessions at its module. A session whose id is someone else's (the same
 * file imported by a second browser of one server) is added under an id made from the learner's
 * and the session's, so importing that file again finds it already here. Replace: the learner's
 * self-study sessions are deleted first (an assignment's never are), then all are added.
 */
export async function importProgress(
	db: Db,
	learnerId: string,
	file: ProgressFile,
	mode: ImportMode,
	now = new Date()
): Promise<ImportResult> {
	const result: ImportResult = {
		imported: 0,
		alreadyHere: 0,
		conflicts: [],
		replaced: 0
	};
	const touched: string[] = [];
	await db.transaction().execute(async (trx) => {
		if (mode === 'replace') {
			const own = await trx
				.selectFrom('practice_attempts as a')
				.select('a.id')
				.where('a.learner_id', '=', learnerId)
				.where(selfStudy)
				.execute();
			const ids = own.map((r) => r.id);
			for (let i = 0; i < ids.length; i += 500) {
				const batch = ids.slice(i, i + 500);
				await trx.deleteFrom('review_sessions').where('attempt_id', 'in', batch).execute();
				await trx.deleteFrom('attempt_events').where('attempt_id', 'in', batch).execute();
				await trx.deleteFrom('practice_attempts').where('id', 'in', batch).execute();
			}
			result.replaced = ids.length;
			touched.push(...ids);
		}
		const sessions = [...file.attempts].sort(
			(a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number
		);
		for (const a of sessions) {
			// The file's id, or, where that is someone else's (the same file imported by a second
			// browser of this server), this learner's own id for it: the same every time, so importing
			// the file again finds the copy made the first time.
			let newId = a.id;
			let existing = await ownership(trx, a.id);
			if (existing && !(existing.learner_id === learnerId && existing.self_study)) {
				newId = copyId(learnerId, a.id);
				existing = await ownership(trx, newId);
				// Taken by someone else too (never, short of a hash collision): a fresh one.
				if (existing && !(existing.learner_id === learnerId && existing.self_study)) {
					newId = crypto.randomUUID();
					existing = undefined;
				}
			}
			if (existing) {
				const log = await trx
					.selectFrom('attempt_events')
					.select('event')
					.where('attempt_id', '=', newId)
					.orderBy('seq')
					.execute();
				const same =
					canonical(log.map((e) => JSON.parse(e.event) as unknown)) ===
					canonical(a.events.map((e) => e.event));
				if (same) result.alreadyHere++;
				else result.conflicts.push({ moduleSlug: a.moduleSlug, number: existing.attempt_number });
				continue;
			}
			await createAttempt(trx, {
				id: newId,
				learnerId,
				moduleSlug: a.moduleSlug,
				seed: a.seed,
				now: new Date(a.createdAt)
			});
			for (const e of a.events) {
				await appendEvent(trx, newId, e.seq, e.event as QuizEvent, new Date(e.at));
			}
			await trx
				.updateTable('practice_attempts')
				.set({ imported_at: now.toISOString() })
				.where('id', '=', newId)
				.execute();
			if (a.review) {
				await trx
					.insertInto('review_sessions')
					.values({
						attempt_id: newId,
						question_ids: JSON.stringify(a.review.questionIds),
						created_at: a.createdAt
					})
					.execute();
			}
			touched.push(newId);
			result.imported++;
		}
	});
	// Their logs changed under any machine kept warm: the next request replays them.
	for (const id of touched) forget(id);
	return result;
}

/** Whose an attempt id is, if anyone's, and whether it is self-study. */
function ownership(db: Db, attemptId: string) {
	return db
		.selectFrom('practice_attempts as a')
		.select((eb) => ['a.learner_id', 'a.attempt_number', selfStudy(eb).as('self_study')])
		.where('a.id', '=', attemptId)
		.executeTakeFirst();
}

/** The id of a learner's copy of someone else's attempt: a UUID made from the two ids. */
export function copyId(learnerId: string, attemptId: string): string {
	const h = createHash('sha256').update(`copy:${learnerId}:${attemptId}`).digest('hex');
	const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What an import did, in a sentence for the learner. */
export function importSummary(r: ImportResult, mode: ImportMode): string {
	const sessions = (n: number) => `${n} session${n === 1 ? '' : 's'}`;
	const parts = [`Imported ${sessions(r.imported)}`];
	if (mode === 'replace') {
		parts[0] += `, in place of the ${sessions(r.replaced)} that ${r.replaced === 1 ? 'was' : 'were'} here`;
	}
	if (r.alreadyHere)
		parts.push(`${r.alreadyHere} ${r.alreadyHere === 1 ? 'was' : 'were'} already here`);
	if (r.conflicts.length) {
		const n = r.conflicts.length;
		parts.push(
			n === 1
				? '1 differs from the copy already here, which was kept as it is'
				: `${n} differ from the copies already here, which were kept as they are`
		);
	}
	return `${parts.join('; ')}.`;
}
