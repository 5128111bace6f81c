import { expect, test, type Page } from '@playwright/test';
import {
	answerForm,
	answerWithKeyboard,
	expectGuidedReadingAt,
	expectLessons,
	expectReaderThrough,
	expectVisibleFocus,
	fastForwardTo,
	feedbackHeading,
	guidedThrough,
	lessons,
	normalize,
	numberOf,
	openPage,
	plannedCredit,
	practicePanel,
	questionById,
	questionHeading,
	questions,
	reader,
	scoreLine,
	sum,
	tabTo,
	type Plan,
	formatScore
} from './helpers.ts';

// Keyboard alone: page.keyboard only. No click(), check(), fill() or selectOption() anywhere in
// this file or in the keyboard helpers it uses.
//
// The whole practice, one test per lesson: each test gets to its lesson by posting the earlier
// lessons' answers (fastForwardTo, as `plan` says), then answers every question of its lesson with
// the keyboard and goes on until the next lesson opens (or, after the last, the results show).
// Along the way it walks guided reading (lessons.spec.ts has the parts that need no quiz): the
// article opens lesson by lesson, the lesson list says how far the learner is, and "Show the
// whole article" / "Read lesson by lesson" switch between the two.
//
// A lesson takes 12–13 s on a quiet two-core machine running CI's two workers, under 25 s with
// two CPU-bound jobs beside it (Tab by Tab, every stop checked for a
// visible focus indicator); the limit leaves room for a machine busy with other work.
const LESSON_TIMEOUT = 90_000;

/** What this run does at the questions it treats specially, in the browser and when posting. */
const plan: Plan = {
	'ethnic-kazakhs-in-china-2016': ['hint', true],
	'two-sides-of-the-announcement': [false, 'retry', true],
	'what-kazinform-wrote': [false, 'retry', false, 'reveal']
};

/** Past the article by the skip link, as a keyboard user does on a freshly loaded page. */
async function skipToPractice(page: Page) {
	const skip = page.getByRole('link', { name: 'Skip to the practice questions' });
	await tabTo(page, skip);
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
}

/** Answers the question on screen as `plan` says, with the keyboard, and checks its feedback. */
async function answerAsPlanned(page: Page, n: number) {
	const panel = practicePanel(page);
	const question = questions[n - 1]!;
	await expect(panel.getByText('Try 1 of 2')).toBeVisible();
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
		expect(plan[question.id], `${question.id} is walked as planned`).toBeUndefined();
		if (question.type === 'evidence' && question.select === 'paragraph') {
			await test.step('evidence chosen in the reader, then back to "Check answer"', async () => {
				await answerWithKeyboard(page, true, { submit: 'answer' });
			});
		} else {
			await answerWithKeyboard(page, true);
		}
		await expect(feedbackHeading(page, 'Correct')).toBeFocused();
		// What every right answer shows and announces (the mouse run checks each kind in depth,
		// the run without JavaScript the "Your answer" line).
		await expect(page.getByRole('status')).toHaveText(
			`Correct. ${formatScore(question.points, question.points)} points.`
		);
		await expect(panel.getByText(normalize(question.explanation))).toBeVisible();
		await expect(panel.getByRole('heading', { name: 'Evidence in the article' })).toBeVisible();
	}
}

for (const [index, lesson] of lessons.entries()) {
	const last = index === lessons.length - 1;
	test(`lesson ${index + 1} of ${lessons.length} (${lesson.title}) can be done with the keyboard alone`, async ({
		page
	}) => {
		test.setTimeout(LESSON_TIMEOUT);
		const panel = practicePanel(page);
		const first = questionById(lesson.questions[0]!);

		if (index === 0) {
			await openPage(page);
			await test.step('the skip link leads past the article to the practice panel', async () => {
				await skipToPractice(page);
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
		} else {
			await fastForwardTo(page, first.id, { plan });
			await skipToPractice(page);
		}

		for (const id of lesson.questions) {
			const question = questionById(id);
			const n = numberOf(question);
			await expectGuidedReadingAt(page, question);

			// In lesson 3, which has no other extra steps to share its time with.
			if (index === 2 && question === first) {
				await test.step('"Show the whole article" and back to "Read lesson by lesson"', async () => {
					// Back from the practice panel, where the skip link left the learner.
					await tabTo(page, reader(page).getByRole('button', { name: 'Show the whole article' }), {
						backwards: true
					});
					await page.keyboard.press('Enter');
					await expectReaderThrough(page, null);
					const back = page.getByRole('button', { name: 'Read lesson by lesson' });
					await expect(back).toBeVisible();
					// The switch leads to the top of the article; its way back is after the article,
					// past every glossary term.
					await tabTo(page, back, { maxPresses: 150 });
					await page.keyboard.press('Enter');
					await expectReaderThrough(page, guidedThrough(index));
					await expect(page.getByRole('button', { name: 'Read lesson by lesson' })).toHaveCount(0);
					await expect(questionHeading(page, n), 'the quiz is where it was').toBeVisible();
				});
			}

			await answerAsPlanned(page, n);

			const next = panel.getByRole('button', {
				name: n === questions.length ? 'See your results' : 'Next question'
			});
			await tabTo(page, next);
			await page.keyboard.press('Enter');
			if (n < questions.length) await expect(questionHeading(page, n + 1)).toBeFocused();
		}

		if (!last) {
			// Checked in place, as the quiz moves on: no page load in between.
			await expectGuidedReadingAt(page, questionById(lessons[index + 1]!.questions[0]!));
			return;
		}

		await test.step('the results add up, and the whole article is open', async () => {
			const credits = questions.map((q) => plannedCredit(q, plan));
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
}
