import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	MODULE_URL,
	answerWithMouse,
	expectNoAxeViolations,
	fastForwardTo,
	lessons,
	normalize,
	openPage,
	practicePanel,
	questionHeading,
	questions,
	type KeyQuestion,
	type Plan
} from './helpers.ts';

// The review queue (issue 9): practise the first lesson with some answers right and some wrong,
// see on the home page that nothing is due yet and when the next review is, come back "three days
// later" (the server's clock from a cookie, the browser's from page.clock), review everything due
// and see nothing due afterwards. Every wait is on what the page shows, never on the clock.
const T0 = new Date('2026-03-02T09:00:00Z');
const THREE_DAYS_LATER = new Date(T0.getTime() + 3 * 24 * 60 * 60 * 1000);
const [lesson1, lesson2] = lessons;
const practised = lesson1!.questions;
// Alternately right first time and wrong twice (out of tries), so both kinds of card are made.
const plan: Plan = Object.fromEntries(
	practised.map((id, i) => [id, i % 2 === 0 ? [true] : [false, 'retry', false]])
);

/** Sets the server's clock for this browser (the test-only `cw_test_now` cookie) and its own. */
async function setClock(context: BrowserContext, page: Page, at: Date, { app = true } = {}) {
	const url = test.info().project.use.baseURL!;
	await context.addCookies([{ name: 'cw_test_now', value: at.toISOString(), url }]);
	if (app) await page.clock.setFixedTime(at);
}

function moduleCard(page: Page) {
	return page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
}

/** The question a review shows: found by its prompt, since a review asks only what is due. */
async function shownQuestion(
	page: Page,
	total: number
): Promise<{ number: number; question: KeyQuestion }> {
	const heading = questionHeading(page, undefined, total);
	await expect(heading).toBeVisible();
	const [, number, of] = (await heading.innerText()).match(/Question (\d+) of (\d+)/)!;
	expect(Number(of)).toBe(total);
	const form = normalize(await practicePanel(page).innerText());
	const question = questions.find(
		(q) => practised.includes(q.id) && form.includes(normalize(q.prompt))
	);
	expect(question, 'a practised question is on screen').toBeDefined();
	return { number: Number(number), question: question! };
}

/**
 * Answers every question of the review on screen by clicks on what the page names: right first
 * time, except the ones in `missed`, wrong twice and then "Show answer".
 */
async function clearReview(page: Page, missed: string[]) {
	const panel = practicePanel(page);
	for (let n = 1; n <= practised.length; n++) {
		const shown = await shownQuestion(page, practised.length);
		expect(shown.number).toBe(n);
		if (missed.includes(shown.question.id)) {
			await answerWithMouse(page, false, shown);
			await panel.getByRole('button', { name: 'Try again' }).click();
			await answerWithMouse(page, false, shown);
			await panel.getByRole('button', { name: 'Show answer' }).click();
		} else {
			await answerWithMouse(page, true, shown);
			await expect(panel.getByRole('heading', { level: 3, name: 'Correct' })).toBeVisible();
		}
		// The explanation cites the article, as in practice.
		await expect(panel.getByRole('link', { name: /^Paragraph \d+/ }).first()).toBeVisible();
		const last = n === practised.length;
		await panel.getByRole('button', { name: last ? 'See your results' : 'Next question' }).click();
	}
}

test('build a review queue, come back three days later and clear it', async ({ page, context }) => {
	test.setTimeout(120_000);
	await setClock(context, page, T0);

	// Practise the first lesson: every one of its questions resolved, right or wrong.
	await fastForwardTo(page, lesson2!.questions[0]!, { plan });
	// The module page says it too, beside the practice.
	await expect(practicePanel(page)).toContainText(/Nothing to review now; next review in/);

	// Straight after, nothing is due; the home page says when the next review is.
	await openPage(page, '/');
	const card = moduleCard(page);
	await expect(card).toContainText(/Nothing to review now; next review in \d+ minutes?\./);
	await expect(card.getByRole('link', { name: /^Review — / })).toHaveCount(0);

	// Three days later, every practised question is due.
	await setClock(context, page, THREE_DAYS_LATER);
	await openPage(page, '/');
	const due = card.getByRole('link', { name: `Review — ${practised.length} due` });
	await expect(due).toBeVisible();
	await due.click();

	await expect(page).toHaveURL(`${MODULE_URL}/review`);
	await expect(page.getByRole('heading', { level: 2, name: 'Review' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Start review' }).click();

	// Clear it: every due question answered right, with the same feedback and cited explanation.
	await clearReview(page, []);
	await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	await expect(practicePanel(page)).toContainText(
		`You reviewed ${practised.length} questions. Next review in`
	);

	// Nothing is due any more, here or on the home page.
	await openPage(page, '/');
	await expect(card).toContainText(
		/Nothing to review now; next review in \d+ (minute|hour|day)s?\./
	);
	await expect(card.getByRole('link', { name: /^Review — / })).toHaveCount(0);

	// "Your progress" lists the review as a review.
	await openPage(page, '/progress');
	await expect(page.getByRole('heading', { level: 4, name: /^Review 1\b/ })).toBeVisible();
	await expect(page.getByRole('heading', { level: 4, name: /^Session 1\b/ })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a review is plain form posts, retry and "Show answer" included', async ({
		page,
		context
	}) => {
		test.setTimeout(120_000);
		await setClock(context, page, T0, { app: false });
		await fastForwardTo(page, lesson2!.questions[0]!, { app: false });

		// The same moment: the review page says nothing is due, and when.
		await openPage(page, `${MODULE_URL}/review`, { app: false });
		await expect(practicePanel(page)).toContainText(
			/Nothing to review now\. Next review in \d+ minutes?\./
		);
		await expect(page.getByRole('button', { name: 'Start review' })).toHaveCount(0);

		await setClock(context, page, THREE_DAYS_LATER, { app: false });
		await openPage(page, MODULE_URL, { app: false });
		await page.getByRole('link', { name: `Review — ${practised.length} due` }).click();
		await expect(practicePanel(page)).toContainText(
			`${practised.length} questions from this module are due for review`
		);
		await page.getByRole('button', { name: 'Start review' }).click();
		await clearReview(page, [practised[0]!]);
		await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
		await expect(practicePanel(page)).toContainText(
			`You reviewed ${practised.length} questions. Next review in`
		);
		// The question missed comes back soonest: within minutes, not days.
		await expect(practicePanel(page)).toContainText(/Next review in \d+ minutes?\./);
	});
});
