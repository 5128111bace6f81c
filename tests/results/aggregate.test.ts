/** Skills and paragraphs on a hand-worked class of three. */
import { describe, expect, it } from 'vitest';
import { paragraphLosses, skillShares, type ItemFacts } from '../../src/lib/results/aggregate.ts';

const items: ItemFacts[] = [
	{ id: 'q1', points: 1, skill: 'recall', paragraphs: [1] },
	{ id: 'q2', points: 2, skill: 'inference', paragraphs: [1, 2] },
	{ id: 'q3', points: 1, skill: 'recall', paragraphs: [3, 3] }
];
// Three students' marks on q1, q2, q3.
const marks = [
	[1, 2, 0],
	[0, 1, 1],
	[1, 0, 0]
];

describe('where the marks went', () => {
	it('per paragraph: the share lost on the questions citing it', () => {
		const by = paragraphLosses(items, marks);
		// ¶1: q1 (1 point × 3 students, 1 lost) and q2 (2 points × 3, 3 lost): 4 of 9 lost.
		expect(by.get(1)).toEqual({ marks: 4, possible: 9, share: 4 / 9, questions: ['q1', 'q2'] });
		// ¶2: only q2: 3 of 6 lost.
		expect(by.get(2)).toEqual({ marks: 3, possible: 6, share: 0.5, questions: ['q2'] });
		// ¶3: q3, cited twice but counted once: 2 of 3 lost.
		expect(by.get(3)).toEqual({ marks: 2, possible: 3, share: 2 / 3, questions: ['q3'] });
		expect(by.has(4)).toBe(false);
	});

	it('per skill: the share earned', () => {
		const by = skillShares(items, marks);
		// recall: q1 (2 of 3) and q3 (1 of 3): 3 of 6.
		expect(by.get('recall')).toEqual({
			marks: 3,
			possible: 6,
			share: 0.5,
			questions: ['q1', 'q3']
		});
		expect(by.get('inference')).toEqual({ marks: 3, possible: 6, share: 0.5, questions: ['q2'] });
	});

	it('no attempts: nothing available, no share', () => {
		expect(paragraphLosses(items, []).get(1)?.share).toBeNull();
	});
});
