/**
 * Where a class lost its marks: per skill the share of credit earned, per paragraph of the article
 * the share of credit lost on the questions that cite it. Pure, like itemStatistics.ts.
 *
 * A question that cites two paragraphs counts in full for each: a paragraph's figure answers
 * "of the marks on questions whose evidence is here, how many did the class miss?".
 */

export interface ItemFacts {
	id: string;
	points: number;
	skill: string;
	/** Paragraph numbers the question cites (each once). */
	paragraphs: number[];
}

export interface Share {
	/** Marks earned (skills) or lost (paragraphs), summed over attempts. */
	marks: number;
	/** Marks available, summed over attempts. */
	possible: number;
	/** marks ÷ possible, or null when nothing was available. */
	share: number | null;
	/** The questions behind the figure, in the assignment's order. */
	questions: string[];
}

function shares<K extends string | number>(
	items: readonly ItemFacts[],
	marks: readonly (readonly number[])[],
	keysOf: (item: ItemFacts) => K[],
	count: (earned: number, points: number) => number
): Map<K, Share> {
	const out = new Map<K, Share>();
	items.forEach((item, j) => {
		for (const key of keysOf(item)) {
			let s = out.get(key);
			if (!s) out.set(key, (s = { marks: 0, possible: 0, share: null, questions: [] }));
			s.questions.push(item.id);
			for (const row of marks) {
				s.marks += count(row[j] ?? 0, item.points);
				s.possible += item.points;
			}
		}
	});
	for (const s of out.values()) s.share = s.possible ? s.marks / s.possible : null;
	return out;
}

/** Per skill: the share of the available credit the class earned. */
export function skillShares(
	items: readonly ItemFacts[],
	marks: readonly (readonly number[])[]
): Map<string, Share> {
	return shares(
		items,
		marks,
		(i) => [i.skill],
		(earned) => earned
	);
}

/** Per cited paragraph: the share of the credit the class lost on the questions citing it. */
export function paragraphLosses(
	items: readonly ItemFacts[],
	marks: readonly (readonly number[])[]
): Map<number, Share> {
	return shares(
		items,
		marks,
		(i) => [...new Set(i.paragraphs)],
		(earned, points) => points - earned
	);
}
