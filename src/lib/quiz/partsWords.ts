/**
 * How much of a partly right answer is right, in words (see `FeedbackParts`): one sentence of
 * counts, and the words that go with each line's mark once the question is resolved.
 */
import type { FeedbackParts } from './view.ts';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "2 of 4 matches are right." · "1 of 3 neighbouring pairs is in the right order." ·
 * "1 right choice missing, 1 wrong choice picked."
 */
export function partsInWords(parts: FeedbackParts): string {
	switch (parts.kind) {
		case 'matching':
			return `${parts.right} of ${count(parts.of, 'match', 'matches')} ${parts.right === 1 ? 'is' : 'are'} right.`;
		case 'ordering':
			return `${parts.right} of ${count(parts.of, 'neighbouring pair', 'neighbouring pairs')} ${parts.right === 1 ? 'is' : 'are'} in the right order.`;
		case 'multiple-choice': {
			const said = [
				...(parts.missing
					? [`${count(parts.missing, 'right choice', 'right choices')} missing`]
					: []),
				...(parts.extra ? [`${count(parts.extra, 'wrong choice', 'wrong choices')} picked`] : [])
			];
			return said.length ? `${said.join(', ')}.` : '';
		}
	}
}

/** What a line's mark says, in words as well as a symbol. */
export function markInWords(kind: 'matching' | 'ordering', right: boolean): string {
	if (kind === 'matching') return right ? 'right' : 'not right';
	return right ? 'next to the right item' : 'not next to the right item';
}

/** What the marks mean, said once above them. */
export function marksLegend(kind: 'matching' | 'ordering'): string {
	return kind === 'matching'
		? 'Each match is marked right or not right.'
		: 'Each item is marked by whether it sits next to an item it belongs next to.';
}
