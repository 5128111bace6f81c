import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_URL,
	answerWithMouse,
	fastForwardTo,
	feedbackHeading,
	goOnWithMouse,
	openPage,
	plannedAnswer,
	practicePanel,
	questionHeading,
	questions,
	formatScore
} from './helpers.ts';

/**
 * Three questions answered (the second one wrongly at first), posted as a learner's forms would
 * (setup: the walkthroughs cover answering them), then a wrong try at the fourth in the browser
 * (an evidence question: a sentence chosen in the reader).
 */
async function stopMidwayThroughQuestion4(page: Page) {
	await fastForwardTo(page, questions[3]!.id, {
		plan: { [questions[1]!.id]: [false, 'retry', true] }
	});
	await answerWithMouse(page, false);
	await expectMidwayThroughQuestion4(page);
}

async function expectMidwayThroughQuestion4(page: Page) {
	const panel = practicePanel(page);
	await expect(feedbackHeading(page)).toHaveText(/Not quite/);
	await expect(
		panel.getByText(`Question 4 of ${questions.length}: ${questions[3]!.prompt}`)
	).toBeVisible();
	await expect(panel.getByText('You have 1 try left.')).toBeVisible();
	const wrong = plannedAnswer(questions[3]!, false);
	await expect(panel.getByText('Your answer:')).toHaveText(
		`Your answer: ${wrong.words.join('; ')}`
	);
	await expect(panel.getByRole('button', { name: 'Try again' })).toBeVisible();
}

test('a reload resumes exactly where the learner was', async ({ page }) => {
	await stopMidwayThroughQuestion4(page);
	await page.reload();
	await expectMidwayThroughQuestion4(page);
	await expect(practicePanel(page).getByRole('button', { name: 'Start practice' })).toHaveCount(0);
});

test('a second tab with the same learner opens at the same place', async ({ page, context }) => {
	await stopMidwayThroughQuestion4(page);
	const second = await context.newPage();
	await second.goto(MODULE_URL);
	await expectMidwayThroughQuestion4(second);
});

for (const javaScriptEnabled of [true, false]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('a stale form from another tab is refused, shows where the quiz is, and loses nothing', async ({
			page,
			context
		}) => {
			await stopMidwayThroughQuestion4(page);
			const second = await context.newPage();
			await openPage(second);
			await expectMidwayThroughQuestion4(second);

			// The second tab moves on: it takes the second try at question 4, and gets it right.
			await practicePanel(second).getByRole('button', { name: 'Try again' }).click();
			await expect(practicePanel(second).getByText('Try 2 of 2')).toBeVisible();
			await answerWithMouse(second, true);
			await expect(feedbackHeading(second, 'Correct')).toBeVisible();

			// The first tab still shows the old feedback; its "Try again" is for a state that is gone.
			await practicePanel(page).getByRole('button', { name: 'Try again' }).click();
			const notice = practicePanel(page).getByRole('alert');
			await expect(notice).toContainText('moved on in another tab');
			if (javaScriptEnabled) await expect(notice).toBeFocused();
			// "Here is where it is now": the first tab shows the second tab's state, not its stale one.
			await expect(feedbackHeading(page, 'Correct')).toBeVisible();
			await expect(practicePanel(page).getByText(`Points: ${formatScore(0.75, 1)}`)).toBeVisible();

			// Nothing was lost, and the quiz carries on from the first tab. (A fresh visit, not a
			// reload: without JavaScript a reload here would post the refused form again.)
			await openPage(page);
			await expect(feedbackHeading(page, 'Correct')).toBeVisible();
			await expect(
				practicePanel(page).getByText(`Question 4 of ${questions.length}:`)
			).toBeVisible();
			await expect(practicePanel(page).getByText(`Points: ${formatScore(0.75, 1)}`)).toBeVisible();
			await goOnWithMouse(page, 4);
			await expect(questionHeading(page, 5)).toBeVisible();
		});
	});
}
