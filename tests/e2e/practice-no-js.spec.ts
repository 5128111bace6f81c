import { expect, test } from '@playwright/test';
import {
	MODULE_URL,
	answerForm,
	answerWithMouse,
	currentQuestion,
	expectGuidedReadingAt,
	expectLessons,
	expectOnlyQuoteMarked,
	expectReaderThrough,
	expectYourAnswer,
	fastForwardTo,
	feedbackHeading,
	goOnWithMouse,
	guidedThrough,
	lessons,
	numberOf,
	plannedCredit,
	practicePanel,
	questionById,
	questionHeading,
	questions,
	reader,
	scoreLine,
	sum,
	type Plan,
	formatScore
} from './helpers.ts';

test.use({ javaScriptEnabled: false });

// The whole practice by plain form posts, one test per lesson: each test gets to its lesson by
// posting the earlier lessons' answers (fastForwardTo, as `plan` says), then answers every
// question of its lesson through the page's own forms, until the next lesson opens (or the
// results show). Along the way it walks guided reading without JavaScript (the same checks as the
// keyboard run): the article opens lesson by lesson, and the reading switch is a plain form post.
//
// Every step is a page load; a lesson takes 13–17 s on a quiet two-core machine running CI's two
// workers, and under 30 s with two CPU-bound jobs beside it.
const LESSON_TIMEOUT = 90_000;

/** What this run does at the questions it treats specially, in the browser and when posting. */
const plan: Plan = {
	'ethnic-kazakhs-in-china-2016': ['hint', true],
	'two-sides-of-the-announcement': [false, 'retry', true]
};

for (const [index, lesson] of lessons.entries()) {
	const last = index === lessons.length - 1;
	test(`lesson ${index + 1} of ${lessons.length} (${lesson.title}) can be done with JavaScript off, by plain form posts`, async ({
		page
	}) => {
		test.setTimeout(LESSON_TIMEOUT);
		const panel = practicePanel(page);
		const first = questionById(lesson.questions[0]!);

		if (index === 0) {
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
		} else {
			await fastForwardTo(page, first.id, { plan });
		}

		for (const id of lesson.questions) {
			const { question } = await currentQuestion(page);
			expect(question.id).toBe(id);
			const n = numberOf(question);
			await expectGuidedReadingAt(page, question);
			if (index === 1 && question === first) {
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
					await expect(panel.getByText(`Points: ${formatScore(0.75, 1)}`)).toBeVisible();
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
				});
			} else {
				expect(plan[question.id], `${question.id} is walked as planned`).toBeUndefined();
				const { answer } = await answerWithMouse(page, true);
				await expect(feedbackHeading(page, 'Correct')).toBeVisible();
				await expectYourAnswer(page, answer);
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
						new RegExp(`\\?q=${question.id}&cite=0#p-${cite.paragraph}$`)
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

		if (!last) {
			await expectGuidedReadingAt(page, questionById(lessons[index + 1]!.questions[0]!));
			return;
		}

		await test.step('the results add up, and the whole article is open', async () => {
			const credits = questions.map((q) => plannedCredit(q, plan));
			await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
			await expect(page).toHaveURL(new RegExp(`${MODULE_URL}#summary$`));
			await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText(scoreLine(sum(credits)));
			const missed = credits.filter((c, i) => c < questions[i]!.points).length;
			await expect(panel.getByRole('heading', { name: `To review (${missed})` })).toBeVisible();
			await expect(
				page.getByRole('table', { name: 'By reading skill' }).getByRole('row')
			).toHaveCount(1 + new Set(questions.map((q) => q.skill)).size);
			await expectLessons(page, lessons.length);
			await expectReaderThrough(page, null);
		});
	});
}
