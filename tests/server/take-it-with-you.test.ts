/**
 * "Take it with you": a self-study learner's resume code, and their progress exported as one
 * versioned JSON file and imported on another device. The routes are called as SvelteKit would
 * call them, each "browser" with its own cookie jar and address, against one in-memory database.
 */
import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from './fakeBrowser.ts';
import { current, type QuizEvent } from '../../src/lib/quiz/quizMachine.ts';
import {
	createAssignment,
	createClass,
	joinAssignment,
	startAssignmentAttempt
} from '../../src/lib/server/assignments.ts';
import { startAttempt } from '../../src/lib/server/attempts.ts';
import { forgetAttempts, liveAttempt, recordEvent } from '../../src/lib/server/liveAttempts.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { learnerProgress } from '../../src/lib/server/progress.ts';
import {
	exportProgress,
	importProgress,
	readProgressFile,
	type ProgressFile
} from '../../src/lib/server/progressFile.ts';
import { correctResponse, wrongResponse } from '../quiz/fixtures.ts';

process.env.DATABASE_PATH = ':memory:';
const { database } = await import('../../src/lib/server/db.ts');
const progressPage = await import('../../src/routes/progress/+page.server.ts');
const resumePage = await import('../../src/routes/resume/+page.server.ts');
const exportRoute = await import('../../src/routes/progress/export/+server.ts');

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const paragraphs = module.article.paragraphs;
const db = await database();

/** A browser: a cookie jar and an address of its own (wrong codes are limited per address). */
function browser() {
	const b = fakeBrowser(9);
	const { jar, event } = b;
	const call = (work: () => Promise<unknown>) => b.act(work, event('/'));
	return {
		jar,
		get learner() {
			return jar.get('cw_learner');
		},
		post(page: 'progress' | 'resume', action: string, body: FormData | Record<string, string>) {
			const form = body instanceof FormData ? body : new FormData();
			if (!(body instanceof FormData)) for (const [k, v] of Object.entries(body)) form.set(k, v);
			const actions = (page === 'progress'
				? progressPage.actions
				: resumePage.actions) as unknown as Record<string, (e: RequestEvent) => Promise<unknown>>;
			return call(() =>
				actions[action]!(event(`/${page}?/${action}`, { method: 'POST', body: form }))
			);
		},
		async progress() {
			return (await (progressPage.load as (e: RequestEvent) => Promise<unknown>)(
				event('/progress')
			)) as {
				status: string | null;
				resume: { code: string | null; madeAt: string | null };
			};
		},
		async download(): Promise<{ response: Response; text: string }> {
			const response = await (exportRoute.GET as (e: RequestEvent) => Promise<Response>)(
				event('/progress/export')
			);
			return { response, text: await response.text() };
		},
		importFile(text: string, mode: 'merge' | 'replace' = 'merge', confirm = false) {
			const form = new FormData();
			form.set('file', new File([text], 'citewise-progress.json', { type: 'application/json' }));
			form.set('mode', mode);
			if (confirm) form.set('confirm', 'yes');
			return this.post('progress', 'import', form);
		}
	};
}

type Browser = ReturnType<typeof browser>;

/** What a refused action tells the learner. */
function problemOf(result: unknown, field = 'importProblem'): string | undefined {
	return isActionFailure(result)
		? (result.data as unknown as Record<string, string>)[field]
		: undefined;
}

function statusOf(result: unknown): number | 'redirect' | 'ok' {
	if (isActionFailure(result)) return result.status;
	if (isRedirect(result)) return 'redirect';
	return 'ok';
}

type Step = 'right' | 'wrong' | 'retry' | 'reveal' | 'next';

/** Plays steps at the learner's latest attempt, a minute apart. */
async function play(learner: string, steps: Step[], from = new Date('2026-11-01T09:00:00Z')) {
	let at = from;
	for (const s of steps) {
		at = new Date(at.getTime() + 60_000);
		const attempt = (await liveAttempt(db, learner, module))!;
		const question = module.questions.find(
			(q) => q.id === current(attempt.state.snapshot.context).id
		)!;
		const event: QuizEvent =
			s === 'right'
				? { type: 'answer.submit', response: correctResponse(question, paragraphs) }
				: s === 'wrong'
					? { type: 'answer.submit', response: wrongResponse(question, paragraphs) }
					: s === 'retry'
						? { type: 'answer.retry' }
						: s === 'reveal'
							? { type: 'answer.reveal' }
							: { type: 'question.next' };
		expect((await recordEvent(db, module, attempt, event, at)).kind, s).toBe('recorded');
	}
}

/** A browser whose learner practised two sessions (one finished question, then a second try). */
async function practised(): Promise<Browser> {
	const b = browser();
	const id = crypto.randomUUID();
	b.jar.set('cw_learner', id);
	b.jar.set('comfort', 'text=larger&theme=dark');
	b.jar.set('cw_reading', 'whole');
	await startAttempt(db, {
		learnerId: id,
		moduleSlug: module.slug,
		seed: 7,
		now: new Date('2026-11-01T09:00:00Z')
	});
	await play(id, ['wrong', 'retry', 'right', 'next', 'wrong', 'retry', 'wrong', 'reveal', 'next']);
	await startAttempt(db, {
		learnerId: id,
		moduleSlug: module.slug,
		seed: 8,
		now: new Date('2026-11-02T09:00:00Z')
	});
	await play(id, ['right', 'next', 'wrong'], new Date('2026-11-02T09:00:00Z'));
	return b;
}

/** The scores "Your progress" shows, session by session. */
async function scores(learner: string) {
	const { sessions } = await learnerProgress(db, learner, findModule);
	return sessions.map((s) => ({
		number: s.number,
		score: s.score,
		answered: s.answered,
		finished: s.finished,
		lessons: s.lessons,
		skills: s.skills
	}));
}

async function attemptCount(learner?: string): Promise<number> {
	let q = db.selectFrom('practice_attempts').select((eb) => eb.fn.countAll().as('n'));
	if (learner) q = q.where('learner_id', '=', learner);
	return Number((await q.executeTakeFirstOrThrow()).n);
}

async function eventCount(): Promise<number> {
	const row = await db
		.selectFrom('attempt_events')
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

beforeEach(() => forgetAttempts());

describe('export', () => {
	it('downloads this learner’s sessions and preferences as a dated, private attachment', async () => {
		const a = await practised();
		const { response, text } = await a.download();
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="citewise-progress-\d{4}-\d{2}-\d{2}\.json"$/
		);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		const file = JSON.parse(text) as ProgressFile;
		expect(file.format).toBe('citewise-progress');
		expect(file.version).toBe(1);
		expect(file.attempts.map((x) => [x.moduleSlug, x.seed, x.number])).toEqual([
			[module.slug, 7, 1],
			[module.slug, 8, 2]
		]);
		expect(file.attempts[0]!.events[0]).toEqual({
			seq: 0,
			event: { type: 'quiz.start' },
			at: '2026-11-01T09:00:00.000Z'
		});
		expect(file.preferences).toEqual({
			comfort: { text: 'larger', spacing: 'normal', theme: 'dark', motion: 'system' },
			reading: 'whole'
		});
	});

	it('gives a browser with no practice a file with no sessions', async () => {
		const file = JSON.parse((await browser().download()).text) as ProgressFile;
		expect(file.attempts).toEqual([]);
	});
});

describe('import', () => {
	it('round-trips into a fresh browser: same sessions, same scores, a learner made for it', async () => {
		const a = await practised();
		const { text } = await a.download();
		const b = browser();
		expect(b.learner).toBeUndefined();
		const result = await b.importFile(text);
		expect(statusOf(result)).toBe('redirect');
		expect(b.learner).toBeDefined();
		expect(b.learner).not.toBe(a.learner);
		expect(await scores(b.learner!)).toEqual(await scores(a.learner!));
		expect((await scores(b.learner!)).length).toBe(2);
		expect((await b.progress()).status).toBe('Imported 2 sessions.');
		// Merge keeps this browser's preferences (it had none).
		expect(b.jar.get('comfort')).toBeUndefined();
		// Their events keep their (old) times; the import is what retention counts as a touch.
		const stamps = await db
			.selectFrom('practice_attempts')
			.select('imported_at')
			.where('learner_id', '=', b.learner!)
			.execute();
		expect(stamps.every((r) => r.imported_at !== null)).toBe(true);
		// The copies are b's own: a's sessions are untouched.
		expect(await attemptCount(a.learner)).toBe(2);
		// The same file again: b's copies are found, not copied twice.
		await b.importFile(text);
		expect((await b.progress()).status).toBe('Imported 0 sessions; 2 were already here.');
		expect(await attemptCount(b.learner)).toBe(2);
	});

	it('merge skips sessions already here and reports a different log under the same id', async () => {
		const a = await practised();
		const before = (await a.download()).text;
		// Imported again as it is: both already here.
		await a.importFile(before);
		expect((await a.progress()).status).toBe('Imported 0 sessions; 2 were already here.');
		// The second session moves on after the export: its log here now differs from the file's.
		await play(a.learner!, ['retry'], new Date('2026-11-02T10:00:00Z'));
		const scoresHere = await scores(a.learner!);
		await a.importFile(before);
		expect((await a.progress()).status).toBe(
			'Imported 0 sessions; 1 was already here; 1 differs from the copy already here, which was kept as it is.'
		);
		expect(await scores(a.learner!)).toEqual(scoresHere);
	});

	it('merge adds new sessions after the ones here, numbered on', async () => {
		const a = await practised();
		const file = (await a.download()).text;
		const b = await practised();
		await b.importFile(file);
		const numbers = (await learnerProgress(db, b.learner!, findModule)).sessions.map(
			(s) => s.number
		);
		expect(numbers.toSorted()).toEqual([1, 2, 3, 4]);
	});

	it('replace asks for confirmation, then swaps sessions and preferences, never an assignment’s', async () => {
		const a = await practised();
		const file = (await a.download()).text;
		const b = await practised();
		b.jar.delete('comfort');
		b.jar.delete('cw_reading');
		// An assignment attempt that (by whatever history) carries b's learner id.
		const assignmentAttempt = await assignmentAttemptFor(b.learner!);
		const bScoresBefore = await scores(b.learner!);

		const refused = await b.importFile(file, 'replace');
		expect(statusOf(refused)).toBe(400);
		expect(problemOf(refused)).toMatch(/tick the box/);
		expect(await scores(b.learner!)).toEqual(bScoresBefore);

		await b.importFile(file, 'replace', true);
		expect((await b.progress()).status).toBe(
			'Imported 2 sessions, in place of the 2 sessions that were here.'
		);
		const logs = (f: ProgressFile) => f.attempts.map((x) => [x.seed, x.events]);
		const bFile = JSON.parse((await b.download()).text) as ProgressFile;
		expect(logs(bFile)).toEqual(logs(JSON.parse(file) as ProgressFile));
		expect(b.jar.get('comfort')).toBe('text=larger&theme=dark');
		expect(b.jar.get('cw_reading')).toBe('whole');
		const kept = await db
			.selectFrom('attempt_events')
			.select('seq')
			.where('attempt_id', '=', assignmentAttempt)
			.execute();
		expect(kept.length).toBe(1);
		// Nor is it exported as self-study.
		expect(bFile.attempts.map((x) => x.id)).not.toContain(assignmentAttempt);
	});

	describe('refuses a bad file, saying why, and writes nothing', () => {
		async function refusedWith(text: string): Promise<string> {
			const b = browser();
			const attempts = await attemptCount();
			const events = await eventCount();
			const result = await b.importFile(text);
			expect(statusOf(result)).toBe(400);
			expect(await attemptCount()).toBe(attempts);
			expect(await eventCount()).toBe(events);
			expect(b.learner).toBeUndefined();
			return problemOf(result)!;
		}

		async function goodFile(): Promise<ProgressFile> {
			const a = await practised();
			return JSON.parse((await a.download()).text) as ProgressFile;
		}

		it('not JSON', async () => {
			expect(await refusedWith('<html>not json</html>')).toBe(
				'This file is not a Citewise progress export. Nothing was imported.'
			);
		});

		it('JSON, but not a Citewise export', async () => {
			expect(await refusedWith('{"name":"a spreadsheet","rows":[]}')).toBe(
				'This file is not a Citewise progress export. Nothing was imported.'
			);
			expect(await refusedWith('[1,2,3]')).toMatch(/not a Citewise progress export/);
			expect(await refusedWith('{"format":"something-else","version":1}')).toMatch(
				/not a Citewise progress export/
			);
		});

		it('from a newer version', async () => {
			const file = { ...(await goodFile()), version: 2, attempts: 'whatever v2 holds' };
			expect(await refusedWith(JSON.stringify(file))).toBe(
				'This file comes from a newer version of Citewise (version 2); this one reads version 1. Nothing was imported. Update Citewise here, or export again from a Citewise that writes version 1.'
			);
		});

		it('damaged: a field the format does not allow, named with its session and step', async () => {
			const file = await goodFile();
			(file.attempts[1]!.events[2]!.event as { type: string }).type = 'answer.guess';
			const message = await refusedWith(JSON.stringify(file));
			expect(message).toMatch(
				/^This file is damaged: session 2 in the file, step 3, field “event.type”/
			);
			expect(message).toMatch(/Nothing was imported, and nothing here was changed\.$/);

			const cut = JSON.stringify(await goodFile()).slice(0, -40);
			expect(await refusedWith(cut)).toMatch(/not a Citewise progress export/);

			const noSeed = (await goodFile()) as unknown as { attempts: Record<string, unknown>[] };
			delete noSeed.attempts[0]!.seed;
			expect(await refusedWith(JSON.stringify(noSeed))).toMatch(
				/^This file is damaged: session 1 in the file, field “seed”/
			);
		});

		it('damaged: events the quiz machine refuses on replay', async () => {
			const file = await goodFile();
			// A retry straight after the start: there is no answer to retry.
			file.attempts[0]!.events.splice(1, 0, {
				seq: 1,
				event: { type: 'answer.retry' },
				at: file.attempts[0]!.events[1]!.at
			});
			file.attempts[0]!.events.forEach((e, i) => (e.seq = i));
			expect(await refusedWith(JSON.stringify(file))).toMatch(
				/^This file is damaged: session 1 in the file \(Fleeing Kazakhs and Puff Pieces\), step 2 \(answer.retry\) is not one the quiz could take there\./
			);

			const invalid = await goodFile();
			invalid.attempts[1]!.events[1]!.event = {
				type: 'answer.submit',
				response: { type: 'ordering', order: [] }
			};
			expect(await refusedWith(JSON.stringify(invalid))).toMatch(
				/session 2 in the file .*step 2 \(answer.submit\) is not one the quiz could take there/
			);
		});

		it('damaged: a step missing from a log', async () => {
			const file = await goodFile();
			file.attempts[0]!.events.splice(3, 1);
			expect(await refusedWith(JSON.stringify(file))).toMatch(
				/session 1 in the file .*step 4 is numbered 5: a step is missing or repeated/
			);
		});

		it('damaged: a module this Citewise does not have', async () => {
			const file = await goodFile();
			file.attempts[1]!.moduleSlug = 'a-module-from-elsewhere';
			expect(await refusedWith(JSON.stringify(file))).toBe(
				'This file is damaged: session 2 in the file is of a module this Citewise does not have (“a-module-from-elsewhere”). Nothing was imported, and nothing here was changed.'
			);
		});

		it('a file that is no file, or too large to be a progress file', async () => {
			const b = browser();
			const none = await b.post('progress', 'import', { mode: 'merge' });
			expect(problemOf(none)).toBe('Choose the progress file to import. Nothing was imported.');
			const huge = await b.importFile(' '.repeat(5 * 1024 * 1024 + 1));
			expect(statusOf(huge)).toBe(413);
			expect(problemOf(huge)).toMatch(/larger than 5 MB/);
		});
	});

	it('exports and imports a review session with the questions it asks', async () => {
		const { openDatabase } = await import('../../src/lib/server/db.ts');
		const own = await openDatabase(':memory:');
		const questionIds = [module.questions[3]!.id, module.questions[5]!.id];
		const review = {
			format: 'citewise-progress',
			version: 1,
			exportedAt: '2026-11-03T09:00:00.000Z',
			attempts: [
				{
					id: crypto.randomUUID(),
					moduleSlug: module.slug,
					seed: 1,
					number: 1,
					createdAt: '2026-11-03T09:00:00.000Z',
					events: [{ seq: 0, event: { type: 'quiz.start' }, at: '2026-11-03T09:00:00.000Z' }],
					review: { questionIds }
				}
			],
			preferences: {}
		};
		const parsed = await readProgressFile(JSON.stringify(review), findModule);
		expect(parsed.ok).toBe(true);
		const learner = crypto.randomUUID();
		if (parsed.ok) await importProgress(own, learner, parsed.file, 'merge');
		const back = await exportProgress(own, learner, {}, new Date());
		expect(back.attempts[0]!.review).toEqual({ questionIds });
		// Imported in a browser, it is that learner's review, listed as one on their progress page.
		const elsewhere = browser();
		await elsewhere.importFile(JSON.stringify(review));
		expect((await elsewhere.progress()).status).toBe('Imported 1 session.');
	});
});

/** An assignment attempt whose practice row has `learner`'s id, with its start event. */
async function assignmentAttemptFor(learner: string): Promise<string> {
	const now = new Date();
	const teacher = crypto.randomUUID();
	await db
		.insertInto('teachers')
		.values({
			id: teacher,
			email: `${teacher}@x.org`,
			name: 'T',
			password_hash: 'x',
			created_at: now.toISOString()
		})
		.execute();
	const klass = await createClass(db, teacher, 'Period 3', now);
	const assignment = (await createAssignment(
		db,
		teacher,
		klass.id,
		module,
		{
			lessons: module.lessons.map((l) => l.id),
			mode: 'practice',
			maxAttempts: 0,
			opensAt: null,
			dueAt: null,
			timeLimitMinutes: null,
			shuffleQuestions: false,
			shuffleChoices: false,
			reveal: 'each-question'
		},
		now
	))!;
	const { student } = await joinAssignment(db, assignment.id, 'Sam', now);
	const attempt = (await startAssignmentAttempt(db, assignment, module, student, now))!;
	await db
		.updateTable('practice_attempts')
		.set({ learner_id: learner })
		.where('id', '=', attempt.row.id)
		.execute();
	return attempt.row.id;
}

describe('resume code', () => {
	it('is made on first asking, shown once, and continues the same practice in another browser', async () => {
		const a = await practised();
		expect((await a.progress()).resume).toEqual({ code: null, madeAt: null });
		expect(statusOf(await a.post('progress', 'code', {}))).toBe('redirect');
		const shown = (await a.progress()).resume;
		expect(shown.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
		expect(shown.madeAt).not.toBeNull();
		// Shown once: the next load has only when it was made.
		expect((await a.progress()).resume.code).toBeNull();
		// Asking again without "new" makes no other code.
		await a.post('progress', 'code', {});
		expect((await a.progress()).resume.code).toBeNull();

		const b = browser();
		const typed = shown.code!.toLowerCase().replace('-', ' ');
		expect(statusOf(await b.post('resume', 'continue', { code: typed }))).toBe('redirect');
		expect(b.learner).toBe(a.learner);
		expect((await b.progress()).status).toBe(
			'This browser now continues your practice from the other device.'
		);
		expect(await scores(b.learner!)).toEqual(await scores(a.learner!));
	});

	it('a new code replaces the old one', async () => {
		const a = await practised();
		await a.post('progress', 'code', {});
		const old = (await a.progress()).resume.code!;
		await a.post('progress', 'code', { new: 'yes' });
		const fresh = (await a.progress()).resume.code!;
		expect(fresh).not.toBe(old);
		const b = browser();
		const refused = await b.post('resume', 'continue', { code: old });
		expect(statusOf(refused)).toBe(400);
		expect(b.learner).toBeUndefined();
		await b.post('resume', 'continue', { code: fresh });
		expect(b.learner).toBe(a.learner);
	});

	it('asks before leaving this browser’s own practice behind', async () => {
		const a = await practised();
		await a.post('progress', 'code', {});
		const code = (await a.progress()).resume.code!;
		const b = await practised();
		const own = b.learner;
		const asked = await b.post('resume', 'continue', { code });
		expect(statusOf(asked)).toBe(409);
		expect(isActionFailure(asked) && asked.data).toMatchObject({ leaveBehind: true, code });
		expect(b.learner).toBe(own);
		await b.post('resume', 'continue', { code, leave: 'yes' });
		expect(b.learner).toBe(a.learner);
		// Left behind, not deleted.
		expect(await attemptCount(own)).toBe(2);
	});

	it('a wrong code is refused, and wrong codes from one address are limited', async () => {
		const a = await practised();
		await a.post('progress', 'code', {});
		const right = (await a.progress()).resume.code!;
		const b = browser();
		const wrong = await b.post('resume', 'continue', { code: 'ABCDE-23456' });
		expect(statusOf(wrong)).toBe(400);
		expect(problemOf(wrong, 'codeProblem')).toMatch(
			/^That code does not match any practice here\..*Nothing was changed\.$/
		);
		expect(problemOf(await b.post('resume', 'continue', { code: 'hello' }), 'codeProblem')).toMatch(
			/does not match/
		);
		// 60 wrong codes from one address (two above), then even a right one waits.
		for (let i = 0; i < 58; i++) await b.post('resume', 'continue', { code: 'ZZZZZ-ZZZZ9' });
		const limited = await b.post('resume', 'continue', { code: right });
		expect(statusOf(limited)).toBe(429);
		expect(problemOf(limited, 'codeProblem')).toMatch(/Too many wrong codes .* Wait \d+ seconds/);
		expect(b.learner).toBeUndefined();
	});

	it('is not made for a browser with no practice', async () => {
		const result = await browser().post('progress', 'code', {});
		expect(statusOf(result)).toBe(409);
	});
});
