import { expect, test } from '@playwright/test';
import {
	MODULE_URL,
	answerForm,
	answerWithKeyboard,
	creditFor,
	expectGuidedReadingAt,
	expectLessons,
	expectReaderThrough,
	expectVisibleFocus,
	feedbackHeading,
	guidedThrough,
	lessons,
	practicePanel,
	questionHeading,
	questions,
	reader,
	scoreLine,
	sum,
	tabTo
} from './helpers.ts';

// Keyboard alone: page.keyboard only. No click(), check(), fill() or selectOption() anywhere in
// this file or in the keyboard helpers it uses.
//
// This run also walks the lessons in guided reading (lessons.spec.ts has the parts that need no
// whole quiz): the article opens lesson by lesson, the lesson list says how far the learner is,
// and "Show the whole article" / "Read lesson by lesson" switch between the two.
test('a learner finishes every lesson of the practice with the keyboard alone', async ({
	page
}) => {
	test.slow();
	const panel = practicePanel(page);
	const credits: number[] = [];
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

	await test.step('guided reading starts with the first lesson’s paragraphs', async () => {
		await expectReaderThrough(page, lessons[0]!.paragraphs[1]);
		await expectLessons(page, 0);
	});

	for (let n = 1; n <= questions.length; n++) {
		const question = questions[n - 1]!;
		await expectGuidedReadingAt(page, question);

		if (n === lessons[0]!.questions.length + 1) {
			await test.step('"Show the whole article" and back to "Read lesson by lesson"', async () => {
				await tabTo(page, reader(page).getByRole('button', { name: 'Show the whole article' }));
				await page.keyboard.press('Enter');
				await expectReaderThrough(page, null);
				const back = page.getByRole('button', { name: 'Read lesson by lesson' });
				await expect(back).toBeVisible();
				// The switch leads to the top of the article; its way back is after the article,
				// past every glossary term.
				await tabTo(page, back, { maxPresses: 150 });
				await page.keyboard.press('Enter');
				await expectReaderThrough(page, guidedThrough(1));
				await expect(page.getByRole('button', { name: 'Read lesson by lesson' })).toHaveCount(0);
				await expect(questionHeading(page, n), 'the quiz is where it was').toBeVisible();
			});
		}

		if (question.id === 'ethnic-kazakhs-in-china-2016') {
			await test.step('a hint, asked for with the keyboard', async () => {
				await tabTo(page, answerForm(page).getByRole('button', { name: /^Show a hint/ }));
				await page.keyboard.press('Enter');
				const hints = panel.locator('#hints');
				await expect(hints).toBeFocused();
				await expectVisibleFocus(page);
				await expect(hints.getByText(question.hints[0]!, { exact: true })).toBeVisible();
				// The text box is above the hint: the helper goes back up to it.
				await answerWithKeyboard(page, true);
				await expect(feedbackHeading(page, 'Correct')).toBeFocused();
				credits.push(creditFor(question.points, { hints: 1 }));
			});
		} else if (question.id === 'two-sides-of-the-announcement') {
			await test.step('a wrong answer, then "Try again" and the right one', async () => {
				await answerWithKeyboard(page, false);
				await expect(feedbackHeading(page, 'Not quite')).toBeFocused();
				await tabTo(page, panel.getByRole('button', { name: 'Try again' }));
				await page.keyboard.press('Enter');
				await expect(questionHeading(page, n)).toBeFocused();
				await expect(panel.getByText('Try 2 of 2')).toBeVisible();
				await answerWithKeyboard(page, true);
				await expect(feedbackHeading(page, 'Correct')).toBeFocused();
				credits.push(creditFor(question.points, { extraTries: 1 }));
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
				credits.push(0);
			});
		} else if (question.type === 'evidence' && question.select === 'paragraph') {
			await test.step('evidence chosen in the reader, then back to "Check answer"', async () => {
				await answerWithKeyboard(page, true, { submit: 'answer' });
				await expect(feedbackHeading(page, 'Correct')).toBeFocused();
				credits.push(question.points);
			});
		} else {
			await answerWithKeyboard(page, true);
			await expect(feedbackHeading(page, 'Correct')).toBeFocused();
			credits.push(question.points);
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

	await test.step('the results add up, and the whole article is open', async () => {
		await expect(page.getByRole('heading', { name: 'Your results' })).toBeFocused();
		await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText(scoreLine(sum(credits)));
		const missed = credits.filter((c, i) => c < questions[i]!.points).length;
		await expect(panel.getByRole('heading', { name: `To review (${missed})` })).toBeVisible();
		await expectLessons(page, lessons.length);
		await expectReaderThrough(page, null);
	});

	await test.step('"Practise again" starts over from question 1, lesson 1', async () => {
		await tabTo(page, panel.getByRole('button', { name: 'Practise again' }));
		await page.keyboard.press('Enter');
		await expect(questionHeading(page, 1)).toBeFocused();
		await expect(panel.getByText('Try 1 of 2')).toBeVisible();
		await expectLessons(page, 0);
		await expectReaderThrough(page, lessons[0]!.paragraphs[1]);
	});
});
