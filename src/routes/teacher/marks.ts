/** How a mark is shown: a symbol and words, never colour alone. */
import type { Mark } from '$lib/server/results.ts';

export const MARK_SYMBOL: Record<Mark, string> = {
	right: '✓',
	partly: '◐',
	wrong: '✗',
	unanswered: '–'
};

export const MARK_WORDS: Record<Mark, string> = {
	right: 'right',
	partly: 'partly right',
	wrong: 'wrong',
	unanswered: 'not answered'
};

/** A mark as one letter, so a large grid's data stays small; and back. */
export const MARK_LETTER: Record<Mark, string> = {
	right: 'r',
	partly: 'p',
	wrong: 'w',
	unanswered: 'u'
};
export const MARK_OF_LETTER: Record<string, Mark> = Object.fromEntries(
	Object.entries(MARK_LETTER).map(([mark, letter]) => [letter, mark as Mark])
);

/** Points as every page shows them: at most one decimal ("0.5", "1", "21.6"); see `$lib/format.ts`. */
export { formatPoints as points, formatScore } from '$lib/format.ts';

/** 0.7333 → "73%"; null → "n/a". */
export const percent = (n: number | null) => (n === null ? 'n/a' : `${Math.round(n * 100)}%`);

/** A figure to two decimals, or "n/a". */
export const figure = (n: number | null, digits = 2) => (n === null ? 'n/a' : n.toFixed(digits));

/** 754 → "12 min 34 s". */
export function duration(seconds: number | null): string {
	if (seconds === null) return '–';
	const m = Math.floor(seconds / 60);
	const s = seconds % 60;
	return m ? `${m} min ${s} s` : `${s} s`;
}
