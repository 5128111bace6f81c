import { expect, test } from '@playwright/test';
import {
	MODULE_URL,
	answerForm,
	answerWithKeyboard,
	expectVisibleFocus,
	feedbackHeading,
	practicePanel,
	questionHeading,
	questions,
	tabTo
} from './helpers.ts';

// Keyboard alone: page.keyboard only. No click(), check() or fill() anywhere in this file.
test('a learner finishes the whole practice with the keyboard alone', async ({ page }) => {
	test.slow();
	const panel = practicePanel(page);
	await page.goto(MODULE_URL);

	await test.step('the skip link leads past the article to the practice panel', async () => {
		const skip = page.getByRole('link', { name: 'Skip to the practice questions' });
		await tabTo(page, skip);
		await expect(skip).toBeInViewport();
		await page.keyboard.press('Enter');
		const start = panel.getByRole('button', { name: 'Start practice' });
		// The next Tab lands on the first control after the skip target, not in the article.
		await page.keyboard.press('Tab');
		await expect(start).toBeFocused();
		await expectVisibleFocus(page);
		await page.keyboard.press('Enter');
		await expect(questionHeading(page, 1)).toBeFocused();
	});

	for (let n = 1; n <= questions.length; n++) {
		const question = questions[n - 1]!;

		if (question.id === 'ethnic-kazakhs-in-china-2016') {
			await test.step('a hint, asked for with the keyboard', async () => {
				await tabTo(page, answerForm(page).getByRole('button', { name: /^Show a hint/ }));
				await page.keyboard.press('Enter');
				await expect(questionHeading(page, n)).toBeFocused();
				await expect(panel.getByText(question.hints[0]!)).toBeVisible();
			});
		}

		if (question.id === 'two-sides-of-the-announcement') {
			await test.step('a wrong answer, then "Try again" and the right one', async () => {
				await answerWithKeyboard(page, false);
				await expect(feedbackHeading(page, 'Not quite')).toBeFocused();
				await tabTo(page, panel.getByRole('button', { name: 'Try again' }));
				await page.keyboard.press('Enter');
				await expect(questionHeading(page, n)).toBeFocused();
				await expect(panel.getByText('Try 2 of 2')).toBeVisible();
				await answerWithKeyboard(page, true);
			});
		} else if (question.id === 'what-kazinform-wrote') {
			await test.step('two wrong tries, then "Show answer" reached with Shift+Tab', async () => {
				await answerWithKeyboard(page, false);
				await tabTo(page, panel.getByRole('button', { name: 'Try again' }));
				await page.keyboard.press('Enter');
				await expect(questionHeading(page, n)).toBeFocused();
				await answerWithKeyboard(page, false);
				await expect(panel.getByText('That was your last try.')).toBeVisible();
				// Overshoot to "Next question", then come back.
				await tabTo(page, panel.getByRole('button', { name: 'Next question' }));
				await tabTo(page, panel.getByRole('button', { name: 'Show answer' }), { backwards: true });
				await page.keyboard.press('Enter');
				await expect(feedbackHeading(page, 'Not quite')).toBeFocused();
				await expect(panel.getByText('The answer:')).toBeVisible();
			});
		} else {
			await answerWithKeyboard(page, true);
			await expect(feedbackHeading(page, 'Correct')).toBeFocused();
		}

		const next = panel.getByRole('button', {
			name: n === questions.length ? 'See your results' : 'Next question'
		});
		await tabTo(page, next);
		await page.keyboard.press('Enter');
		if (n < questions.length) {
			await expect(questionHeading(page, n + 1)).toBeFocused();
		}
	}

	await expect(page.getByRole('heading', { name: 'Your results' })).toBeFocused();
	await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText('14.5 of 16 points (91%)');
	await expect(panel.getByRole('heading', { name: 'To review (3)' })).toBeVisible();

	await test.step('"Practise again" starts over from question 1', async () => {
		await tabTo(page, panel.getByRole('button', { name: 'Practise again' }));
		await page.keyboard.press('Enter');
		await expect(questionHeading(page, 1)).toBeFocused();
		await expect(panel.getByText('Try 1 of 2')).toBeVisible();
	});
});
