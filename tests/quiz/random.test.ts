import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from '../../src/lib/quiz/random.ts';

const draw = (seed: number, n = 20) => Array.from({ length: n }, seededRandom(seed));
const letters = 'abcdefghijkl'.split('');

describe('seededRandom', () => {
	it('gives the same sequence for the same seed', () => {
		expect(draw(42)).toEqual(draw(42));
	});

	it('gives different sequences for different seeds', () => {
		expect(draw(1)).not.toEqual(draw(2));
		expect(draw(0)).not.toEqual(draw(1));
	});

	it('gives numbers in [0, 1)', () => {
		for (const n of draw(7, 1000)) {
			expect(n).toBeGreaterThanOrEqual(0);
			expect(n).toBeLessThan(1);
		}
	});
});

describe('shuffled', () => {
	it('gives the same order for the same seed', () => {
		expect(shuffled(letters, seededRandom(9))).toEqual(shuffled(letters, seededRandom(9)));
	});

	it('gives different orders for different seeds', () => {
		expect(shuffled(letters, seededRandom(1))).not.toEqual(shuffled(letters, seededRandom(2)));
	});

	it('returns a permutation of the input', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const out = shuffled(letters, seededRandom(seed));
			expect(out).toHaveLength(letters.length);
			expect([...out].sort()).toEqual(letters);
		}
	});

	it('leaves the input alone', () => {
		const input = Object.freeze([...letters]);
		const out = shuffled(input, seededRandom(3));
		expect(input).toEqual(letters);
		expect(out).not.toBe(input);
	});

	it('moves items: some seed puts the first item elsewhere', () => {
		const firsts = new Set([1, 2, 3, 4, 5, 6].map((s) => shuffled(letters, seededRandom(s))[0]));
		expect(firsts.size).toBeGreaterThan(1);
	});

	it('handles empty and one-item lists', () => {
		expect(shuffled([], seededRandom(1))).toEqual([]);
		expect(shuffled(['only'], seededRandom(1))).toEqual(['only']);
	});
});
