/**
 * The browser's practice engine against a stand-in server: it shows a step at once, sends the
 * steps in order, keeps them while the network is down and sends each once when it is back, and
 * when the server's record differs it says so and shows the server's. (jsdom has no IndexedDB, so
 * here the engine keeps waiting steps in the tab, as it does in a browser that refuses storage.)
 */
import { describe, expect, it, vi } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { LocalPractice, DISAGREED, mergePending } from '../../src/lib/practice/local.svelte.ts';
import type { StoredPractice } from '../../src/lib/practice/store.ts';
import { fakeEventsServer } from './fakeEvents.ts';
import type { QuizEvent } from '../../src/lib/quiz/quizMachine.ts';

const root = process.cwd() + '/';
const module = loadModuleDir(`${root}questions/fleeing-kazakhs-and-puff-pieces`, root).module!;
const first = module.questions[0]!;
if (first.type !== 'true-false-not-stated') throw new Error(`unexpected ${first.type}`);
const wrongAnswer = (['true', 'false', 'not-stated'] as const).find((v) => v !== first.answer)!;

/** A server with one attempt, grading with `grading` (the module's questions unless told). */
function fakeServer(grading = module.questions) {
	return fakeEventsServer({
		module,
		events: '/events',
		attemptKey: 'attempt-1',
		seed: 3,
		grading
	});
}

async function engineOn(server: ReturnType<typeof fakeServer>, locks?: FakeLocks) {
	const local = new LocalPractice({
		slug: module.slug,
		paragraphs: module.article.paragraphs,
		reading: 'guided',
		fetch: server.fetch,
		...(locks ? { locks } : {})
	});
	await local.start();
	return local;
}

const answer = (choice: string) => ({
	action: 'answer' as const,
	question: first.id,
	raw: { choice: [choice] }
});

/**
 * Web Locks as a browser's tabs share them, for `request(name, { steal: true }, callback)`: the
 * newest request gets the lock, and the holder's request fails with an AbortError.
 */
type FakeLocks = Pick<LockManager, 'request'>;
function fakeLocks(): FakeLocks {
	const held = new Map<string, (error: Error) => void>();
	return {
		request: ((name: string, _options: LockOptions, callback: LockGrantedCallback<unknown>) =>
			new Promise<unknown>((resolve, reject) => {
				held.get(name)?.(new DOMException('The lock was taken by another tab.', 'AbortError'));
				held.set(name, reject);
				void Promise.resolve(callback({ name, mode: 'exclusive' } as Lock)).then((value) => {
					if (held.get(name) === reject) held.delete(name);
					resolve(value);
				});
			})) as LockManager['request']
	};
}

/** Waits for what the engine does in the background (sending), with room for a busy machine. */
function until(check: () => boolean) {
	return vi.waitFor(() => expect(check()).toBe(true), { timeout: 10_000, interval: 5 });
}

describe('the browser’s practice engine', () => {
	it('shows the feedback as soon as the step is taken, then sends it once', async () => {
		const server = fakeServer();
		const local = await engineOn(server);
		expect(local.state?.view.status).toBe('answering');
		const taken = local.take(answer(first.answer));
		// Nothing has reached the server yet when the page already shows the feedback.
		await taken;
		expect(local.state?.view).toMatchObject({ status: 'feedback', outcome: 'correct' });
		await until(() => local.waiting === 0);
		expect(server.events.map((e) => e.type)).toEqual(['quiz.start', 'answer.submit']);
		expect(server.posts).toBe(1);
		expect(local.disagreement).toBeNull();
		local.stop();
	});

	it('keeps and sends a step at once when the page is left before the frame after its feedback', async () => {
		const server = fakeServer();
		const local = await engineOn(server);
		// No frame and no timer runs from here on: only leaving the page can start the bookkeeping.
		vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
		try {
			await local.take(answer(first.answer));
			await new Promise((resolve) => setImmediate(resolve));
			expect(server.posts, 'waits for the frame after the feedback').toBe(0);
			dispatchEvent(new Event('pagehide'));
			// (vi.waitFor would run the fake timers; waiting on the event loop does not.)
			for (let i = 0; i < 1000 && server.posts === 0; i++) {
				await new Promise((resolve) => setImmediate(resolve));
			}
			expect(server.posts).toBe(1);
			expect(server.events.map((e) => e.type)).toEqual(['quiz.start', 'answer.submit']);
		} finally {
			vi.useRealTimers();
			local.stop();
		}
	});

	it('refuses an empty answer itself, with the server’s words, and sends nothing', async () => {
		const server = fakeServer();
		const local = await engineOn(server);
		expect(await local.take({ action: 'answer', question: first.id, raw: {} })).toBe('refused');
		expect(local.failure?.message).toBe('Choose or type an answer first. Nothing was counted.');
		expect(server.posts).toBe(0);
		local.stop();
	});

	it('keeps steps taken offline and sends each, in order, once the network is back', async () => {
		const server = fakeServer();
		const local = await engineOn(server);
		server.online = false;
		await local.take(answer(wrongAnswer));
		await until(() => local.offline);
		await local.take({ action: 'retry' });
		await local.take(answer(first.answer));
		expect(local.waiting).toBe(3);
		expect(local.state?.view).toMatchObject({ status: 'feedback', outcome: 'correct' });
		server.online = true;
		window.dispatchEvent(new Event('online'));
		await until(() => local.waiting === 0);
		expect(local.offline).toBe(false);
		expect(server.events.map((e) => e.type)).toEqual([
			'quiz.start',
			'answer.submit',
			'answer.retry',
			'answer.submit'
		]);
		expect(server.posts).toBe(3);
		local.stop();
	});

	it('hands the quiz over to a newer tab: the older one stops keeping and sending, and says so', async () => {
		const server = fakeServer();
		const locks = fakeLocks();
		const older = await engineOn(server, locks);
		server.online = false;
		await older.take(answer(wrongAnswer));
		await until(() => older.offline);
		expect(older.waiting).toBe(1);

		// The same quiz opened in another tab of this browser, once the network is back, takes it
		// over before the older tab's next try at sending.
		server.online = true;
		const newer = await engineOn(server, locks);
		await until(() => older.elsewhere);
		expect(newer.elsewhere).toBe(false);
		// The older tab's steps now go to the server as form posts: its engine takes none.
		const seq = older.state!.view.seq;
		expect(older.canTake(seq)).toBe(false);
		expect(newer.canTake(newer.state!.view.seq)).toBe(true);

		// Online, the older tab sends nothing more: the newer one starts from this device's copy of
		// the waiting steps (IndexedDB, which jsdom lacks: see the browser test in
		// local-practice.spec.ts), and two tabs sending the same steps would race.
		window.dispatchEvent(new Event('online'));
		expect(newer.offline).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(server.posts).toBe(0);
		expect(older.waiting).toBe(1);
		older.stop();
		newer.stop();
	});

	it('keeps its claim while it is the only tab, and lets go of it when the page goes', async () => {
		const server = fakeServer();
		const locks = fakeLocks();
		const only = await engineOn(server, locks);
		expect(only.elsewhere).toBe(false);
		only.stop();
		// Gone: the next tab takes the quiz without taking it from anyone.
		const next = await engineOn(server, locks);
		expect(next.elsewhere).toBe(false);
		expect(only.elsewhere).toBe(false);
		next.stop();
	});

	it('shows the server’s record, and says so, when the server grades differently', async () => {
		// The server's key marks another answer right (its content changed, say).
		const server = fakeServer([{ ...first, answer: wrongAnswer }, ...module.questions.slice(1)]);
		const local = await engineOn(server);
		await local.take(answer(first.answer));
		expect(local.state?.view).toMatchObject({ status: 'feedback', outcome: 'correct' });
		await until(() => local.disagreement !== null);
		expect(local.disagreement).toBe(DISAGREED);
		local.stop();
	});
});

describe('putting this device’s waiting steps after the server’s log', () => {
	const record = (events: QuizEvent[]): StoredPractice => ({
		slug: 's',
		attemptKey: 'a',
		seed: 1,
		keyVersion: 'v',
		events,
		pending: []
	});
	const start: QuizEvent = { type: 'quiz.start' };
	const hint: QuizEvent = { type: 'hint.request' };
	const next: QuizEvent = { type: 'question.next' };

	it('drops a step the server already has (its reply was lost) and keeps the rest', () => {
		const r = record([start, hint]);
		const lost = mergePending(r, [
			{ seq: 1, step: { action: 'hint' }, event: hint },
			{ seq: 2, step: { action: 'next' }, event: next }
		]);
		expect(lost).toBe(0);
		expect(r.pending.map((p) => p.seq)).toEqual([2]);
	});

	it('counts as lost a step the server has with another event, and the ones after it', () => {
		const r = record([start, next]);
		const lost = mergePending(r, [
			{ seq: 1, step: { action: 'hint' }, event: hint },
			{ seq: 2, step: { action: 'next' }, event: next }
		]);
		expect(lost).toBe(2);
		expect(r.pending).toEqual([]);
	});
});
