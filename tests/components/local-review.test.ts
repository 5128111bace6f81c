/**
 * The browser's review engine (`LocalReview`) against a stand-in server: it reads the learner's
 * latest review session from `/review/events` (not practice's log), asks only that session's
 * questions with the review settings, keeps steps taken offline and sends each once when the
 * network is back, and shows a review finished offline as finished (not a new start button) until
 * the server's answer brings the queue up to date.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { LocalReview } from '../../src/lib/practice/local.svelte.ts';
import type { QueueLine } from '../../src/lib/review/when.ts';
import { fakeEventsServer } from './fakeEvents.ts';

const root = process.cwd() + '/';
const module = loadModuleDir(`${root}questions/fleeing-kazakhs-and-puff-pieces`, root).module!;
/** Two true/false/not-stated questions, not the module's first: the review's questions. */
const asked = module.questions.filter((q) => q.type === 'true-false-not-stated').slice(1, 3);
const questionIds = asked.map((q) => q.id);
const answerOf = (id: string) => {
	const q = module.questions.find((q) => q.id === id)!;
	if (q.type !== 'true-false-not-stated') throw new Error(`unexpected ${q.type}`);
	return q.answer;
};

function fakeServer() {
	const server = Object.assign(
		fakeEventsServer({
			module,
			events: '/review/events',
			attemptKey: 'review-1',
			seed: 5,
			review: questionIds,
			extra: (): Record<string, unknown> => ({ queue: server.queue })
		}),
		{ queue: { kind: 'due', due: 2 } as QueueLine }
	);
	return server;
}

/** The engine on the review page, started against `server`. */
async function engineOn(server: ReturnType<typeof fakeServer>) {
	const local = new LocalReview({
		slug: module.slug,
		paragraphs: module.article.paragraphs,
		queue: server.queue,
		fetch: server.fetch
	});
	await local.start();
	return local;
}

function until(check: () => boolean) {
	return vi.waitFor(() => expect(check()).toBe(true), { timeout: 10_000, interval: 5 });
}

describe('the browser’s review engine', () => {
	it('runs the latest review session: its questions only, in review mode, from the review log', async () => {
		const server = fakeServer();
		const local = await engineOn(server);
		expect(server.urls).toContain(`/modules/${module.slug}/review/events`);
		expect(server.urls.some((u) => u.endsWith(`/${module.slug}/events`))).toBe(false);
		expect(local.state).toMatchObject({ phase: 'active', attemptKey: 'review-1', reviewed: 0 });
		const view = local.state!.view!;
		if (view.status !== 'answering') throw new Error(view.status);
		expect(view).toMatchObject({ number: 1, total: 2 });
		expect(view.question.id).toBe(questionIds[0]);
		local.stop();
	});

	it('keeps a review answered offline, shows it finished, and sends each step once when back', async () => {
		const server = fakeServer();
		const local = await engineOn(server);
		server.online = false;
		for (const id of questionIds) {
			expect(
				await local.take({ action: 'answer', question: id, raw: { choice: [answerOf(id)] } })
			).toBe('taken');
			expect(local.state?.view).toMatchObject({ status: 'feedback', outcome: 'correct' });
			expect(await local.take({ action: 'next' })).toBe('taken');
		}
		await until(() => local.offline);
		expect(local.waiting).toBe(4);
		// The queue the page has is from before the review: still finished, not "start another".
		expect(local.state).toMatchObject({ phase: 'finished', reviewed: 2 });
		expect(local.state?.view?.status).toBe('summary');

		server.online = true;
		server.queue = { kind: 'later', at: '2026-03-08T09:00:00.000Z', words: 'in 3 days' };
		window.dispatchEvent(new Event('online'));
		await until(() => local.waiting === 0);
		expect(server.posts).toBe(4);
		expect(server.events.map((e) => e.type)).toEqual([
			'quiz.start',
			'answer.submit',
			'question.next',
			'answer.submit',
			'question.next'
		]);
		expect(local.disagreement).toBeNull();
		expect(local.state).toMatchObject({ phase: 'finished', queue: server.queue });
		local.stop();
	});
});
