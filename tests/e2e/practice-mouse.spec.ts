import { expect, test, type Page } from '@playwright/test';
import { SKILL_LABELS } from '../../src/lib/content/terms.ts';
import {
	MODULE_URL,
	answerForm,
	answerWithMouse,
	creditFor,
	currentQuestion,
	expectLessons,
	expectNoAxeViolations,
	expectYourAnswer,
	feedbackHeading,
	goOnWithMouse,
	inWords,
	lessons,
	maxScore,
	normalize,
	plannedAnswer,
	practicePanel,
	questionHeading,
	questions,
	scoreLine,
	sum,
	type KeyQuestion
} from './helpers.ts';

test('the home page lists the module and opens its introduction', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Reading modules' })).toBeVisible();
	await expect(page.getByText(`${questions.length} questions`)).toBeVisible();
	await expectNoAxeViolations(page, 'home');

	await page.getByRole('link', { name: 'Fleeing Kazakhs and Puff Pieces' }).click();
	await expect(page).toHaveURL(MODULE_URL);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Fleeing Kazakhs and Puff Pieces' })
	).toBeVisible();
	const panel = practicePanel(page);
	await expect(
		panel.getByText(`${questions.length} questions, worth ${maxScore} points`)
	).toBeVisible();
	await expect(panel.getByText('2 tries per question')).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Start practice' })).toBeVisible();
	await expectNoAxeViolations(page, 'module introduction');
});

/** What the learner did to each question, and what it should have earned. */
interface Done {
	question: KeyQuestion;
	credit: number;
	yourAnswer: string[];
}

async function expectFeedbackAnnounced(page: Page, words: RegExp) {
	const feedback = feedbackHeading(page);
	await expect(feedback, 'focus moves to the feedback').toBeFocused();
	await expect(page.getByRole('status'), 'the polite live region says the outcome').toHaveText(
		words
	);
}

async function expectNextQuestionFocused(page: Page, number: number) {
	await expect(questionHeading(page, number), 'focus moves to the next question').toBeFocused();
}

test('a learner finishes the whole practice with the mouse and gets a consistent score', async ({
	page
}) => {
	test.slow(); // a whole quiz plus two dozen axe scans
	const done: Done[] = [];
	// axe runs on the first question and the first feedback of each type.
	const typesScanned = new Set<string>();
	const feedbackScanned = new Set<string>();

	await page.goto(MODULE_URL);
	await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
	await expectNextQuestionFocused(page, 1);
	// Present (and empty) before any feedback, so screen readers announce the feedback when it arrives.
	await expect(
		page.getByRole('status'),
		'the live region is in place before feedback'
	).toBeAttached();

	for (let n = 1; n <= questions.length; n++) {
		const { question } = await currentQuestion(page);
		await expect(practicePanel(page).getByText('Try 1 of 2')).toBeVisible();
		if (!typesScanned.has(question.type)) {
			typesScanned.add(question.type);
			await expectNoAxeViolations(page, `question ${n} (${question.type})`);
		}

		if (question.id === 'ethnic-kazakhs-in-china-2016') {
			await test.step('a hint shows the hint text and costs a quarter', async () => {
				await answerForm(page)
					.getByRole('button', { name: /^Show a hint/ })
					.click();
				await expect(
					practicePanel(page).getByRole('heading', { name: 'Hint', exact: true })
				).toBeVisible();
				// Focus moves to the hint just given, so it is read out.
				const hints = practicePanel(page).locator('#hints');
				await expect(hints).toBeFocused();
				await expect(hints.getByText(question.hints[0]!, { exact: true })).toBeVisible();
				await expectNoAxeViolations(page, 'a hint');
				const { answer } = await answerWithMouse(page, true);
				await expectFeedbackAnnounced(page, /^Correct\. 0\.75 of 1 points\.$/);
				await expect(practicePanel(page).getByText('Points: 0.75 of 1')).toBeVisible();
				done.push({
					question,
					credit: creditFor(question.points, { hints: 1 }),
					yourAnswer: inWords(answer)
				});
			});
		} else if (question.id === 'two-sides-of-the-announcement') {
			await test.step('a wrong answer shows why, then a second try succeeds', async () => {
				const wrong = await answerWithMouse(page, false);
				await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
				await expectFeedbackAnnounced(page, /^Not quite\. 1 try left\.$/);
				await expect(
					practicePanel(page).getByRole('list', { name: 'Why that choice is not right' })
				).toHaveText(wrong.answer.rationales[0]!);
				await expect(practicePanel(page).getByText('You have 1 try left.')).toBeVisible();
				// Before the answer is earned, neither the explanation nor the answer shows.
				await expect(practicePanel(page).getByText(question.explanation)).toHaveCount(0);
				await expectNoAxeViolations(page, 'feedback: retry');

				await practicePanel(page).getByRole('button', { name: 'Try again' }).click();
				await expect(questionHeading(page, n)).toBeFocused();
				await expect(practicePanel(page).getByText('Try 2 of 2')).toBeVisible();
				await expect(
					answerForm(page).getByRole('radio', { checked: true }),
					'a fresh form for the new try'
				).toHaveCount(0);
				const second = await answerWithMouse(page, true);
				await expectFeedbackAnnounced(page, /^Correct\. 0\.75 of 1 points\.$/);
				done.push({
					question,
					credit: creditFor(question.points, { extraTries: 1 }),
					yourAnswer: inWords(second.answer)
				});
			});
		} else if (question.id === 'what-kazinform-wrote') {
			await test.step('two wrong tries use up the question; "Show answer" gives the answer and why', async () => {
				const first = await answerWithMouse(page, false);
				await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
				await expect(practicePanel(page).getByText(first.answer.rationales[0]!)).toBeVisible();
				await practicePanel(page).getByRole('button', { name: 'Try again' }).click();
				await answerWithMouse(page, false);
				await expectFeedbackAnnounced(page, /^Not quite\. 0 of 1 points\.$/);
				await expect(practicePanel(page).getByText('That was your last try.')).toBeVisible();
				await expect(practicePanel(page).getByRole('button', { name: 'Try again' })).toHaveCount(0);
				await expect(practicePanel(page).getByText('The answer:')).toHaveCount(0);
				await expectNoAxeViolations(page, 'feedback: exhausted');

				await practicePanel(page).getByRole('button', { name: 'Show answer' }).click();
				await expect(feedbackHeading(page, 'Not quite')).toBeFocused();
				const answerLine = practicePanel(page).getByText('The answer:');
				await expect(answerLine).toBeVisible();
				const right = plannedAnswer(question, true) as { labels: string[] };
				await expect(answerLine).toHaveText(`The answer: ${right.labels.join('; ')}`);
				await expect(practicePanel(page).getByText(normalize(question.explanation))).toBeVisible();
				await expect(practicePanel(page).getByRole('button', { name: 'Show answer' })).toHaveCount(
					0
				);
				await expectNoAxeViolations(page, 'feedback: revealed');
				done.push({ question, credit: 0, yourAnswer: inWords(first.answer) });
			});
		} else if (question.id === 'december-diplomats-tour') {
			await test.step('one of two right choices is partly right', async () => {
				const right = plannedAnswer(question, true) as { labels: string[] };
				await answerForm(page)
					.getByRole('checkbox', { name: right.labels[0]!, exact: true })
					.click();
				await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
				await expect(feedbackHeading(page, 'Partly right')).toBeFocused();
				await expect(page.getByRole('status')).toHaveText(/^Partly right\. 1 try left\.$/);
				await practicePanel(page).getByRole('button', { name: 'Try again' }).click();
				await answerWithMouse(page, true);
				await expect(feedbackHeading(page, 'Correct')).toBeFocused();
				done.push({
					question,
					credit: creditFor(question.points, { extraTries: 1 }),
					yourAnswer: right.labels
				});
			});
		} else {
			const { answer } = await answerWithMouse(page, true);
			await expectFeedbackAnnounced(page, /^Correct\. 1 of 1 points\.$/);
			await expectYourAnswer(page, answer);
			await expect(practicePanel(page).getByText(normalize(question.explanation))).toBeVisible();
			await expect(
				practicePanel(page).getByRole('heading', { name: 'Evidence in the article' })
			).toBeVisible();
			if (!feedbackScanned.has(question.type)) {
				feedbackScanned.add(question.type);
				await expectNoAxeViolations(page, `feedback ${n} (${question.type})`);
			}
			done.push({ question, credit: question.points, yourAnswer: inWords(answer) });
		}

		await goOnWithMouse(page, n);
		if (n < questions.length) await expectNextQuestionFocused(page, n + 1);
		if (n === lessons[0]!.questions.length) {
			await test.step('the lesson navigation after the first lesson', async () => {
				await expectLessons(page, 1);
				await expectNoAxeViolations(page, 'lesson navigation: 1 lesson done');
			});
		}
	}
	const types = new Set(questions.map((q) => q.type)).size;
	expect(typesScanned.size, 'a question of every type was scanned').toBe(types);
	expect(feedbackScanned.size, 'feedback of every type was scanned').toBe(types);

	await test.step('the results add up to what was done', async () => {
		const results = page.getByRole('heading', { name: 'Your results' });
		await expect(results).toBeFocused();
		const score = sum(done.map((d) => d.credit));
		expect(done).toHaveLength(questions.length);
		expect(score).toBeLessThan(maxScore);
		await expect(practicePanel(page).getByText(/points \(\d+%\)$/)).toHaveText(scoreLine(score));
		await expect(page.getByRole('status')).toHaveText(
			`Practice finished: ${score} of ${maxScore} points.`
		);
		await expectLessons(page, lessons.length);

		const skills = page.getByRole('table', { name: 'By reading skill' });
		for (const skill of new Set(questions.map((q) => q.skill))) {
			const mine = done.filter((d) => d.question.skill === skill);
			const earned = sum(mine.map((d) => d.credit));
			const worth = sum(mine.map((d) => d.question.points));
			const row = skills.getByRole('row').filter({
				has: page.getByRole('rowheader', {
					name: SKILL_LABELS[skill as keyof typeof SKILL_LABELS],
					exact: true
				})
			});
			await expect(row.getByRole('cell'), `skill row for ${skill}`).toHaveText([
				String(mine.length),
				`${earned} of ${worth}`
			]);
		}

		const missed = done.filter((d) => d.credit < d.question.points);
		await expect(
			practicePanel(page).getByRole('heading', { name: `To review (${missed.length})` })
		).toBeVisible();
		const items = practicePanel(page).locator('ol.missed > li');
		await expect(items).toHaveCount(missed.length);
		const exhausted = missed.find((d) => d.credit === 0)!;
		const item = items.filter({ hasText: normalize(exhausted.question.prompt) });
		const n = questions.indexOf(exhausted.question) + 1;
		await expect(item.getByText(`Question ${n}:`)).toBeVisible();
		await expect(item.getByText('Your answer:')).toHaveText(
			`Your answer: ${exhausted.yourAnswer.join('; ')} · 0 of 1 points`
		);
		await expect(item.getByText(normalize(exhausted.question.explanation))).toBeVisible();
		await expect(
			item.getByRole('list', { name: `Evidence for question ${n}` }).getByRole('link')
		).toHaveCount(exhausted.question.cites.length);
		// A question answered in full is not under "To review".
		await expect(items.filter({ hasText: normalize(questions[0]!.prompt) })).toHaveCount(0);
		await expect(practicePanel(page).getByRole('button', { name: 'Practise again' })).toBeVisible();
		await expectNoAxeViolations(page, 'summary');
	});
});

test('checking with nothing chosen is refused, focuses the error, and counts nothing', async ({
	page
}) => {
	const panel = practicePanel(page);
	await page.goto(MODULE_URL);
	await panel.getByRole('button', { name: 'Start practice' }).click();
	await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
	const error = panel.getByRole('alert');
	await expect(error).toContainText('Choose or type an answer first');
	await expect(error).toBeFocused();
	await expect(answerForm(page).getByRole('group')).toHaveAccessibleDescription(
		/Choose or type an answer first/
	);
	await expect(panel.getByText('Try 1 of 2')).toBeVisible();
	await expect(feedbackHeading(page)).toHaveCount(0);
	await expectNoAxeViolations(page, 'refused answer');

	// The refusal did not use up a try: a right answer now earns full points.
	await answerWithMouse(page, true);
	await expect(panel.getByText('Points: 1 of 1')).toBeVisible();
});
