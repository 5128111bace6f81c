/**
 * The review page's load and actions, called as SvelteKit would call them, with the test clock
 * (`CITEWISE_TEST_CLOCK=1` and a `cw_test_now` cookie): practice on day 0, the review three days
 * later, post/redirect/get without JavaScript and the new state with it, the `seq` staleness
 * check, and the module page's practice left as it was.
 */
import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { fakeBrowser, formPost } from '../server/fakeBrowser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuizView } from '../../src/lib/quiz/view.ts';
import { latestAttemptRow } from '../../src/lib/server/attempts.ts';
import { database } from '../../src/lib/server/db.ts';
import { forgetAttempts } from '../../src/lib/server/liveAttempts.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { forgetOutcomes } from '../../src/lib/server/review.ts';
import type { ReviewState } from '../../src/routes/modules/[slug]/review/+page.server.ts';

process.env.DATABASE_PATH = ':memory:';
process.env.CITEWISE_TEST_CLOCK = '1';
const practicePage = await import('../../src/routes/modules/[slug]/+page.server.ts');
const reviewPage = await import('../../src/routes/modules/[slug]/review/+page.server.ts');

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const slug = module.slug;
const T0 = new Date('2026-11-02T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

type Actions = Record<string, (e: RequestEvent) => Promise<unknown>>;

/** A learner's browser: a cookie jar (with the test clock's cookie) and an address of its own. */
function browser() {
	const b = fakeBrowser(1, { slug }, new Map([['cw_test_now', T0.toISOString()]]));
	const { jar, event } = b;
	const post = async (
		page: 'practice' | 'review',
		action: string,
		fields: Record<string, string>,
		enhanced = true
	) => {
		const path = page === 'practice' ? `/modules/${slug}` : `/modules/${slug}/review`;
		const actions = (page === 'practice' ? practicePage.actions : reviewPage.actions) as Actions;
		return b.act(actions[action]!, event(`${path}?/${action}`, formPost(fields, enhanced)));
	};
	return {
		jar,
		setTime: (at: Date) => void jar.set('cw_test_now', at.toISOString()),
		post,
		async review(query = '') {
			const load = reviewPage.load as unknown as (e: RequestEvent) => Promise<unknown>;
			return (await load(event(`/modules/${slug}/review${query}`))) as { state: ReviewState };
		}
	};
}

/** A form answer to a question, right or wrong: enough to get feedback and move on. */
function someAnswer(id: string): Record<string, string> {
	const q = module.questions.find((q) => q.id === id)!;
	switch (q.type) {
		case 'true-false-not-stated':
			return { choice: 'true' };
		case 'short-answer':
			return { text: 'I am not sure' };
		case 'single-choice':
		case 'multiple-choice':
			return { choice: q.choices[0]!.id };
		case 'two-part':
			return { choice: q.choices[0]!.id, 'part-b': q.partB.choices[0]!.id };
		case 'evidence':
			return { evidence: q.select === 'paragraph' ? `${q.within![0]}` : `${q.within![0]}.1` };
		default:
			throw new Error(`no plain answer for ${q.type}`);
	}
}

function stateOf(result: unknown): ReviewState {
	return (result as { state: ReviewState }).state;
}

/** Answers the question on screen and moves on (revealing it when out of tries). */
async function answerAndGoOn(
	b: ReturnType<typeof browser>,
	page: 'practice' | 'review',
	view: QuizView
): Promise<QuizView> {
	if (view.status !== 'answering') throw new Error(`not answering: ${view.status}`);
	let result = await b.post(page, 'answer', {
		seq: String(view.seq),
		question: view.question.id,
		...someAnswer(view.question.id)
	});
	let next =
		page === 'review'
			? stateOf(result).view!
			: (result as { state: { view: QuizView } }).state.view;
	if (next.status !== 'feedback') throw new Error(`no feedback: ${next.status}`);
	result = await b.post(page, 'next', { seq: String(next.seq) });
	next =
		page === 'review'
			? stateOf(result).view!
			: (result as { state: { view: QuizView } }).state.view;
	return next;
}

beforeAll(() => {
	forgetAttempts();
	forgetOutcomes();
});
afterAll(() => {
	delete process.env.CITEWISE_TEST_CLOCK;
});

describe('the review page', () => {
	it('says there is nothing to review for a learner who has not practised', async () => {
		const b = browser();
		const { state } = await b.review();
		expect(state).toMatchObject({ phase: 'empty', view: null, queue: { kind: 'none' } });
		const refused = await b.post('review', 'start', {});
		expect(isActionFailure(refused)).toBe(true);
		expect((refused as { status: number }).status).toBe(409);
	});

	it('reviews what practice made due, three days later, and schedules it on', async () => {
		const b = browser();
		// Day 0: practise the first two questions on the module page.
		const practice = (await b.post('practice', 'start', {})) as { state: { view: QuizView } };
		let view = await answerAndGoOn(b, 'practice', practice.state.view);
		await answerAndGoOn(b, 'practice', view);
		const practised = (await latestAttemptRow(await database(), b.jar.get('cw_learner')!, slug))!;
		// Every event of the practice carries the test clock's time.
		const times = await (
			await database()
		)
			.selectFrom('attempt_events')
			.select('created_at')
			.where('attempt_id', '=', practised.id)
			.execute();
		expect(new Set(times.map((t) => t.created_at))).toEqual(new Set([T0.toISOString()]));

		// Same moment: nothing due yet, and the next review is named.
		let { state } = await b.review();
		expect(state.phase).toBe('empty');
		expect(state.queue.kind).toBe('later');

		// Three days later both are due.
		const later = new Date(T0.getTime() + 3 * DAY);
		b.setTime(later);
		({ state } = await b.review());
		expect(state).toMatchObject({ phase: 'ready', queue: { kind: 'due', due: 2 } });

		// Start without JavaScript: post/redirect/get.
		const redirected = await b.post('review', 'start', {}, false);
		expect(isRedirect(redirected)).toBe(true);
		expect((redirected as { location: string }).location).toBe(`/modules/${slug}/review#question`);
		({ state } = await b.review());
		expect(state.phase).toBe('active');
		view = state.view!;
		expect(view).toMatchObject({ status: 'answering', number: 1, total: 2, canSkip: false });
		expect(view.status === 'answering' && view.question.id).toBe(module.questions[0]!.id);

		// Pressing Start again continues the same review.
		const again = stateOf(await b.post('review', 'start', {}));
		expect(again.view).toMatchObject({ status: 'answering', seq: view.seq });

		// A stale form is refused and nothing is recorded.
		const stale = await b.post('review', 'answer', {
			seq: String(view.seq + 5),
			question: module.questions[0]!.id,
			...someAnswer(module.questions[0]!.id)
		});
		expect((stale as { status: number }).status).toBe(409);
		// Skipping is not part of a review.
		expect('skip' in reviewPage.actions).toBe(false);

		view = await answerAndGoOn(b, 'review', view);
		view = await answerAndGoOn(b, 'review', view);
		expect(view.status).toBe('summary');
		({ state } = await b.review());
		expect(state).toMatchObject({ phase: 'finished', reviewed: 2, queue: { kind: 'later' } });
		expect(state.queue.kind === 'later' && new Date(state.queue.at) > later).toBe(true);

		// The module page's practice is still the practice, not the review.
		expect((await latestAttemptRow(await database(), b.jar.get('cw_learner')!, slug))!.id).toBe(
			practised.id
		);
		const practiceLoad = (await (
			practicePage.load as unknown as (e: unknown) => Promise<{ state: { view: QuizView } }>
		)({
			params: { slug },
			cookies: { get: (n: string) => b.jar.get(n) },
			url: new URL(`http://localhost/modules/${slug}`),
			setHeaders: () => {}
		})) as { state: { view: QuizView } };
		expect(practiceLoad.state.view).toMatchObject({ status: 'answering', number: 3 });

		// Nothing due now: starting another review is refused and says why.
		const none = await b.post('review', 'start', {});
		expect((none as { status: number }).status).toBe(409);
		expect((none as { data: { message: string } }).data.message).toMatch(/Nothing is due/);
	});
});
