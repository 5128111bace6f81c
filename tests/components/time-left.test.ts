/**
 * The time left on an assessment: shown from the server's clock (not the device's), spoken by
 * its live region at 5 minutes and at 1 minute only, and at 0 the page asks the server again
 * (which submits the attempt).
 */
import { act, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invalidateAll = vi.fn(async () => {});
vi.mock('$app/navigation', () => ({ invalidateAll }));

const { default: TimeLeft } = await import('../../src/routes/join/[code]/quiz/TimeLeft.svelte');

const SERVER_NOW = Date.parse('2026-12-01T10:00:00Z');

function show(minutesLeft: number, reason: 'time-up' | 'due' = 'time-up') {
	return render(TimeLeft, {
		deadline: new Date(SERVER_NOW + minutesLeft * 60_000).toISOString(),
		serverNow: new Date(SERVER_NOW).toISOString(),
		reason,
		deadlineWords: '10:07 (UTC)'
	});
}

/** Everything the live region has said, in order. */
let said: string[] = [];
let observer: MutationObserver | undefined;

function listen() {
	const region = screen.getByRole('status');
	observer = new MutationObserver(() => {
		const text = region.textContent?.trim() ?? '';
		if (text && text !== said.at(-1)) said.push(text);
	});
	observer.observe(region, { childList: true, subtree: true, characterData: true });
}

async function advance(ms: number) {
	for (let t = 0; t < ms; t += 1000) {
		await act(() => vi.advanceTimersByTime(1000));
	}
	await Promise.resolve();
}

beforeEach(() => {
	vi.useFakeTimers();
	// The device's clock is 3 hours wrong: the count-down must follow the server's.
	vi.setSystemTime(SERVER_NOW + 3 * 3600_000);
	said = [];
	invalidateAll.mockClear();
});

afterEach(() => {
	observer?.disconnect();
	vi.useRealTimers();
});

describe('TimeLeft', () => {
	it('counts down from the server’s clock and says when it ends', async () => {
		show(7);
		expect(screen.getByText('7 minutes left')).toBeTruthy();
		expect(screen.getByText(/time limit ends 10:07 \(UTC\)/)).toBeTruthy();
		await advance(60_000);
		expect(screen.getByText('6 minutes left')).toBeTruthy();
	});

	it('speaks at 5 minutes and at 1 minute, never every second, then asks the server at 0', async () => {
		show(6);
		listen();
		await advance(60_000);
		expect(said).toEqual(['5 minutes left.']);
		await advance(3 * 60_000);
		expect(said).toEqual(['5 minutes left.']);
		expect(invalidateAll).not.toHaveBeenCalled();
		await advance(60_000);
		expect(said).toEqual(['5 minutes left.', '1 minute left.']);
		await advance(30_000);
		expect(screen.getByText('Less than a minute left')).toBeTruthy();
		await advance(31_000);
		expect(said.at(-1)).toBe('Time is up. Your saved answers are being submitted.');
		expect(screen.getByText('Time is up')).toBeTruthy();
		expect(invalidateAll).toHaveBeenCalledTimes(1);
		await advance(10_000);
		expect(invalidateAll).toHaveBeenCalledTimes(1);
	});

	it('opened with 3 minutes left, it does not announce the 5 minutes it missed', async () => {
		show(3, 'due');
		listen();
		await advance(2 * 60_000);
		expect(said).toEqual(['1 minute left.']);
		await advance(61_000);
		expect(said.at(-1)).toBe('The assignment is now due. Your saved answers are being submitted.');
	});
});
