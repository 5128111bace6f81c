/**
 * Item analysis against Moodle's own worked figures (tests/fixtures/item-statistics: 25 attempts
 * × 7 questions and what Moodle's quiz statistics report gives for them), to the 4th decimal
 * place; and properties that hold for any class.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	itemStatistics,
	median,
	type ItemStatistics
} from '../../src/lib/results/itemStatistics.ts';

function csv(name: string): Record<string, number>[] {
	const [head, ...rows] = readFileSync(
		new URL(`../fixtures/item-statistics/${name}`, import.meta.url),
		'utf8'
	)
		.trim()
		.split('\n');
	const columns = head!.split(',');
	return rows.map((row) =>
		Object.fromEntries(row.split(',').map((v, i) => [columns[i]!, Number(v)]))
	);
}

const results = csv('results00.csv');
const expected = csv('qstats00.csv');
const SLOTS = 7;
const marks = results.map((r) =>
	Array.from({ length: SLOTS }, (_, j) => r[`slots.${j + 1}.mark`]!)
);

const COLUMNS: [string, keyof ItemStatistics][] = [
	['facility', 'facility'],
	['sd', 'sd'],
	['markvariance', 'markVariance'],
	['othermarkvariance', 'otherMarkVariance'],
	['covariance', 'covariance'],
	['discriminationindex', 'discriminationIndex'],
	['covariancemax', 'covarianceMax'],
	['discriminativeefficiency', 'discriminativeEfficiency'],
	['effectiveweight', 'effectiveWeight']
];

describe('item statistics, against Moodle’s figures', () => {
	const stats = itemStatistics(marks, Array(SLOTS).fill(1));

	for (const row of expected) {
		for (const [column, field] of COLUMNS) {
			it(`slot ${row.slot}: ${column}`, () => {
				const got = stats.items[row.slot! - 1]![field];
				expect(got).not.toBeNull();
				expect(got!).toBeCloseTo(row[column]!, 4);
			});
		}
	}

	it('the whole test: mean, median, standard deviation and Cronbach’s alpha of the totals', () => {
		const totals = marks.map((m) => m.reduce((a, b) => a + b, 0));
		// Worked by hand from results00.csv's totals.
		expect(stats.test.attempts).toBe(25);
		expect(stats.test.mean!).toBeCloseTo(totals.reduce((a, b) => a + b) / 25, 10);
		expect(stats.test.mean!).toBeCloseTo(4.6173, 4);
		expect(stats.test.median).toBe(4.5);
		const itemVariances = expected.map((r) => r.markvariance!);
		const totalVariance = stats.test.sd! ** 2;
		expect(stats.test.cronbachAlpha!).toBeCloseTo(
			(7 / 6) * (1 - itemVariances.reduce((a, b) => a + b) / totalVariance),
			4
		);
		// The fixture's marks are random, so the items do not hang together: alpha is negative.
		expect(stats.test.cronbachAlpha!).toBeLessThan(0);
	});
});

describe('item statistics, for any class', () => {
	const classes = fc
		.record({ items: fc.integer({ min: 1, max: 6 }), attempts: fc.integer({ min: 0, max: 30 }) })
		.chain(({ items, attempts }) =>
			fc.record({
				max: fc.array(fc.constantFrom(1, 2, 4), { minLength: items, maxLength: items }),
				share: fc.array(
					fc.array(fc.constantFrom(0, 0.25, 0.5, 1), { minLength: items, maxLength: items }),
					{ minLength: attempts, maxLength: attempts }
				)
			})
		);

	it('facility is between 0 and 1, and no figure is NaN or infinite', () => {
		fc.assert(
			fc.property(classes, ({ max, share }) => {
				const marks = share.map((row) => row.map((s, j) => s * max[j]!));
				const { items, test } = itemStatistics(marks, max);
				for (const item of items) {
					expect(item.facility).toBeGreaterThanOrEqual(0);
					expect(item.facility).toBeLessThanOrEqual(1);
					for (const value of [...Object.values(item), ...Object.values(test)]) {
						if (value !== null) expect(Number.isFinite(value)).toBe(true);
					}
				}
			})
		);
	});

	it('a question everyone got right, or everyone got wrong, has no discrimination (null, not NaN)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 30 }),
				fc.constantFrom(0, 1),
				fc.array(fc.constantFrom(0, 1), { minLength: 30, maxLength: 30 }),
				(n, same, other) => {
					const marks = Array.from({ length: n }, (_, i) => [same, other[i]!]);
					const { items } = itemStatistics(marks, [1, 1]);
					expect(items[0]!.facility).toBe(same);
					expect(items[0]!.discriminationIndex).toBeNull();
					expect(items[0]!.discriminativeEfficiency).toBeNull();
				}
			)
		);
	});

	it('discrimination stays within ±100, and a question that tracks the rest of the test is +100', () => {
		const marks = [
			[1, 1, 1],
			[1, 1, 0],
			[0, 0, 1],
			[0, 0, 0]
		];
		// Item 1 equals item 2, which is all of "the rest" that varies with it.
		const { items } = itemStatistics(
			marks.map(([a, b]) => [a!, b!]),
			[1, 1]
		);
		expect(items[0]!.discriminationIndex!).toBeCloseTo(100, 10);
		fc.assert(
			fc.property(classes, ({ max, share }) => {
				const { items } = itemStatistics(
					share.map((row) => row.map((s, j) => s * max[j]!)),
					max
				);
				for (const item of items) {
					if (item.discriminationIndex !== null) {
						expect(Math.abs(item.discriminationIndex)).toBeLessThanOrEqual(100 + 1e-9);
					}
				}
			})
		);
	});

	it('one attempt is too few for any spread', () => {
		const { items, test } = itemStatistics([[1, 0]], [1, 1]);
		expect(items.map((i) => i.facility)).toEqual([1, 0]);
		expect(items.map((i) => i.sd)).toEqual([null, null]);
		expect(test.sd).toBeNull();
		expect(test.cronbachAlpha).toBeNull();
		expect(median([])).toBeNull();
	});
});
