/**
 * The quiz's flow on a phone: Back leaves the quiz page however many steps were taken (with
 * JavaScript; without it each form post is a page of its own, see below), "Skip for now" sends a
 * question to the end of its lesson without spending a try, the question list reopens a finished
 * question read-only, and a typed but unsent answer survives a reload (JavaScript).
 */
import { expect, test, type Page } from '@playwright/test';
import {
	answerForm,
	answerWithMouse,
	evidenceChoice,
	expectNoAxeViolations,
	fastForwardTo,
	feedbackHeading,
	goOnWithMouse,
	inputFor,
	lessons,
	normalize,
	openPage,
	partChoice,
	plannedAnswer,
	practicePanel,
	questionById,
	questionHeading,
	questions,
	selectFor,
	shownOrder,
	moveButton,
	waitForApp,
	type KeyQuestion
} from './helpers.ts';

const historyLength = (page: Page) => page.evaluate(() => history.length);

/** The question on screen, found by its prompt (after a skip the order is no longer the module's). */
async function shownQuestion(page: Page): Promise<KeyQuestion> {
	await expect(questionHeading(page)).toBeVisible();
	const shown = normalize(await answerForm(page).innerText());
	const found = questions.filter((q) => shown.includes(normalize(q.prompt)));
	expect(found, 'exactly one known prompt is on screen').toHaveLength(1);
	return found[0]!;
}

/** Answers a choice or two-part question on screen rightly by mouse, and waits for feedback. */
async function answerRightly(page: Page, q: KeyQuestion) {
	const answer = plannedAnswer(q, true);
	if (answer.kind === 'two-part') {
		await partChoice(page, 'A', answer.partA).check();
		await partChoice(page, 'B', answer.partB).check();
	} else if (answer.kind === 'radio') {
		await inputFor(page, answer, answer.labels[0]).check();
	} else {
		throw new Error(`answerRightly does not do ${answer.kind}`);
	}
	await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
	await expect(feedbackHeading(page, 'Correct')).toBeVisible();
}

function questionList(page: Page) {
	return practicePanel(page).locator('details.question-list');
}

async function openQuestionList(page: Page) {
	const list = questionList(page);
	if (!(await list.evaluate((d) => (d as HTMLDetailsElement).open))) {
		await list.getByText(/^All questions/).click();
	}
	return list;
}

const skipButton = (page: Page) => answerForm(page).getByRole('button', { name: /^Skip for now/ });

// Lesson 1's fifth question, "meaning-of-budge", is skipped: two questions of the lesson follow it.
const lesson1 = lessons[0]!;
const skipped = questionById(lesson1.questions[4]!);
const [after1, after2] = lesson1.questions.slice(5).map(questionById) as [KeyQuestion, KeyQuestion];
const first = questionById(lesson1.questions[0]!);

for (const javaScriptEnabled of [true, false]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('skip sends a question to the end of its lesson, and the list reopens a finished one', async ({
			page
		}) => {
			await fastForwardTo(page, skipped.id);
			expect((await shownQuestion(page)).id).toBe(skipped.id);
			const tryLine = practicePanel(page).getByText('Try 1 of 2');
			await expect(tryLine).toBeVisible();

			await skipButton(page).click();

			// The next question of the lesson takes its place; nothing was graded or shown.
			await expect(answerForm(page)).toContainText(normalize(after1.prompt));
			await expect(questionHeading(page, 5)).toBeVisible();
			await expect(feedbackHeading(page)).toHaveCount(0);
			const list = await openQuestionList(page);
			await expect(list.getByRole('listitem').nth(6)).toContainText(
				'Question 7 (skipped for now, comes back at the end of its lesson)'
			);
			// axe runs as a script in the page, so only with JavaScript on (the markup is the same).
			if (javaScriptEnabled) await expectNoAxeViolations(page, 'question list');

			// Look back at question 1 (answered rightly on the way here): read-only, with its evidence.
			await list.getByRole('link', { name: 'Question 1', exact: true }).click();
			const review = practicePanel(page).getByRole('region', {
				name: `Looking back: question 1 of ${questions.length}`
			});
			await expect(review).toBeVisible();
			await expect(review).toContainText(normalize(first.explanation));
			await expect(review.getByText(/^Your answer:/)).toContainText('Correct');
			await expect(review.getByRole('link', { name: /^Paragraph \d+/ }).first()).toBeVisible();
			await expect(answerForm(page)).toHaveCount(0);
			if (javaScriptEnabled) await expectNoAxeViolations(page, 'review');

			await review.getByRole('link', { name: 'Back to the current question' }).click();
			await expect(answerForm(page)).toContainText(normalize(after1.prompt));
			await expect(questionHeading(page, 5)).toBeVisible();

			// The rest of the lesson, then the skipped question comes back last, still on its first try.
			await answerRightly(page, after1);
			await practicePanel(page).getByRole('button', { name: 'Next question' }).click();
			await expect(questionHeading(page, 6)).toBeVisible();
			await answerRightly(page, await shownQuestion(page));
			await practicePanel(page).getByRole('button', { name: 'Next question' }).click();
			await expect(questionHeading(page, 7)).toBeVisible();
			await expect(answerForm(page)).toContainText(normalize(skipped.prompt));
			expect(after2.id).toBe(lesson1.questions[6]);
			await expect(
				practicePanel(page).getByText('You skipped this question earlier; here it is again.')
			).toBeVisible();
			await expect(tryLine).toBeVisible();
			// The last question left in its lesson cannot be skipped again.
			await expect(skipButton(page)).toHaveCount(0);
			await answerRightly(page, skipped);
			await expect(practicePanel(page).getByText(`Points: 1 of ${skipped.points}`)).toBeVisible();
		});
	});
}

test.describe('history', () => {
	test('with JavaScript, Back leaves the quiz page after any number of steps', async ({ page }) => {
		await page.goto('/');
		await openPage(page);
		const before = await historyLength(page);
		const panel = practicePanel(page);
		await panel.getByRole('button', { name: 'Start practice' }).click();
		await expect(questionHeading(page, 1)).toBeVisible();
		await panel.getByRole('button', { name: /^Show a hint/ }).click();
		await expect(panel.getByRole('heading', { name: 'Hint' })).toBeVisible();
		for (let n = 1; n <= 3; n++) {
			await answerWithMouse(page, true);
			await goOnWithMouse(page, n);
		}
		await skipButton(page).click();
		await expect(questionHeading(page, 4)).toBeVisible();
		const list = await openQuestionList(page);
		await list.getByRole('link', { name: 'Question 2', exact: true }).click();
		await panel.getByRole('link', { name: 'Back to the current question' }).click();
		await expect(questionHeading(page, 4)).toBeVisible();

		// Ten steps, and the quiz page is still one entry in the history.
		expect(await historyLength(page)).toBe(before);
		await page.goBack();
		await expect(page).toHaveURL(/\/$/);
	});

	test('with JavaScript, a followed citation is one Back away, and the next Back leaves', async ({
		page
	}) => {
		await page.goto('/');
		await fastForwardTo(page, questions[1]!.id);
		const list = await openQuestionList(page);
		await list.getByRole('link', { name: 'Question 1', exact: true }).click();
		const citation = practicePanel(page)
			.getByRole('link', { name: /^Paragraph \d+/ })
			.first();
		await citation.click();
		await expect(page).toHaveURL(/[?&]cite=0#p-\d+$/);
		await page.goBack();
		await expect(practicePanel(page).getByText(/^Looking back: question 1/)).toBeVisible();
		await page.goBack();
		await expect(page).toHaveURL(/\/$/);
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		// Chromium keeps every form submission as an entry of its own: the 303 replaces the POST's
		// entry with the page it redirects to, but that entry is still a new one (measured: a POST
		// to the page's own address, redirected back to it, adds one too). Without script nothing
		// can replace it, so each step is one entry (not two), and Back shows the quiz where it is
		// now (the page is never cached), not an old state to answer again.
		test('each step is one history entry, and Back shows the quiz where it is now', async ({
			page
		}) => {
			await page.goto('/');
			await openPage(page);
			const before = await historyLength(page);
			await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
			await expect(questionHeading(page, 1)).toBeVisible();
			for (let n = 1; n <= 2; n++) {
				await answerWithMouse(page, true);
				await goOnWithMouse(page, n);
			}
			expect(await historyLength(page)).toBe(before + 5);

			await page.goBack();
			await expect(questionHeading(page, 3)).toBeVisible();
		});
	});
});

test.describe('drafts (JavaScript)', () => {
	async function reload(page: Page) {
		await page.reload();
		await waitForApp(page);
	}

	test('a typed or chosen answer survives a reload, is never sent, and is gone once checked', async ({
		page
	}) => {
		const short = questionById(lessons[0]!.questions[1]!);
		expect(short.type).toBe('short-answer');
		await fastForwardTo(page, short.id);
		const box = answerForm(page).getByRole('textbox');
		await box.fill('a half-finished thought');
		await reload(page);
		await expect(box).toHaveValue('a half-finished thought');
		// Nothing was sent: still the first try, no feedback.
		await expect(practicePanel(page).getByText('Try 1 of 2')).toBeVisible();
		await expect(feedbackHeading(page)).toHaveCount(0);

		await box.fill('I am not sure');
		await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
		await expect(feedbackHeading(page)).toBeVisible();
		await practicePanel(page).getByRole('button', { name: 'Try again' }).click();
		// The second try starts empty: the checked answer is no draft.
		await expect(box).toHaveValue('');
		await reload(page);
		await expect(box).toHaveValue('');

		// A choice (multiple choice: check boxes).
		await fastForwardTo(page, lessons[0]!.questions[2]!, { from: 'here' });
		const mc = questionById(lessons[0]!.questions[2]!);
		const label = plannedAnswer(mc, true);
		if (label.kind !== 'checkbox') throw new Error(label.kind);
		const box1 = inputFor(page, label, label.labels[0]);
		await box1.check();
		await reload(page);
		await expect(box1).toBeChecked();

		// Evidence, chosen in the reader.
		const evidence = questionById(lessons[0]!.questions[3]!);
		expect(evidence.type).toBe('evidence');
		await fastForwardTo(page, evidence.id, { from: 'here' });
		const choice = evidenceChoice(page, plannedAnswer(evidence, false));
		await choice.check();
		await reload(page);
		await expect(choice).toBeChecked();
	});

	test('ordering and matching drafts survive a reload too', async ({ page }) => {
		const ordering = questions.find((q) => q.type === 'ordering')!;
		const matching = questions.find((q) => q.type === 'matching')!;
		const [firstOne, secondOne] = [ordering, matching].sort(
			(a, b) => questions.indexOf(a) - questions.indexOf(b)
		) as [KeyQuestion, KeyQuestion];

		await fastForwardTo(page, firstOne.id);
		await checkDraft(page, firstOne);
		await fastForwardTo(page, secondOne.id, { from: 'here' });
		await checkDraft(page, secondOne);
	});

	async function checkDraft(page: Page, q: KeyQuestion) {
		if (q.type === 'matching') {
			const item = q.items[0]!;
			const option = q.options[q.options.length - 1]!;
			await selectFor(page, item.text).selectOption({ label: option.text });
			await reload(page);
			await expect(selectFor(page, item.text).locator('option:checked')).toHaveText(option.text);
		} else {
			await expect(
				answerForm(page)
					.getByRole('button', { name: /^Move down: / })
					.first()
			).toBeVisible();
			const order = await shownOrder(page);
			await moveButton(page, 'down', order[0]!).click();
			const moved = [order[1], order[0], ...order.slice(2)];
			await expect.poll(() => shownOrder(page)).toEqual(moved);
			await reload(page);
			await expect(
				answerForm(page)
					.getByRole('button', { name: /^Move down: / })
					.first()
			).toBeVisible();
			await expect.poll(() => shownOrder(page)).toEqual(moved);
		}
	}
});
