/**
 * Item analysis for an assignment's submitted attempts, as Moodle's quiz statistics report
 * computes it (see tests/fixtures/item-statistics/README.md for each definition). Pure: numbers
 * in, numbers out, no framework, so the server, the CSV export and the tests share it.
 *
 * Every variance and covariance is the sample one (n − 1). A figure that cannot be computed (one
 * attempt, or an item everyone got equally right or wrong, so nothing varies) is `null`, shown
 * as "n/a", never NaN.
 */

export interface ItemStatistics {
	/** Mean mark ÷ maximum: the share of the marks earned, 0–1. */
	facility: number;
	/** Sample standard deviation of the marks ÷ maximum. */
	sd: number | null;
	markVariance: number | null;
	/** Sample variance of "the rest of the test": each attempt's total minus this item. */
	otherMarkVariance: number | null;
	/** Sample covariance of the item's mark with the rest of the test. */
	covariance: number | null;
	/** 100 × correlation of the item with the rest of the test. */
	discriminationIndex: number | null;
	/** The covariance the item would reach if both were sorted alike: the most it could be. */
	covarianceMax: number | null;
	/** 100 × covariance ÷ covarianceMax. */
	discriminativeEfficiency: number | null;
	/** 100 × the item's share of the spread of totals (negative contributions count as 0). */
	effectiveWeight: number | null;
}

export interface TestStatistics {
	attempts: number;
	/** Of the totals, in marks. */
	mean: number | null;
	median: number | null;
	sd: number | null;
	/** Cronbach's alpha: how consistently the items measure one thing (null under 2 items). */
	cronbachAlpha: number | null;
}

export interface Statistics {
	items: ItemStatistics[];
	test: TestStatistics;
}

/** Below this many attempts the figures are too few to trust (the page says so). */
export const FEW_ATTEMPTS = 10;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]) => sum(xs) / xs.length;

function covariance(xs: readonly number[], ys: readonly number[]): number | null {
	const n = xs.length;
	if (n < 2) return null;
	const mx = mean(xs);
	const my = mean(ys);
	let s = 0;
	for (let i = 0; i < n; i++) s += (xs[i]! - mx) * (ys[i]! - my);
	return s / (n - 1);
}

const variance = (xs: readonly number[]) => covariance(xs, xs);

/** The middle value (mean of the two middle ones for an even count); null when empty. */
export function median(xs: readonly number[]): number | null {
	if (!xs.length) return null;
	const sorted = [...xs].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ascending = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

/** A ratio, or null when the divisor is zero or either side is unknown. */
function ratio(a: number | null, b: number | null): number | null {
	if (a === null || b === null || b === 0 || !Number.isFinite(a / b)) return null;
	return a / b;
}

/**
 * `marks[attempt][item]` is the mark earned (0 when unanswered); `maxMarks[item]` the item's
 * maximum.
 */
export function itemStatistics(
	marks: readonly (readonly number[])[],
	maxMarks: readonly number[]
): Statistics {
	const n = marks.length;
	const k = maxMarks.length;
	const totals = marks.map((row) => sum(row));
	const totalVariance = variance(totals);
	const columns = maxMarks.map((_, j) => marks.map((row) => row[j] ?? 0));

	const withTotal = columns.map((col) => covariance(col, totals));
	const roots = withTotal.map((c) => (c !== null && c > 0 ? Math.sqrt(c) : 0));
	const rootSum = sum(roots);

	const items = columns.map((col, j): ItemStatistics => {
		const max = maxMarks[j]!;
		const rest = col.map((m, i) => totals[i]! - m);
		const markVariance = variance(col);
		const otherMarkVariance = variance(rest);
		const cov = covariance(col, rest);
		const covMax = n >= 2 ? covariance(ascending(col), ascending(rest)) : null;
		const spread =
			markVariance !== null && otherMarkVariance !== null
				? Math.sqrt(markVariance * otherMarkVariance)
				: null;
		const correlation = ratio(cov, spread);
		const efficiency = ratio(cov, covMax);
		return {
			facility: n && max ? mean(col) / max : 0,
			sd: markVariance === null || !max ? null : Math.sqrt(markVariance) / max,
			markVariance,
			otherMarkVariance,
			covariance: cov,
			discriminationIndex: correlation === null ? null : 100 * correlation,
			covarianceMax: covMax,
			discriminativeEfficiency: efficiency === null ? null : 100 * efficiency,
			effectiveWeight: n >= 2 && rootSum > 0 ? (100 * roots[j]!) / rootSum : null
		};
	});

	const itemVariances = items.map((i) => i.markVariance ?? 0);
	const alpha =
		k >= 2 && totalVariance ? (k / (k - 1)) * (1 - sum(itemVariances) / totalVariance) : null;
	return {
		items,
		test: {
			attempts: n,
			mean: n ? mean(totals) : null,
			median: median(totals),
			sd: totalVariance === null ? null : Math.sqrt(totalVariance),
			cronbachAlpha: alpha
		}
	};
}
