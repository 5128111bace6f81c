import { expect, test } from '@playwright/test';
import {
	MODULE_URL,
	answerForm,
	answerWithMouse,
	creditFor,
	currentQuestion,
	expectGuidedReadingAt,
	expectLessons,
	expectOnlyQuoteMarked,
	expectReaderThrough,
	expectYourAnswer,
	feedbackHeading,
	goOnWithMouse,
	guidedThrough,
	lessons,
	practicePanel,
	questionHeading,
	questions,
	reader,
	scoreLine,
	sum
} from './helpers.ts';

test.use({ javaScriptEnabled: false });

// This run also walks the lessons in guided reading without JavaScript (the same checks as the
// keyboard run): the article opens lesson by lesson, and the reading switch is a plain form post.
test('a learner finishes every lesson with JavaScript off, by plain form posts', async ({
	page
}) => {
	test.slow();
	const panel = practicePanel(page);
	const credits: number[] = [];

	await page.goto(MODULE_URL);
	await panel.getByRole('button', { name: 'Start practice' }).click();
	await expect(questionHeading(page, 1)).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#question$`));
	await expectReaderThrough(page, lessons[0]!.paragraphs[1]);
	await expectLessons(page, 0);

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
		await expectGuidedReadingAt(page, question);
		if (n === lessons[0]!.questions.length + 1) {
			await test.step('"Show the whole article" and back to "Read lesson by lesson"', async () => {
				await reader(page).getByRole('button', { name: 'Show the whole article' }).click();
				await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#article-title$`));
				await expectReaderThrough(page, null);
				await page.getByRole('button', { name: 'Read lesson by lesson' }).click();
				await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#practice$`));
				await expectReaderThrough(page, guidedThrough(1));
				await expect(questionHeading(page, n), 'the quiz is where it was').toBeVisible();
			});
		}

		if (question.id === 'ethnic-kazakhs-in-china-2016') {
			await test.step('a hint works without JavaScript', async () => {
				await answerForm(page)
					.getByRole('button', { name: /^Show a hint/ })
					.click();
				await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#hints$`));
				await expect(panel.locator('#hints').getByText(question.hints[0]!)).toBeVisible();
				await expect(panel.getByText('Try 1 of 2')).toBeVisible();
				await answerWithMouse(page, true);
				await expect(panel.getByText('Points: 0.75 of 1')).toBeVisible();
				credits.push(creditFor(question.points, { hints: 1 }));
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
				credits.push(creditFor(question.points, { extraTries: 1 }));
			});
		} else {
			const { answer } = await answerWithMouse(page, true);
			await expect(feedbackHeading(page, 'Correct')).toBeVisible();
			await expectYourAnswer(page, answer);
			credits.push(question.points);
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
				await expectOnlyQuoteMarked(page, cite);
				// The quiz is where it was.
				await expect(feedbackHeading(page, 'Correct')).toBeVisible();
				await page.getByRole('link', { name: 'Back to the question' }).click();
				await expect(page).toHaveURL(/#practice$/);
				await expect(feedbackHeading(page, 'Correct')).toBeInViewport();
			});
		}

		await goOnWithMouse(page, n);
	}

	await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#summary$`));
	await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText(scoreLine(sum(credits)));
	const missed = credits.filter((c, i) => c < questions[i]!.points).length;
	await expect(panel.getByRole('heading', { name: `To review (${missed})` })).toBeVisible();
	await expect(page.getByRole('table', { name: 'By reading skill' }).getByRole('row')).toHaveCount(
		1 + new Set(questions.map((q) => q.skill)).size
	);
	await expectLessons(page, lessons.length);
	await expectReaderThrough(page, null);
});
