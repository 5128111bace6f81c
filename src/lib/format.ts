/**
 * Numbers as people read them. Scores are kept exact (to 4 decimals) in the data and in CSV
 * exports; pages show them through these functions only, so every page rounds the same way.
 *
 * The rule: points are shown to at most one decimal, with ".0" dropped (21.5833 → "21.6",
 * 0.3333 → "0.3", 2 → "2"). Rounding never changes what kind of score it is: a score above
 * nothing never shows as 0 (0.04 → "0.1"), and a score short of the total never shows as the
 * total (42.96 of 43 → "42.9 of 43").
 */

/** Points to at most one decimal, ".0" dropped; a positive amount never shows as 0. */
export function formatPoints(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	let tenths = Math.round(n * 10);
	if (n > 0 && tenths === 0) tenths = 1;
	return String(tenths / 10);
}

/** Points earned out of a total, as `formatPoints` shows them; short of the total never reads as full. */
export function formatEarned(earned: number, total: number): string {
	const shown = formatPoints(earned);
	if (earned < total && shown === formatPoints(total)) {
		return String(Math.floor(earned * 10 + 1e-9) / 10);
	}
	return shown;
}

/** "21.6 of 43": earned (as `formatEarned`) of total (as `formatPoints`). */
export function formatScore(earned: number, total: number): string {
	return `${formatEarned(earned, total)} of ${formatPoints(total)}`;
}

/** "point" or "points", for a number of points as shown. */
export function pointsWord(n: number): string {
	return formatPoints(n) === '1' ? 'point' : 'points';
}
