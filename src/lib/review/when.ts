/**
 * What pages say about a review queue: when a review comes due, in plain words relative to `now`
 * ("in 10 minutes", "in 3 days"). Pure; the server words it with its own clock, so the page reads
 * the same before and after hydration.
 */
import type { Queue } from './cards.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function count(n: number, unit: string): string {
	return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export function dueInWords(due: Date, now: Date): string {
	const ms = due.getTime() - now.getTime();
	if (ms <= 0) return 'now';
	if (ms < HOUR) return `in ${count(Math.max(1, Math.ceil(ms / MINUTE)), 'minute')}`;
	if (ms < DAY) return `in ${count(Math.round(ms / HOUR), 'hour')}`;
	return `in ${count(Math.round(ms / DAY), 'day')}`;
}

/** What a page says about a module's queue: no cards, cards due, or when the next one is. */
export type QueueLine =
	{ kind: 'none' } | { kind: 'due'; due: number } | { kind: 'later'; at: string; words: string };

export function queueLine(queue: Queue, now: Date): QueueLine {
	if (queue.due.length) return { kind: 'due', due: queue.due.length };
	if (queue.nextDue)
		return {
			kind: 'later',
			at: queue.nextDue.toISOString(),
			words: dueInWords(queue.nextDue, now)
		};
	return { kind: 'none' };
}
