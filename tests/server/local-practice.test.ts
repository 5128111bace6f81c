/**
 * The browser's practice engine and the server agree: the same steps, checked in the browser with
 * the practice key as the browser receives it (JSON) and recorded by the server through the
 * `/events` endpoint, give the same digest after every step and the same score. And the endpoint
 * records each step exactly once, refusing malformed, stale and conflicting ones with a reason.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { answerFields, seededRng, type Rng } from '../../scripts/simulated-student.ts';
import {
	digestOf,
	startActorFor,
	step as stepActor,
	viewOfKey,
	type QuizActor,
	type QuizKey
} from '../../src/lib/quiz/engine.ts';
import { current, totalScore } from '../../src/lib/quiz/quizMachine.ts';
import { eventOf, isRefusal, type Step } from '../../src/lib/practice/steps.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { browserKey as browserKeyOf, firstAnswerStep, rawOf } from './browserSteps.ts';

process.env.DATABASE_PATH = ':memory:';
const { database } = await import('../../src/lib/server/db.ts');
const { startAttempt } = await import('../../src/lib/server/attempts.ts');
const { attemptLog, practiceKeyOf, recordSentStep } =
	await import('../../src/lib/server/localPractice.ts');
const { attemptKeyOf } = await import('../../src/lib/server/learner.ts');
const { viewOf, replay } = await import('../../src/lib/server/practice.ts');
const endpoint = await import('../../src/routes/modules/[slug]/events/+server.ts');

const module = findModule('fleeing-kazakhs-and-puff-pieces')!;

/** The key as the browser has it. */
const browserKey = () => browserKeyOf(practiceKeyOf(module), module);

/** What a learner might press next, given what the browser shows. */
function nextStep(actor: QuizActor, rng: Rng): Step {
	const snapshot = actor.getSnapshot();
	const question = current(snapshot.context);
	const r = rng();
	if (snapshot.matches('answering')) {
		if (r < 0.1) return { action: 'hint' };
		if (r < 0.17) return { action: 'skip', question: question.id };
		// Now and then an empty answer, which both sides refuse the same way.
		if (r < 0.22) return { action: 'answer', question: question.id, raw: {} };
		return { action: 'answer', question: question.id, raw: rawOf(answerFields(question, rng)) };
	}
	if (r < 0.3) return { action: 'retry' };
	if (r < 0.45) return { action: 'reveal' };
	return { action: 'next' };
}

let learners = 0;

async function startedAttempt(seed: number) {
	const db = await database();
	const learner = `00000000-0000-4000-8000-${String(++learners).padStart(12, '0')}`;
	const id = await startAttempt(db, {
		learnerId: learner,
		moduleSlug: module.slug,
		seed,
		now: new Date()
	});
	return { db, learner, attemptKey: attemptKeyOf(id) };
}

describe('the browser and the server agree', () => {
	for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
		it(`a random learner's steps give the same digest on both sides after every step (seed ${seed})`, async () => {
			const { db, learner, attemptKey } = await startedAttempt(seed);
			const key = browserKey();
			const browser = startActorFor(key, seed);
			await stepActor(browser, { type: 'quiz.start' });
			const rng = seededRng(seed * 7919);
			let seq = 1;
			let recorded = 0;
			for (let i = 0; i < 60 && !browser.getSnapshot().matches('summary'); i++) {
				const step = nextStep(browser, rng);
				const event = eventOf(step, current(browser.getSnapshot().context));
				if (isRefusal(event) || !browser.getSnapshot().can(event)) continue;
				await stepActor(browser, event);
				seq++;
				const mine = digestOf({ snapshot: browser.getSnapshot(), seq });
				const result = await recordSentStep(
					db,
					learner,
					module,
					{ attempt: attemptKey, seq: seq - 1, step, event },
					new Date()
				);
				expect(result).toMatchObject({ result: 'recorded', seq, digest: mine });
				recorded++;
			}
			expect(recorded).toBeGreaterThan(10);
			// The same score and the same page, from the server's replay of its log.
			const log = await attemptLog(db, learner, module);
			if (!log.attemptKey) throw new Error('no attempt');
			const server = await replay(module, log.seed, log.events);
			expect(totalScore(server.snapshot.context)).toBe(totalScore(browser.getSnapshot().context));
			expect(viewOf(module, server)).toEqual(
				viewOfKey(key, { snapshot: browser.getSnapshot(), seq })
			);
		});
	}

	it('a different key gives a different digest for the same log: a disagreement can be seen', async () => {
		const key = browserKey();
		const first = key.questions[0]!;
		if (first.type !== 'true-false-not-stated') throw new Error(`unexpected ${first.type}`);
		const other = (['true', 'false', 'not-stated'] as const).find((v) => v !== first.answer)!;
		const changed: QuizKey = {
			...key,
			questions: [{ ...first, answer: other }, ...key.questions.slice(1)]
		};
		const digests: string[] = [];
		for (const k of [key, changed]) {
			const actor = startActorFor(k, 5);
			await stepActor(actor, { type: 'quiz.start' });
			const question = current(actor.getSnapshot().context);
			expect(question.id).toBe(first.id);
			const event = eventOf(
				{ action: 'answer', question: first.id, raw: { choice: [first.answer] } },
				question
			);
			if (isRefusal(event)) throw new Error(event.message);
			await stepActor(actor, event);
			digests.push(digestOf({ snapshot: actor.getSnapshot(), seq: 2 }));
		}
		expect(digests[0]).not.toBe(digests[1]);
	});
});

describe('the events endpoint', () => {
	function request(
		cookie: string | undefined,
		body: string,
		init: { slug?: string; method?: string } = {}
	): RequestEvent {
		const r = new Request(`http://localhost/modules/${init.slug ?? module.slug}/events`, {
			method: init.method ?? 'POST',
			body: init.method === 'GET' ? undefined : body,
			headers: { 'content-type': 'application/json' }
		});
		return {
			request: r,
			url: new URL(r.url),
			params: { slug: init.slug ?? module.slug },
			cookies: { get: (name: string) => (name === 'cw_learner' ? cookie : undefined) },
			locals: {}
		} as unknown as RequestEvent;
	}

	async function post(cookie: string | undefined, body: unknown, slug?: string) {
		const response = await (endpoint.POST as (e: RequestEvent) => Promise<Response>)(
			request(cookie, typeof body === 'string' ? body : JSON.stringify(body), { slug })
		);
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	}

	async function firstAnswer(seed: number) {
		const started = await startedAttempt(seed);
		const { step, event } = await firstAnswerStep(browserKey(), seed);
		return { ...started, sent: { attempt: started.attemptKey, seq: 1, step, event } };
	}

	it('records a step, and the same step sent again (its reply was lost) is acknowledged, not written twice', async () => {
		const { db, learner, sent } = await firstAnswer(11);
		const once = await post(learner, sent);
		expect(once).toMatchObject({ status: 200, body: { result: 'recorded', seq: 2 } });
		const again = await post(learner, sent);
		expect(again).toMatchObject({
			status: 200,
			body: { result: 'duplicate', seq: 2, digest: once.body.digest }
		});
		expect(again.body.head).toBe(2);
		const log = await attemptLog(db, learner, module);
		expect(log.attemptKey && log.events.map((e) => e.type)).toEqual([
			'quiz.start',
			'answer.submit'
		]);
	});

	it('says how far the log has gone when the same step was taken in another tab that went on', async () => {
		const { learner, sent } = await firstAnswer(17);
		await post(learner, sent);
		// The other tab, after the same answer, goes on.
		await post(learner, {
			attempt: sent.attempt,
			seq: 2,
			step: { action: 'next' },
			event: { type: 'question.next' }
		});
		const late = await post(learner, sent);
		expect(late).toMatchObject({ status: 200, body: { result: 'duplicate', seq: 2, head: 3 } });
	});

	it('refuses another step at a number already taken (another tab got there first)', async () => {
		const { db, learner, sent } = await firstAnswer(12);
		await post(learner, sent);
		const other = { ...sent, step: { action: 'hint' }, event: { type: 'hint.request' } };
		const result = await post(learner, other);
		expect(result).toMatchObject({ status: 409, body: { result: 'conflict', seq: 2 } });
		expect(result.body.message).toMatch(/moved on in another tab/);
		const log = await attemptLog(db, learner, module);
		expect(log.attemptKey && log.events).toHaveLength(2);
	});

	it('refuses a step beyond the next one, and a step for an attempt that is not the current one', async () => {
		const { learner, sent } = await firstAnswer(13);
		expect(await post(learner, { ...sent, seq: 5 })).toMatchObject({
			status: 409,
			body: { result: 'conflict' }
		});
		const restarted = await post(learner, { ...sent, attempt: 'someotherattempt' });
		expect(restarted).toMatchObject({ status: 409, body: { result: 'conflict' } });
		expect(restarted.body.message).toMatch(/started again in another tab/);
	});

	it('refuses a step the server would not take, saying why', async () => {
		const { learner, sent } = await firstAnswer(14);
		const result = await post(learner, {
			...sent,
			step: { action: 'next' },
			event: { type: 'question.next' }
		});
		expect(result).toMatchObject({ status: 409, body: { result: 'refused' } });
		const empty = await post(learner, { ...sent, step: { ...sent.step, raw: {} } });
		expect(empty).toMatchObject({ status: 409, body: { result: 'refused' } });
		expect(empty.body.message).toMatch(/Nothing was counted/);
	});

	it('answers malformed requests with 400 and a sentence, and an unknown module with 404', async () => {
		const { learner, sent } = await firstAnswer(15);
		for (const bad of [
			'not json',
			'[]',
			{ ...sent, seq: 'one' },
			{ ...sent, step: { action: 'explode' } },
			{ ...sent, step: { ...sent.step, raw: { choice: [1] } } },
			{ ...sent, event: null },
			{ seq: 1 }
		]) {
			const result = await post(learner, bad);
			expect(result.status, JSON.stringify(bad)).toBe(400);
			expect(result.body.message).toMatch(/Nothing was counted\.$/);
		}
		expect((await post(learner, sent, 'no-such-module')).status).toBe(404);
		expect((await post(learner, 'x'.repeat(70_000))).status).toBe(413);
	});

	it('tells a browser with no practice session that it has none', async () => {
		const { sent } = await firstAnswer(16);
		expect(await post(undefined, sent)).toMatchObject({
			status: 409,
			body: { result: 'no-attempt' }
		});
	});
});
