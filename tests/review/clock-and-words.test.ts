/**
 * The small pieces around the queue: the test-only clock, "when" in words, and the quiz machine's
 * review mode (practice's flow without skipping).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { now } from '../../src/lib/server/clock.ts';
import { findModule } from '../../src/lib/server/modules.ts';
import { startActor } from '../../src/lib/server/practice.ts';
import { reviewConfig } from '../../src/lib/server/review.ts';
import { dueInWords } from '../../src/lib/review/when.ts';

const set = '2026-01-05T10:00:00.000Z';
const jar = (value?: string) => ({
	get: (name: string) => (name === 'cw_test_now' ? value : undefined)
});

describe('now(cookies)', () => {
	// Another test file in the same worker may have set it.
	beforeEach(() => {
		delete process.env.CITEWISE_TEST_CLOCK;
	});
	afterEach(() => {
		delete process.env.CITEWISE_TEST_CLOCK;
	});

	it('is the real time unless the server runs with CITEWISE_TEST_CLOCK=1', () => {
		const before = Date.now();
		const t = now(jar(set)).getTime();
		expect(t).toBeGreaterThanOrEqual(before);
		expect(t).toBeLessThanOrEqual(Date.now());
	});

	it('takes the cw_test_now cookie under the test clock, and ignores a malformed one', () => {
		process.env.CITEWISE_TEST_CLOCK = '1';
		expect(now(jar(set)).toISOString()).toBe(set);
		const before = Date.now();
		expect(now(jar('not a time')).getTime()).toBeGreaterThanOrEqual(before);
		expect(now(jar()).getTime()).toBeGreaterThanOrEqual(before);
	});
});

describe('dueInWords', () => {
	const t = new Date(set);
	const after = (ms: number) => new Date(t.getTime() + ms);
	it('says now, minutes, hours or days', () => {
		expect(dueInWords(t, t)).toBe('now');
		expect(dueInWords(after(-5000), t)).toBe('now');
		expect(dueInWords(after(1000), t)).toBe('in 1 minute');
		expect(dueInWords(after(10 * 60_000), t)).toBe('in 10 minutes');
		expect(dueInWords(after(60 * 60_000), t)).toBe('in 1 hour');
		expect(dueInWords(after(5 * 60 * 60_000), t)).toBe('in 5 hours');
		expect(dueInWords(after(24 * 60 * 60_000), t)).toBe('in 1 day');
		expect(dueInWords(after(3.2 * 24 * 60 * 60_000), t)).toBe('in 3 days');
	});
});

describe('review mode', () => {
	it('asks only the questions given, in the module’s order, and never offers a skip', () => {
		const module = findModule('fleeing-kazakhs-and-puff-pieces')!;
		const lesson = module.lessons[0]!.questions;
		const ids = [lesson[2]!, lesson[0]!];
		const actor = startActor(module, 1, reviewConfig(ids));
		actor.send({ type: 'quiz.start' });
		const snapshot = actor.getSnapshot();
		expect(snapshot.context.questions.map((q) => q.id)).toEqual([lesson[0], lesson[2]]);
		expect(snapshot.matches('answering')).toBe(true);
		expect(snapshot.can({ type: 'question.skip' })).toBe(false);
		// The same module as practice offers the skip at the same point.
		const practice = startActor(module, 1);
		practice.send({ type: 'quiz.start' });
		expect(practice.getSnapshot().can({ type: 'question.skip' })).toBe(true);
		actor.stop();
		practice.stop();
	});
});
