/**
 * The module page's `skip` action ("Skip for now"), called as SvelteKit would call it: it records
 * `question.skip` only for the question on screen at the step on screen, refuses anything else
 * with a 4xx that says why, and a refusal writes nothing. Reopening a finished question
 * (`?revisit=`) is a page load and records nothing either.
 */
import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser, formPost } from './fakeBrowser.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { forgetAttempts } from '../../src/lib/server/liveAttempts.ts';
import type { PracticeState } from '../../src/routes/modules/[slug]/+page.server.ts';

process.env.DATABASE_PATH = ':memory:';
const page = await import('../../src/routes/modules/[slug]/+page.server.ts');
const { actions, load } = page;

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
const slug = module.slug;
const [lesson1] = module.lessons;

/** A learner's browser: a cookie jar and a client address of its own (starts are rate-limited). */
function browser() {
	const b = fakeBrowser(0, { slug });
	return {
		async post(action: keyof typeof actions, fields: Record<string, string>, enhanced = true) {
			return b.act(
				actions[action] as (e: RequestEvent) => Promise<unknown>,
				b.event(`/modules/${slug}?/${action}`, formPost(fields, enhanced))
			);
		},
		async load(query = '') {
			const data = (await (load as (e: RequestEvent) => Promise<unknown>)(
				b.event(`/modules/${slug}${query}`)
			)) as { state: PracticeState; review: unknown; reviewRefused: boolean };
			return data;
		}
	};
}

/** What a refusal tells the learner. */
function messageOf(result: unknown): string | undefined {
	return isActionFailure(result)
		? (result.data as unknown as { message?: string }).message
		: undefined;
}

/** Where the quiz is: the question on screen, its try, the step number. */
async function where(b: ReturnType<typeof browser>) {
	const { view } = (await b.load()).state;
	if (view.status !== 'answering') return { status: view.status, seq: view.seq };
	return { status: view.status, seq: view.seq, id: view.question.id, try: view.tryNumber };
}

async function started() {
	const b = browser();
	await b.post('start', {});
	return b;
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
			throw new Error(`no plain answer for ${q.type} in lesson 1`);
	}
}

beforeAll(() => forgetAttempts());

describe('the skip action', () => {
	it('moves the question on screen to the end of its lesson, spending no try', async () => {
		const b = await started();
		const before = await where(b);
		expect(before).toEqual({ status: 'answering', seq: 1, id: lesson1!.questions[0], try: 1 });

		const result = (await b.post('skip', { seq: '1', question: before.id! })) as {
			state: PracticeState;
		};

		const view = result.state.view;
		expect(view.status).toBe('answering');
		if (view.status !== 'answering') return;
		expect(view.question.id).toBe(lesson1!.questions[1]);
		expect(view.seq).toBe(2);
		expect(view.list!.findIndex((q) => q.id === before.id)).toBe(lesson1!.questions.length - 1);
		expect(view.list!.find((q) => q.id === before.id)!.status).toBe('skipped');
		// The page load (the log replayed by the live attempt) agrees.
		expect(await where(b)).toEqual({
			status: 'answering',
			seq: 2,
			id: lesson1!.questions[1],
			try: 1
		});
	});

	it('answers a plain form post with a redirect to the question', async () => {
		const b = await started();
		const result = await b.post('skip', { seq: '1', question: lesson1!.questions[0]! }, false);
		expect(isRedirect(result) && result.status).toBe(303);
		expect(isRedirect(result) && result.location).toBe(`/modules/${slug}#question`);
	});

	it('refuses a stale skip (another tab moved on) with a 409, and records nothing', async () => {
		const b = await started();
		await b.post('skip', { seq: '1', question: lesson1!.questions[0]! });
		const before = await where(b);

		// The same form, sent again from a tab still showing the first question.
		const result = await b.post('skip', { seq: '1', question: lesson1!.questions[0]! });

		expect(isActionFailure(result) && result.status).toBe(409);
		expect(messageOf(result)).toMatch(/moved on in another tab/);
		expect(await where(b)).toEqual(before);
	});

	it('refuses a skip for another question, or without a step number, with a 400', async () => {
		const b = await started();
		const before = await where(b);

		const wrong = await b.post('skip', { seq: '1', question: lesson1!.questions[2]! });
		expect(isActionFailure(wrong) && wrong.status).toBe(400);
		expect(messageOf(wrong)).toMatch(/different question/);

		const noSeq = await b.post('skip', { question: lesson1!.questions[0]! });
		expect(isActionFailure(noSeq) && noSeq.status).toBe(400);

		expect(await where(b)).toEqual(before);
	});

	it('refuses to skip the last question left in a lesson with a 409 that says why', async () => {
		const b = await started();
		let seq = 1;
		// The first question goes to the end of the lesson; every other one is answered and left.
		await b.post('skip', { seq: String(seq++), question: lesson1!.questions[0]! });
		for (const id of lesson1!.questions.slice(1)) {
			expect((await where(b)).id).toBe(id);
			await b.post('answer', { seq: String(seq++), question: id, ...someAnswer(id) });
			await b.post('next', { seq: String(seq++) });
		}
		const before = await where(b);
		expect(before).toMatchObject({ status: 'answering', id: lesson1!.questions[0], try: 1 });
		const view = (await b.load()).state.view;
		expect(view.status === 'answering' && view.canSkip).toBe(false);

		const result = await b.post('skip', { seq: String(seq), question: before.id! });

		expect(isActionFailure(result) && result.status).toBe(409);
		expect(messageOf(result)).toMatch(
			/^This is the last question left in its lesson, so it cannot be skipped/
		);
		expect(await where(b)).toEqual(before);
	});

	it('refuses a skip while feedback is shown, with a 409, and records nothing', async () => {
		const b = await started();
		const first = module.questions.find((q) => q.id === lesson1!.questions[0])!;
		expect(first.type).toBe('true-false-not-stated');
		await b.post('answer', { seq: '1', question: first.id, choice: 'not-stated' });
		const before = await where(b);
		expect(before.status).toBe('feedback');

		const result = await b.post('skip', { seq: '2', question: first.id });

		expect(isActionFailure(result) && result.status).toBe(409);
		expect(messageOf(result)).toBe('That can’t be done at this point in the quiz.');
		expect(await where(b)).toEqual(before);
	});
});

describe('looking back (?revisit=)', () => {
	it('reopens a finished question and changes nothing; refuses one not finished', async () => {
		const b = await started();
		const first = module.questions.find((q) => q.id === lesson1!.questions[0])!;
		await b.post('answer', {
			seq: '1',
			question: first.id,
			choice: (first as { answer: string }).answer
		});
		await b.post('next', { seq: '2' });
		const before = await where(b);

		const data = await b.load(`?revisit=${first.id}`);
		expect(data.review).toMatchObject({ id: first.id, outcome: 'correct' });
		expect(data.reviewRefused).toBe(false);
		expect(await where(b)).toEqual(before);

		const refused = await b.load(`?revisit=${lesson1!.questions[3]}`);
		expect(refused.review).toBeNull();
		expect(refused.reviewRefused).toBe(true);
	});
});
