/**
 * One question of each of the newer types, with JavaScript on and off: what the full runs do not
 * show (refused input, partial credit, moving items by keyboard, wrong evidence). Each test gets
 * to its question by posting the earlier answers (fastForwardTo); the full runs answer those.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	answerForm,
	answerWithKeyboard,
	answerWithMouse,
	evidenceChoice,
	evidenceGroup,
	expectNoAxeViolations,
	expectVisibleFocus,
	expectYourAnswer,
	fastForwardTo,
	feedbackHeading,
	firstOfType,
	moveButton,
	numberOf,
	partChoice,
	placeItems,
	plannedAnswer,
	practicePanel,
	questionHeading,
	questions,
	reorder,
	selectFor,
	shownOrder,
	tabTo,
	twoPartAnswer,
	type PlannedAnswer,
	formatScore,
	blockAppScripts
} from './helpers.ts';

const ordering = firstOfType('ordering') as Extract<
	(typeof questions)[number],
	{ type: 'ordering' }
>;
const matching = firstOfType('matching');
const evidence = firstOfType('evidence');
const twoPart = firstOfType('two-part');

/** The refusal: an alert (focused, with JavaScript) that describes the question, and no try used. */
async function expectRefused(page: Page, message: string, described: ReturnType<Page['locator']>) {
	const panel = practicePanel(page);
	const error = panel.getByRole('alert');
	await expect(error).toHaveText(`⚠ ${message} Nothing was counted.`);
	await expect(described).toHaveAccessibleDescription(new RegExp(message));
	await expect(panel.getByText('Try 1 of 2')).toBeVisible();
	await expect(feedbackHeading(page)).toHaveCount(0);
	return error;
}

test('ordering by keyboard: the moved item keeps focus and its new place is announced', async ({
	page
}) => {
	await fastForwardTo(page, ordering.id);
	const key = ordering.items.map((i) => i.text);
	const status = answerForm(page).getByRole('status');
	await expect(status).toBeEmpty();
	// Past the article by the skip link, as a keyboard user would.
	await tabTo(page, page.getByRole('link', { name: 'Skip to the practice questions' }));
	await page.keyboard.press('Enter');

	await test.step('one move: focus stays on the button, the status says where the item is', async () => {
		// Whatever the shuffle, the last item listed can move up.
		const last = (await shownOrder(page)).at(-1)!;
		const up = moveButton(page, 'up', last);
		await tabTo(page, up);
		await page.keyboard.press('Enter');
		await expect(up).toBeFocused();
		await expectVisibleFocus(page);
		await expect(status).toHaveText(`“${last}” is now number ${key.length - 1} of ${key.length}.`);
		expect((await shownOrder(page)).indexOf(last)).toBe(key.length - 2);
		// The list shows the new places too.
		await expect(
			answerForm(page)
				.getByRole('listitem')
				.nth(key.length - 2)
		).toContainText(`${key.length - 1}. ${last}`);
	});

	await test.step('at the top, "Move up" is disabled and focus goes to the item’s "Move down"', async () => {
		const second = (await shownOrder(page))[1]!;
		const up = moveButton(page, 'up', second);
		await tabTo(page, up);
		await page.keyboard.press('Enter');
		await expect(status).toHaveText(`“${second}” is now number 1 of ${key.length}.`);
		await expect(up).toBeDisabled();
		await expect(moveButton(page, 'down', second)).toBeFocused();
		await expectVisibleFocus(page);
		await expectNoAxeViolations(page, 'ordering question, items moved');
	});

	// Into the right order (the helper checks focus and the status at every move).
	await reorder(page, key, 'keyboard');

	await tabTo(page, answerForm(page).getByRole('button', { name: 'Check answer' }));
	await page.keyboard.press('Enter');
	await expect(feedbackHeading(page, 'Correct')).toBeFocused();
	await expectYourAnswer(page, plannedAnswer(ordering, true));
	await expect(practicePanel(page).getByText('Points: 1 of 1')).toBeVisible();
});

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('ordering by place selects; two items in one place are refused', async ({ page }) => {
		await fastForwardTo(page, ordering.id);
		const key = ordering.items.map((i) => i.text);
		await expect(answerForm(page).getByRole('button', { name: /^Move / })).toHaveCount(0);
		await expect(
			answerForm(page).getByText('Give each item its place in the order: 1 for first.')
		).toBeVisible();

		await placeItems(page, key);
		await selectFor(page, key[1]!).selectOption({ label: '1' });
		await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
		await expectRefused(
			page,
			'Give each item a different place in the order.',
			answerForm(page).getByRole('group')
		);

		await answerWithMouse(page, true);
		await expect(feedbackHeading(page, 'Correct')).toBeVisible();
		await expectYourAnswer(page, plannedAnswer(ordering, true));
	});
});

// axe needs JavaScript in the page. To scan what a learner without JavaScript gets (place selects
// for ordering, a refusal rendered by the server), the app's own scripts are blocked instead: the
// page is then never hydrated and its forms post natively, as with JavaScript off.
test('without the app’s scripts, ordering by place and its refusal pass axe', async ({ page }) => {
	await blockAppScripts(page);
	await fastForwardTo(page, ordering.id, { app: false });
	const key = ordering.items.map((i) => i.text);
	await expect(
		answerForm(page).getByText('Give each item its place in the order: 1 for first.')
	).toBeVisible();
	await expectNoAxeViolations(page, 'ordering by place selects');
	await placeItems(page, key);
	await selectFor(page, key[0]!).selectOption({ label: String(key.length) });
	await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
	await expectRefused(
		page,
		'Give each item a different place in the order.',
		answerForm(page).getByRole('group')
	);
	await expect(answerForm(page).getByRole('button', { name: /^Move / })).toHaveCount(0);
	await expectNoAxeViolations(page, 'ordering refused, without scripts');
});

for (const javaScriptEnabled of [true, false]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('matching with an item left unmatched is refused; then a full answer is graded', async ({
			page
		}) => {
			await fastForwardTo(page, matching.id);
			const right = plannedAnswer(matching, true) as Extract<PlannedAnswer, { kind: 'matching' }>;
			for (const { item, option } of right.pairs.slice(0, -1)) {
				await selectFor(page, item).selectOption({ label: option });
			}
			await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
			const error = await expectRefused(
				page,
				'Answer every part of the question first.',
				answerForm(page).getByRole('group')
			);
			if (javaScriptEnabled) {
				await expect(error).toBeFocused();
				await expectNoAxeViolations(page, 'matching refused');
			}
			// Nothing is lost: the matches already made are still chosen, with or without JavaScript.
			for (const { item, option } of right.pairs.slice(0, -1)) {
				await expect(selectFor(page, item).locator('option:checked')).toHaveText(option);
			}

			const { answer } = await answerWithMouse(page, true);
			await expect(feedbackHeading(page, 'Correct')).toBeVisible();
			await expectYourAnswer(page, answer);
			await expect(practicePanel(page).getByText('Points: 1 of 1')).toBeVisible();
		});

		test('evidence is chosen in the article; a wrong sentence gets a re-read link to the right paragraph', async ({
			page
		}) => {
			await fastForwardTo(page, evidence.id);
			const panel = practicePanel(page);
			const cited = evidence.cites[0]!.paragraph;

			await test.step('checking with nothing chosen is refused', async () => {
				await evidenceGroup(page).getByRole('button', { name: 'Check this evidence' }).click();
				await expect(panel.getByRole('alert')).toContainText('Choose or type an answer first');
				// The choices in the article are described by the error too.
				await expect(evidenceGroup(page)).toHaveAccessibleDescription(
					/Choose or type an answer first/
				);
				await expect(feedbackHeading(page)).toHaveCount(0);
			});

			const wrong = plannedAnswer(evidence, false);
			await answerWithMouse(page, wrong);
			await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
			await expectYourAnswer(page, wrong);
			await expect(panel.getByText('You have 1 try left.')).toBeVisible();
			// The choices have left the article with the question.
			await expect(evidenceGroup(page)).toHaveCount(0);
			if (javaScriptEnabled) await expectNoAxeViolations(page, 'evidence: not quite');

			// The answer is a cited paragraph, so re-reading points at the lesson's whole range.
			const reread = panel.getByRole('link', { name: /^Paragraphs \d+–\d+$/ });
			const [from, to] = (await reread.textContent())!.match(/\d+/g)!.map(Number);
			expect(from! <= cited && cited <= to!, 'the range holds the answer').toBe(true);
			await expect(reread).toHaveAttribute('href', `#p-${from}`);
			await expect(
				panel.locator('.feedback a[href*="?"]'),
				'no link in the feedback names a citation'
			).toHaveCount(0);
			await reread.click();
			await expect(page.locator(`#p-${from}`)).toBeInViewport();
			await expect(page.locator('mark'), 'no quote is given away').toHaveCount(0);

			await panel.getByRole('button', { name: 'Try again' }).click();
			await expect(panel.getByText('Try 2 of 2')).toBeVisible();
			await expect(evidenceChoice(page, wrong), 'a fresh choice for the new try').not.toBeChecked();
			const right = await answerWithMouse(page, true);
			await expect(feedbackHeading(page, 'Correct')).toBeVisible();
			await expectYourAnswer(page, right.answer);
			await expect(panel.getByText(`Points: ${formatScore(0.75, 1)}`)).toBeVisible();
		});

		test('two-part: Part A alone is refused; Part A right with Part B wrong earns half', async ({
			page
		}) => {
			await fastForwardTo(page, twoPart.id);
			const panel = practicePanel(page);
			const partly = twoPartAnswer(twoPart, true, false);

			await partChoice(page, 'A', partly.partA).click();
			await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
			const error = await expectRefused(
				page,
				'Answer every part of the question first.',
				answerForm(page).getByRole('group', { name: /^Part B/ })
			);
			if (javaScriptEnabled) await expect(error).toBeFocused();

			// Nothing is lost: Part A is still chosen, with or without JavaScript.
			await expect(partChoice(page, 'A', partly.partA)).toBeChecked();
			if (javaScriptEnabled) {
				// The keyboard finishes the answer.
				await answerWithKeyboard(page, partly);
				await expect(page.getByRole('status')).toHaveText('Partly right. 1 try left.');
			} else {
				await answerWithMouse(page, partly);
			}
			await expect(feedbackHeading(page, 'Partly right')).toBeVisible();
			await expectYourAnswer(page, partly);
			await expect(panel.getByRole('list', { name: 'Why that choice is not right' })).toHaveText(
				partly.rationales
			);
			if (javaScriptEnabled) await expectNoAxeViolations(page, 'two-part: partly right');

			await test.step('skipped now, it keeps half its points: the results say so', async () => {
				await panel.getByRole('button', { name: 'Skip to the next question' }).click();
				await expect(questionHeading(page, numberOf(twoPart) + 1)).toBeVisible();
				await fastForwardTo(page, null, { from: 'here' });
				const points = twoPart.points / 2;
				const item = panel.locator('ol.missed > li');
				await expect(item).toHaveCount(1);
				await expect(item.getByText('Your answer:')).toHaveText(
					`Your answer: ${partly.words.join('; ')} · ${formatScore(points, twoPart.points)} points`
				);
				const max = questions.reduce((sum, q) => sum + q.points, 0);
				await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText(
					`${formatScore(max - points, max)} points (${Math.round(((max - points) / max) * 100)}%)`
				);
			});
		});
	});
}
