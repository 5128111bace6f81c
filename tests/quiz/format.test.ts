import { describe, expect, it } from 'vitest';
import { formatEarned, formatPoints, formatScore, pointsWord } from '../../src/lib/format.ts';

describe('formatPoints', () => {
	it.each([
		[0, '0'],
		[1, '1'],
		[49, '49'],
		[0.5, '0.5'],
		[0.25, '0.3'],
		[0.3333, '0.3'],
		[0.6667, '0.7'],
		[21.5833, '21.6'],
		[2.95, '3'],
		[12.75, '12.8']
	])('%d → %s: at most one decimal, ".0" dropped', (n, shown) => {
		expect(formatPoints(n)).toBe(shown);
	});

	it('never shows a score above nothing as 0', () => {
		expect(formatPoints(0.04)).toBe('0.1');
		expect(formatPoints(0.0001)).toBe('0.1');
	});
});

describe('formatScore', () => {
	it('says earned of total', () => {
		expect(formatScore(21.5833, 43)).toBe('21.6 of 43');
		expect(formatScore(0.3333, 1)).toBe('0.3 of 1');
		expect(formatScore(49, 49)).toBe('49 of 49');
	});

	it('never shows a score short of the total as the total', () => {
		expect(formatScore(42.96, 43)).toBe('42.9 of 43');
		expect(formatEarned(0.99, 1)).toBe('0.9');
		expect(formatEarned(1, 1)).toBe('1');
	});

	it('pointsWord agrees with the number as shown', () => {
		expect(pointsWord(1)).toBe('point');
		expect(pointsWord(2)).toBe('points');
		expect(pointsWord(0.5)).toBe('points');
	});
});
