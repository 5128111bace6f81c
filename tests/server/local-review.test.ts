/**
 * The review log endpoint (`/modules/<slug>/review/events`): the browser's engine reads the
 * learner's latest review session from it (its seed, questions and log) and sends each review step
 * to it, with exactly the checks and exactly-once recording of practice's `/events`. A review step
 * taken in the browser with the review settings gives the server's digest, so the two agree.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { digestOf, step as stepActor } from '../../src/lib/quiz/engine.ts';
import { reviewConfig } from '../../src/lib/review/session.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { browserKey, firstAnswerStep } from './browserSteps.ts';

process.env.DATABASE_PATH = ':memory:';
const { database } = await import('../../src/lib/server/db.ts');
const { startAttempt } = await import('../../src/lib/server/attempts.ts');
const { practiceKeyOf } = await import('../../src/lib/server/localPractice.ts');
const { attemptKeyOf } = await import('../../src/lib/server/learner.ts');
const endpoint = await import('../../src/routes/modules/[slug]/review/events/+server.ts');

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
/** The review asks two of the module's questions, not from its start. */
const reviewed = [module.questions[2]!.id, module.questions[4]!.id];

const key = () => browserKey(practiceKeyOf(module), module);

let learners = 0;

/** A learner with a practice attempt and, after it, a review session of `reviewed`. */
async function withReview(seed: number) {
	const db = await database();
	const learner = `00000000-0000-4000-9000-${String(++learners).padStart(12, '0')}`;
	const base = { learnerId: learner, moduleSlug: module.slug, now: new Date() };
	const practice = await startAttempt(db, { ...base, seed: seed + 100 });
	const review = await startAttempt(db, { ...base, seed, reviewOf: reviewed });
	return { learner, practiceKey: attemptKeyOf(practice), attemptKey: attemptKeyOf(review) };
}

function request(cookie: string | undefined, body?: string, slug = module.slug): RequestEvent {
	const r = new Request(`http://localhost/modules/${slug}/review/events`, {
		method: body === undefined ? 'GET' : 'POST',
		body,
		headers: { 'content-type': 'application/json' }
	});
	return {
		request: r,
		url: new URL(r.url),
		params: { slug },
		cookies: { get: (name: string) => (name === 'cw_learner' ? cookie : undefined) },
		locals: {}
	} as unknown as RequestEvent;
}

type Handler = (e: RequestEvent) => Promise<Response>;

async function post(cookie: string | undefined, body: unknown, slug?: string) {
	const response = await (endpoint.POST as unknown as Handler)(
		request(cookie, typeof body === 'string' ? body : JSON.stringify(body), slug)
	);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(cookie: string | undefined, slug?: string) {
	const response = await (endpoint.GET as unknown as Handler)(request(cookie, undefined, slug));
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The review's first answer as the browser takes it: review settings, the session's questions. */
async function firstAnswer(seed: number) {
	const started = await withReview(seed);
	const { actor, question, step, event } = await firstAnswerStep(
		key(),
		seed,
		reviewConfig(reviewed)
	);
	await stepActor(actor, event);
	return {
		...started,
		question,
		digest: digestOf({ snapshot: actor.getSnapshot(), seq: 2 }),
		sent: { attempt: started.attemptKey, seq: 1, step, event }
	};
}

describe('the review events endpoint', () => {
	it('gives the latest review session, not the practice: its seed, questions and log', async () => {
		const { learner, attemptKey, practiceKey } = await withReview(21);
		const { status, body } = await get(learner);
		expect(status).toBe(200);
		expect(body).toMatchObject({
			attemptKey,
			seed: 21,
			questionIds: reviewed,
			events: [{ type: 'quiz.start' }]
		});
		expect(body.attemptKey).not.toBe(practiceKey);
	});

	it('records a review step with the digest the browser worked out, and the same step sent again is not written twice', async () => {
		const { learner, sent, digest, question } = await firstAnswer(22);
		// The review asks only its own questions, in the module's order.
		expect(question).toBe(reviewed[0]);
		const once = await post(learner, sent);
		expect(once).toMatchObject({ status: 200, body: { result: 'recorded', seq: 2, digest } });
		expect(once.body.queue).toHaveProperty('kind');
		const again = await post(learner, sent);
		expect(again).toMatchObject({
			status: 200,
			body: { result: 'duplicate', seq: 2, head: 2, digest }
		});
		const log = await get(learner);
		expect((log.body.events as { type: string }[]).map((e) => e.type)).toEqual([
			'quiz.start',
			'answer.submit'
		]);
	});

	it('refuses another step at a number already taken, and a step of another session, with 409', async () => {
		const { learner, sent, practiceKey } = await firstAnswer(23);
		await post(learner, sent);
		const other = { ...sent, step: { action: 'hint' }, event: { type: 'hint.request' } };
		const taken = await post(learner, other);
		expect(taken).toMatchObject({ status: 409, body: { result: 'conflict', seq: 2 } });
		expect(taken.body.message).toMatch(/moved on in another tab/);
		// The learner's practice is not their review session.
		const practice = await post(learner, { ...sent, attempt: practiceKey });
		expect(practice).toMatchObject({ status: 409, body: { result: 'conflict' } });
		expect(practice.body.message).toMatch(/new review was started/);
		expect(await post(learner, { ...sent, seq: 7 })).toMatchObject({ status: 409 });
		const log = await get(learner);
		expect(log.body.events).toHaveLength(2);
	});

	it('answers malformed requests with 400 and a sentence, an unknown module with 404, a huge one with 413', async () => {
		const { learner, sent } = await firstAnswer(24);
		for (const bad of [
			'not json',
			'[]',
			{ ...sent, seq: 'one' },
			{ ...sent, step: { action: 'explode' } },
			{ ...sent, event: null }
		]) {
			const result = await post(learner, bad);
			expect(result.status, JSON.stringify(bad)).toBe(400);
			expect(result.body.message).toMatch(/Nothing was counted\.$/);
		}
		const unknown = await post(learner, sent, 'no-such-module');
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toMatch(/no module called/);
		expect((await get(learner, 'no-such-module')).status).toBe(404);
		expect((await post(learner, 'x'.repeat(70_000))).status).toBe(413);
		expect((await get(learner)).body.events).toHaveLength(1);
	});

	it('tells a learner with no review session that they have none, and records nothing', async () => {
		const db = await database();
		const learner = `00000000-0000-4000-9000-${String(++learners).padStart(12, '0')}`;
		const practice = await startAttempt(db, {
			learnerId: learner,
			moduleSlug: module.slug,
			seed: 1,
			now: new Date()
		});
		expect(await get(learner)).toMatchObject({ status: 200, body: { attemptKey: null } });
		const result = await post(learner, {
			attempt: attemptKeyOf(practice),
			seq: 1,
			step: { action: 'hint' },
			event: { type: 'hint.request' }
		});
		expect(result).toMatchObject({ status: 409, body: { result: 'no-attempt' } });
		expect(result.body.message).toMatch(/Start review/);
		expect(
			await post(undefined, {
				attempt: 'x',
				seq: 1,
				step: { action: 'next' },
				event: { type: 'question.next' }
			})
		).toMatchObject({
			status: 409,
			body: { result: 'no-attempt' }
		});
	});
});
