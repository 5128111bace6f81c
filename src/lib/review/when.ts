/**
 * When a review comes due, in plain words relative to `now` ("in 10 minutes", "in 3 days"). Pure;
 * the server words it with its own clock, so the page reads the same before and after hydration.
 */
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
