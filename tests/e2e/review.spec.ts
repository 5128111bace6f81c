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

test.describe('offline', () => {
	// The app's service worker keeps the review page and its log for offline use.
	test.use({ serviceWorkers: 'allow' });

	test('a review answered offline reaches the server once the device is back online, each step exactly once', async ({
		page,
		context
	}) => {
		test.setTimeout(180_000);
		await setClock(context, page, T0);
		await fastForwardTo(page, lesson2!.questions[0]!, { plan });
		await setClock(context, page, THREE_DAYS_LATER);

		// The service worker keeps the review page once it controls it (from the next load).
		await openPage(page, `${MODULE_URL}/review`);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload();
		expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		// Starting a review needs the server: offline the page says so plainly.
		await context.setOffline(true);
		await page.getByRole('button', { name: 'Start review' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'offline — starting a review needs a connection'
		);
		await context.setOffline(false);
		await page.getByRole('button', { name: 'Start review' }).click();
		const total = practised.length;
		await expect(questionHeading(page, 1, total)).toBeVisible();
		const review = page.getByRole('region', { name: 'Review', exact: true });
		await expect(review).toHaveAttribute('data-local', 'ready');

		await context.setOffline(true);
		const panel = practicePanel(page);
		/** Answers the question on screen right and goes on, with the page's engine alone. */
		async function answerOffline(n: number) {
			const shown = await shownQuestion(page, total);
			expect(shown.number).toBe(n);
			await answerWithMouse(page, true, shown);
			await expect(panel.getByRole('heading', { level: 3, name: 'Correct' })).toBeVisible();
			await expect(panel.getByRole('status').first()).toContainText(
				'offline — your answers are saved on this device'
			);
			const last = n === total;
			await panel
				.getByRole('button', { name: last ? 'See your results' : 'Next question' })
				.click();
			if (!last) await expect(questionHeading(page, n + 1, total)).toBeVisible();
		}
		const before = Math.min(2, total - 1);
		for (let n = 1; n <= before; n++) await answerOffline(n);

		// A reload offline comes from this device: the page, and the answers given offline.
		await page.reload();
		await expect(questionHeading(page, before + 1, total)).toBeVisible();
		await expect(review).toHaveAttribute('data-local', 'ready');
		for (let n = before + 1; n <= total; n++) await answerOffline(n);
		await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
		await expect(panel).toContainText(`You reviewed ${total} questions.`);
		// What is due is the server's to work out once it has the answers: no count from before them.
		await expect(panel).not.toContainText('due now');

		await context.setOffline(false);
		await expect(panel.getByText(/^offline/)).toHaveCount(0, { timeout: 30_000 });
		const log = async () => {
			const response = await page.request.get(`${MODULE_URL}/review/events`);
			expect(response.ok()).toBe(true);
			return (await response.json()) as { questionIds: string[]; events: { type: string }[] };
		};
		await expect
			.poll(async () => (await log()).events.length, { timeout: 30_000 })
			.toBe(1 + 2 * total);
		const { events, questionIds } = await log();
		expect(questionIds).toHaveLength(total);
		expect(events.filter((e) => e.type === 'answer.submit')).toHaveLength(total);
		expect(events.filter((e) => e.type === 'question.next')).toHaveLength(total);
		// The server's answer to the last step brings the queue: nothing is due any more.
		await expect(panel).toContainText(`You reviewed ${total} questions. Next review in`);

		// The server's own page agrees: the review is finished, every question reviewed.
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
		await expect(practicePanel(page)).toContainText(
			`You reviewed ${total} questions. Next review in`
		);
	});
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
