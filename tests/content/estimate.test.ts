import { describe, expect, it } from 'vitest';
import { SECONDS_PER_QUESTION, practiceMinutes } from '../../src/lib/content/estimate.ts';

describe('practiceMinutes', () => {
	it('is the questions times the per-question estimate, in whole minutes', () => {
		expect(SECONDS_PER_QUESTION).toBe(45);
		expect(practiceMinutes(49)).toBe(37); // 36.75
		expect(practiceMinutes(4)).toBe(3);
		expect(practiceMinutes(10)).toBe(8); // 7.5 rounds up
	});

	it('never says zero minutes', () => {
		expect(practiceMinutes(1)).toBe(1);
		expect(practiceMinutes(0)).toBe(1);
	});
});
