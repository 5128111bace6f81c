import { expect, test } from '@playwright/test';
import {
	MODULE_URL,
	answerForm,
	answerWithMouse,
	creditFor,
	currentQuestion,
	feedbackHeading,
	goOnWithMouse,
	markedWords,
	practicePanel,
	questionHeading,
	questions
} from './helpers.ts';

test.use({ javaScriptEnabled: false });

test('a learner finishes the whole practice with JavaScript off, by plain form posts', async ({
	page
}) => {
	test.slow();
	const panel = practicePanel(page);
	let score = 0;

	await page.goto(MODULE_URL);
	await panel.getByRole('button', { name: 'Start practice' }).click();
	await expect(questionHeading(page, 1)).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#question$`));

	await test.step('checking with nothing chosen is refused and counts nothing', async () => {
		await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
		const error = panel.getByRole('alert');
		await expect(error).toContainText('Choose or type an answer first');
		await expect(answerForm(page).getByRole('group')).toHaveAccessibleDescription(
			/Choose or type an answer first/
		);
		await expect(questionHeading(page, 1)).toBeVisible();
		await expect(panel.getByText('Try 1 of 2')).toBeVisible();
		await expect(feedbackHeading(page)).toHaveCount(0);
	});

	for (let n = 1; n <= questions.length; n++) {
		const { question } = await currentQuestion(page);

		if (question.id === 'ethnic-kazakhs-in-china-2016') {
			await test.step('a hint works without JavaScript', async () => {
				await answerForm(page)
					.getByRole('button', { name: /^Show a hint/ })
					.click();
				await expect(panel.getByText(question.hints[0]!)).toBeVisible();
				await expect(panel.getByText('Try 1 of 2')).toBeVisible();
				await answerWithMouse(page, true);
				await expect(panel.getByText('Points: 0.75 of 1')).toBeVisible();
				score += creditFor(question.points, { hints: 1 });
			});
		} else if (question.id === 'two-sides-of-the-announcement') {
			await test.step('a wrong answer, "Try again", then the right one', async () => {
				const wrong = await answerWithMouse(page, false);
				await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
				await expect(panel.getByText(wrong.answer.rationales[0]!)).toBeVisible();
				await panel.getByRole('button', { name: 'Try again' }).click();
				await expect(panel.getByText('Try 2 of 2')).toBeVisible();
				await answerWithMouse(page, true);
				await expect(feedbackHeading(page, 'Correct')).toBeVisible();
				score += creditFor(question.points, { extraTries: 1 });
			});
		} else {
			await answerWithMouse(page, true);
			await expect(feedbackHeading(page, 'Correct')).toBeVisible();
			score += question.points;
		}

		if (n === 1) {
			await test.step('reloading after an answer shows the same feedback and does not post again', async () => {
				await expect(page, 'the answer was redirected to a plain GET').toHaveURL(
					new RegExp(`${MODULE_URL}#feedback$`)
				);
				const response = await page.reload();
				expect(response?.request().method()).toBe('GET');
				expect(response?.status()).toBe(200);
				await expect(feedbackHeading(page, 'Correct')).toBeVisible();
				await expect(panel.getByText(`Question 1 of ${questions.length}:`)).toBeVisible();
				await expect(panel.getByText('Points: 1 of 1')).toBeVisible();
				await expect(panel.getByText('moved on in another tab')).toHaveCount(0);
				await expect(panel.getByRole('alert')).toHaveCount(0);
			});
		}

		if (question.id === 'kazinform-report-date') {
			await test.step('a citation link highlights the quoted words in its paragraph', async () => {
				const cite = question.cites[0]!;
				await panel
					.getByRole('list', { name: 'Evidence in the article' })
					.getByRole('link')
					.first()
					.click();
				await expect(page).toHaveURL(
					new RegExp(`\\?cite=${cite.paragraph}&quote=[^#]+#p-${cite.paragraph}$`)
				);
				const marks = page.locator('mark');
				await expect(marks).toHaveCount(1);
				await expect(page.locator(`#p-${cite.paragraph} mark`)).toBeVisible();
				expect(await markedWords(marks)).toBe(cite.quote);
				// The quiz is where it was.
				await expect(feedbackHeading(page, 'Correct')).toBeVisible();
				await page.getByRole('link', { name: 'Back to the question' }).click();
				await expect(page).toHaveURL(/#practice$/);
				await expect(feedbackHeading(page, 'Correct')).toBeInViewport();
			});
		}

		await goOnWithMouse(page, n);
	}

	const max = questions.reduce((sum, q) => sum + q.points, 0);
	await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#summary$`));
	await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText(
		`${score} of ${max} points (${Math.round((score / max) * 100)}%)`
	);
	await expect(panel.getByRole('heading', { name: 'To review (2)' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'By reading skill' }).getByRole('row')).toHaveCount(
		1 + new Set(questions.map((q) => q.skill)).size
	);
});
