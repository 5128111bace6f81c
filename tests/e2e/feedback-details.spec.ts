/**
 * Feedback that teaches without giving the key away: a partly right matching, ordering or
 * multiple-choice answer says how much of it is right after any try, and (matching, ordering)
 * which lines once the question is resolved. Also: scores rounded as people read them, and a
 * learner's own words isolated so their direction cannot reorder the page.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	answerWithMouse,
	expectMarkedAnswer,
	expectNoAxeViolations,
	expectYourAnswer,
	fastForwardTo,
	feedbackHeading,
	firstOfType,
	formatScore,
	markedAnswer,
	maxScore,
	numberOf,
	practicePanel,
	scoreLine,
	type KeyQuestion,
	type PlannedAnswer
} from './helpers.ts';

type Of<T extends KeyQuestion['type']> = Extract<KeyQuestion, { type: T }>;
const matching = firstOfType('matching') as Of<'matching'>;
const ordering = firstOfType('ordering') as Of<'ordering'>;
const multipleChoice = firstOfType('multiple-choice') as Of<'multiple-choice'>;
const shortAnswer = firstOfType('short-answer');

/** Matching with only the first item matched right (the others to the option after theirs). */
function partlyMatched(q: Of<'matching'>) {
	const pairs = q.items.map((item, i) => {
		const right = q.options.findIndex((o) => o.id === item.match);
		const option = q.options[i === 0 ? right : (right + 1) % q.options.length]!;
		return { item: item.text, option: option.text, right: option.id === item.match };
	});
	const answer: PlannedAnswer = {
		kind: 'matching',
		pairs,
		rationales: [],
		words: pairs.map((p) => `${p.item} → ${p.option}`)
	};
	return { answer, lines: pairs.map((p) => ({ text: `${p.item} → ${p.option}`, right: p.right })) };
}

/**
 * Ordering with the key's third and fourth items swapped: counted, as the score counts, by the
 * neighbouring pairs of the key that the answer also has side by side.
 */
function partlyOrdered(q: Of<'ordering'>) {
	const key = q.items.map((i) => i.text);
	const items = [...key];
	[items[2], items[3]] = [items[3]!, items[2]!];
	const rightPairs = key
		.slice(0, -1)
		.map((a, i) => [a, key[i + 1]!] as const)
		.filter(([a, b]) => items.indexOf(b) === items.indexOf(a) + 1);
	const inPair = new Set(rightPairs.flat());
	const answer: PlannedAnswer = {
		kind: 'ordering',
		items,
		rationales: [],
		words: items.map((text, i) => `${i + 1}. ${text}`)
	};
	return {
		answer,
		right: rightPairs.length,
		of: key.length - 1,
		lines: items.map((text, i) => ({ text: `${i + 1}. ${text}`, right: inPair.has(text) }))
	};
}

/** One right choice and one wrong one: one right choice missing, one wrong choice picked. */
function rightAndWrongPicked(q: Of<'multiple-choice'>): PlannedAnswer {
	const right = q.choices.find((c) => q.answers.includes(c.id))!;
	const wrong = q.choices.find((c) => !q.answers.includes(c.id) && c.rationale)!;
	const labels = [right.text, wrong.text];
	return { kind: 'checkbox', labels, rationales: [wrong.rationale!], words: labels };
}

/** The count of what is right, under "Your answer". */
const partsLine = (page: Page) => practicePanel(page).locator('p.parts');

async function tryAgain(page: Page) {
	await practicePanel(page).getByRole('button', { name: 'Try again' }).click();
	await expect(practicePanel(page).getByRole('button', { name: 'Check answer' })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('matching: how many matches are right, then, on the last try, which', async ({ page }) => {
			await fastForwardTo(page, matching.id);
			const { answer, lines } = partlyMatched(matching);
			const right = lines.filter((l) => l.right).length;
			const of = `${right} of ${lines.length} matches ${right === 1 ? 'is' : 'are'} right.`;

			await answerWithMouse(page, answer);
			await expect(feedbackHeading(page, 'Partly right')).toBeVisible();
			await expect(partsLine(page)).toHaveText(of);
			// Which ones would give the key away while a try is left.
			await expect(markedAnswer(page)).toHaveCount(0);
			await expectYourAnswer(page, answer);
			await expect(practicePanel(page).getByText('The answer:')).toHaveCount(0);
			if (javaScriptEnabled) await expectNoAxeViolations(page, 'matching: partly right, retry');

			await tryAgain(page);
			await answerWithMouse(page, answer);
			await expect(practicePanel(page).getByText('That was your last try.')).toBeVisible();
			await expect(partsLine(page)).toHaveText(of);
			await expectMarkedAnswer(page, lines, { right: 'right', wrong: 'not right' });
			if (javaScriptEnabled) await expectNoAxeViolations(page, 'matching: marked, last try');
		});
	});
}

test('ordering: how many neighbouring pairs are right, then which items sit in them', async ({
	page
}) => {
	await fastForwardTo(page, ordering.id);
	const { answer, right, of, lines } = partlyOrdered(ordering);
	const said = `${right} of ${of} neighbouring pairs ${right === 1 ? 'is' : 'are'} in the right order.`;

	await answerWithMouse(page, answer);
	await expect(feedbackHeading(page, right ? 'Partly right' : 'Not quite')).toBeVisible();
	await expect(partsLine(page)).toHaveText(said);
	await expect(markedAnswer(page)).toHaveCount(0);
	await expectNoAxeViolations(page, 'ordering: partly right, retry');

	await tryAgain(page);
	await answerWithMouse(page, answer);
	await expect(partsLine(page)).toHaveText(said);
	await expectMarkedAnswer(page, lines, {
		right: 'next to the right item',
		wrong: 'not next to the right item'
	});
	await expectNoAxeViolations(page, 'ordering: marked, last try');
});

test('multiple choice: how many right choices are missing and wrong ones picked, never which', async ({
	page
}) => {
	await fastForwardTo(page, multipleChoice.id);
	const answer = rightAndWrongPicked(multipleChoice);
	const missing = multipleChoice.answers.length - 1;
	const said = `${missing} right ${missing === 1 ? 'choice' : 'choices'} missing, 1 wrong choice picked.`;

	await answerWithMouse(page, answer);
	await expect(partsLine(page)).toHaveText(said);
	// The wrong pick's rationale would name it: it waits for the question's end.
	await expect(
		practicePanel(page).getByRole('list', { name: 'Why that choice is not right' })
	).toHaveCount(0);
	await expectNoAxeViolations(page, 'multiple choice: counts, retry');

	await tryAgain(page);
	await answerWithMouse(page, answer);
	await expect(partsLine(page)).toHaveText(said);
	await expect(
		practicePanel(page).getByRole('list', { name: 'Why that choice is not right' })
	).toHaveText(answer.rationales);
	await expectNoAxeViolations(page, 'multiple choice: counts and rationales, last try');
});

test('scores are shown rounded to one decimal: a quarter point reads 0.3, the total 48.3', async ({
	page
}) => {
	// One pair of ordering's four right earns a quarter of its points; every other question full.
	const key = ordering.items.map((i) => i.text);
	const items = [key[0]!, key[1]!, key[3]!, key[2]!, ...key.slice(4)];
	const oneOrderingStep: PlannedAnswer = {
		kind: 'ordering',
		items,
		rationales: [],
		words: items.map((text, i) => `${i + 1}. ${text}`)
	};
	const pairs = key
		.slice(0, -1)
		.filter((a, i) => items.indexOf(key[i + 1]!) === items.indexOf(a) + 1).length;
	const earned = Math.round((pairs / (key.length - 1)) * ordering.points * 10000) / 10000;
	const score = Math.round((maxScore - ordering.points + earned) * 10000) / 10000;
	await fastForwardTo(page, null, { plan: { [ordering.id]: [oneOrderingStep] } });

	const panel = practicePanel(page);
	await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText(scoreLine(score));
	// Never more than one decimal, whatever the exact score.
	expect(formatScore(score, maxScore)).toMatch(/^\d+(\.\d)? of \d+$/);
	await expect(panel.getByText(/points \(\d+%\)$/)).toContainText(`of ${maxScore} points`);
	const item = panel
		.locator('ol.missed > li')
		.filter({ hasText: `Question ${numberOf(ordering)}:` });
	await expect(item.getByText('Your answer:')).toContainText(
		`· ${formatScore(earned, ordering.points)} points`
	);
});

test('a learner’s own words are isolated: a right-to-left override cannot reverse what follows', async ({
	page
}) => {
	await fastForwardTo(page, shortAnswer.id);
	const text = 'I think \u202Eit was the press';
	const answer: PlannedAnswer = { kind: 'text', text, rationales: [], words: [text] };
	await answerWithMouse(page, answer);

	const line = practicePanel(page).locator('.your-answer');
	const bdi = line.locator('bdi');
	await expect(bdi).toHaveText(text);
	expect(await bdi.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
	await expectNoAxeViolations(page, 'short answer with an override character');

	// In the results the answer is followed by its points, on the same line: those must read left
	// to right, first character leftmost, as if the override were not there.
	await fastForwardTo(page, null, { from: 'here' });
	const item = practicePanel(page)
		.locator('ol.missed > li')
		.filter({ hasText: `Question ${numberOf(shortAnswer)}:` });
	const layout = await item
		.getByText('Your answer:')
		.locator('bdi')
		.evaluate((el) => {
			// The next text that shows anything (Svelte may leave empty comment markers between).
			let after = el.nextSibling;
			while (after && !(after.nodeType === Node.TEXT_NODE && after.textContent!.trim())) {
				after = after.nextSibling;
			}
			if (!after) throw new Error('no text after the answer');
			const text = after.textContent ?? '';
			// Where each character shows, line by line (the line may wrap on a narrow panel).
			const lines = new Map<number, number[]>();
			for (let i = 0; i < text.length; i++) {
				if (!text[i]!.trim()) continue;
				const range = document.createRange();
				range.setStart(after, i);
				range.setEnd(after, i + 1);
				const rect = range.getBoundingClientRect();
				const top = Math.round(rect.top);
				lines.set(top, [...(lines.get(top) ?? []), rect.left]);
			}
			return { tag: el.tagName, after: text.trim(), lines: [...lines.values()] };
		});
	expect(layout.tag).toBe('BDI');
	expect(layout.after).toMatch(/^· 0 of 1 points$/);
	// Reversed by the override, each line's characters would run right to left.
	expect(layout.lines.some((l) => l.length > 3)).toBe(true);
	for (const line of layout.lines) {
		expect(line, 'the text after the answer reads left to right').toEqual(
			[...line].sort((a, b) => a - b)
		);
	}
});
