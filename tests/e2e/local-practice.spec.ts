/**
 * Self-study practice in the browser: feedback is drawn by the page's own engine the moment
 * "Check answer" is pressed, whatever the server is doing; the server still gets every step once
 * and keeps the record; offline, steps wait on the device and arrive, in order, once it is back.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_SLUG,
	MODULE_URL,
	answerForm,
	answerWithMouse,
	feedbackHeading,
	goOnWithMouse,
	lessons,
	openPage,
	practicePanel,
	questionHeading,
	waitForApp
} from './helpers.ts';

interface Log {
	attemptKey: string | null;
	events: { type: string }[];
}

async function serverLog(page: Page): Promise<Log> {
	const response = await page.request.get(`/modules/${MODULE_SLUG}/events`);
	expect(response.ok()).toBe(true);
	return (await response.json()) as Log;
}

/**
 * Holds the requests `url` matches (only those sent with `method`, if given) on their way until
 * `release` is called; `sent` lists the bodies of those held.
 */
async function hold(page: Page, url: string | RegExp, method?: string) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	const sent: string[] = [];
	await page.route(url, async (route) => {
		const request = route.request();
		if (!method || request.method() === method) {
			sent.push(request.postData() ?? '');
			await held;
		}
		await route.continue();
	});
	return { release, sent };
}

/** Starts practice and waits until the page's own engine has taken over the quiz. */
async function startWithEngine(page: Page) {
	await openPage(page, MODULE_URL);
	await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
	await expect(questionHeading(page, 1)).toBeVisible();
	await expect(page.getByRole('region', { name: 'Practice', exact: true })).toHaveAttribute(
		'data-local',
		'ready'
	);
}

test('feedback appears at once while the server is slow, and the server records the answer once', async ({
	page
}) => {
	await startWithEngine(page);
	// Hold every step the page sends until the feedback is on screen.
	const { release, sent } = await hold(page, `**/modules/${MODULE_SLUG}/events`, 'POST');

	await answerWithMouse(page, true);
	await expect(feedbackHeading(page, 'Correct')).toBeVisible();
	// The feedback came while the step was still held on its way to the server.
	expect(sent).toHaveLength(1);
	await expect(page.getByRole('alert')).toHaveCount(0);

	release();
	await expect.poll(async () => (await serverLog(page)).events.length).toBe(2);
	const log = await serverLog(page);
	expect(log.events.map((e) => e.type)).toEqual(['quiz.start', 'answer.submit']);

	// The server's page agrees: a reload shows the same feedback.
	await page.reload();
	await expect(feedbackHeading(page, 'Correct')).toBeVisible();
});

test.describe('before the page’s script arrives', () => {
	// Held in the network, not answered from the service worker's cache.
	test.use({ serviceWorkers: 'block' });

	test('an answer chosen before the page’s script arrives is still chosen, and focused, once it has', async ({
		page
	}) => {
		await startWithEngine(page);
		// The module page's one script (its island), held as a slow network would.
		const { release } = await hold(page, /\/island\/module-[^/]*\.js$/);
		await page.reload({ waitUntil: 'commit' });
		const choice = answerForm(page).getByRole('radio').first();
		await choice.check();
		await expect(choice).toBeFocused();

		release();
		await waitForApp(page);
		// The script took over the page the server drew, with what the learner did in it.
		await expect(choice).toBeChecked();
		await expect(choice).toBeFocused();
	});
});

test('the page keeps what the learner opened while the server’s answer updates it', async ({
	page
}) => {
	await startWithEngine(page);
	// The server's answer is held until the learner has opened the list.
	const { release } = await hold(page, `**/modules/${MODULE_SLUG}/events`, 'POST');
	await answerWithMouse(page, true);
	await expect(feedbackHeading(page, 'Correct')).toBeVisible();
	const list = practicePanel(page).locator('details.question-list');
	await list.getByText(/^All questions/).click();
	await expect(list.getByRole('list')).toBeVisible();
	release();
	// The server's answer to the step brings the review queue's line: the page is redrawn.
	await expect(practicePanel(page).getByText(/^Nothing to review now; next review/)).toBeVisible();
	await expect(list.getByRole('list')).toBeVisible();
});

test('a step the server records differently is shown as the server has it, and said so', async ({
	page
}) => {
	await startWithEngine(page);
	// The server (here, a stand-in for a server whose key changed) records the answer with another
	// result than the page computed.
	await page.route(`**/modules/${MODULE_SLUG}/events`, async (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		const response = await route.fetch();
		const body = (await response.json()) as Record<string, unknown>;
		await route.fulfill({ response, json: { ...body, digest: 'the server saw it otherwise' } });
	});
	await answerWithMouse(page, true);
	await expect(page.getByRole('alert')).toContainText('The server’s record is what counts');
	// Rebuilt from the server's log: the same feedback, because the real record agrees.
	await expect(feedbackHeading(page, 'Correct')).toBeVisible();
});

/**
 * Starts practice, then loads the page again under the service worker, which keeps the page for
 * offline use once it controls it (from the next load), and waits for the engine.
 */
async function startForOffline(page: Page) {
	await startWithEngine(page);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect(questionHeading(page, 1)).toBeVisible();
	await expect(page.getByRole('region', { name: 'Practice', exact: true })).toHaveAttribute(
		'data-local',
		'ready'
	);
	expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test.describe('offline', () => {
	test.use({ serviceWorkers: 'allow' });

	test('a lesson finished offline reaches the server once the device is back online, each step exactly once', async ({
		page,
		context
	}) => {
		await startForOffline(page);

		await context.setOffline(true);
		const first = lessons[0]!.questions.length;
		for (let n = 1; n <= first; n++) {
			// Right and wrong answers alike; a wrong one is moved on from after its first try.
			await answerWithMouse(page, n % 2 === 1);
			await expect(practicePanel(page).getByRole('status').first()).toContainText(
				'offline — your answers are saved on this device'
			);
			await goOnWithMouse(page, n);
		}

		// A reload offline comes from this device: the page, and the answers given offline.
		await page.reload();
		await expect(questionHeading(page, first + 1)).toBeVisible();
		await expect(page.getByRole('region', { name: 'Practice', exact: true })).toHaveAttribute(
			'data-local',
			'ready'
		);

		await context.setOffline(false);
		await expect(practicePanel(page).getByText(/^offline/)).toHaveCount(0, { timeout: 30_000 });
		await expect
			.poll(async () => (await serverLog(page)).events.length, { timeout: 30_000 })
			.toBeGreaterThan(first * 2);

		const log = await serverLog(page);
		const answers = log.events.filter((e) => e.type === 'answer.submit').length;
		const nexts = log.events.filter((e) => e.type === 'question.next').length;
		expect(answers).toBe(first);
		expect(nexts).toBe(first);
		expect(log.events).toHaveLength(1 + 2 * first);

		// The server's own page agrees: the first lesson is done, the next question is on screen.
		await context.setOffline(false);
		await page.reload();
		await expect(questionHeading(page, first + 1)).toBeVisible();
	});

	test('a second tab opened offline carries on from the first, which hands over and counts nothing itself', async ({
		page,
		context
	}) => {
		await startForOffline(page);

		await context.setOffline(true);
		await answerWithMouse(page, true);
		await expect(feedbackHeading(page, 'Correct')).toBeVisible();

		// The same module in a second tab, still offline: it starts from this device's copy, where
		// the first tab left off.
		const second = await context.newPage();
		await openPage(second, MODULE_URL);
		await expect(second.getByRole('region', { name: 'Practice', exact: true })).toHaveAttribute(
			'data-local',
			'ready'
		);
		await expect(feedbackHeading(second, 'Correct')).toBeVisible();

		// The first tab has handed the practice over and says so; a step there counts nothing.
		await expect(practicePanel(page).getByRole('status').first()).toContainText(
			'open in another tab of this browser now'
		);
		await practicePanel(page).getByRole('button', { name: 'Next question' }).click();
		await expect(practicePanel(page).getByRole('alert')).toContainText('Nothing was counted');
		await expect(feedbackHeading(page, 'Correct')).toBeVisible();

		// The second tab goes on.
		await goOnWithMouse(second, 1);
		await answerWithMouse(second, false);
		await expect(feedbackHeading(second, 'Not quite')).toBeVisible();

		// The first tab takes the practice back, from where the second left it, still offline.
		await practicePanel(page).getByRole('button', { name: 'Carry on in this tab' }).click();
		await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
		await expect(page.getByRole('region', { name: 'Practice', exact: true })).toHaveAttribute(
			'data-local',
			'ready'
		);
		await expect(practicePanel(second).getByRole('status').first()).toContainText(
			'open in another tab of this browser now'
		);

		// Back online, everything reaches the server once, in order.
		await context.setOffline(false);
		await expect
			.poll(async () => (await serverLog(page)).events.length, { timeout: 30_000 })
			.toBe(4);
		expect((await serverLog(page)).events.map((e) => e.type)).toEqual([
			'quiz.start',
			'answer.submit',
			'question.next',
			'answer.submit'
		]);
	});
});
