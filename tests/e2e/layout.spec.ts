import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_URL,
	answerWithMouse,
	currentQuestion,
	fastForwardTo,
	feedbackHeading,
	firstOfType,
	openPage,
	practicePanel,
	questionHeading
} from './helpers.ts';

function article(page: Page) {
	return page.getByRole('article');
}

async function boxOf(page: Page, locator: ReturnType<Page['locator']>) {
	const box = await locator.boundingBox();
	expect(box, 'element is laid out').not.toBeNull();
	return box!;
}

async function expectNoHorizontalScroll(page: Page, width: number, where: string) {
	const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
	expect(scrollWidth, `no horizontal scrolling on ${where}`).toBeLessThanOrEqual(width);
}

test.describe('at 1280×900', () => {
	test.use({ viewport: { width: 1280, height: 900 } });

	test('the article and the practice panel sit side by side', async ({ page }) => {
		await openPage(page);
		const reader = await boxOf(page, article(page));
		const practice = await boxOf(page, practicePanel(page));
		expect(practice.x).toBeGreaterThanOrEqual(reader.x + reader.width);
		// Side by side: the panel starts level with the article, not below it.
		expect(practice.y).toBeLessThan(reader.y + 200);
		const start = practicePanel(page).getByRole('button', { name: 'Start practice' });
		await expect(start).toBeInViewport();

		// Each column is its own scroll pane: scrolling the article leaves the practice in view.
		await page.mouse.move(reader.x + reader.width / 2, 450);
		await page.mouse.wheel(0, 3000);
		await expect
			.poll(() => article(page).evaluate((el) => el.closest('.reader-column')!.scrollTop))
			.toBeGreaterThan(0);
		expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
		await expect(start).toBeInViewport();
	});

	test('evidence chosen in the article pane gets its feedback in the practice pane', async ({
		page
	}) => {
		await fastForwardTo(page, firstOfType('evidence').id);
		await answerWithMouse(page, true);
		await expect(feedbackHeading(page, 'Correct')).toBeInViewport();
	});
});

test.describe('at 320×640', () => {
	test.use({ viewport: { width: 320, height: 640 } });

	test('the practice panel comes first and the article below it, with no horizontal scrolling', async ({
		page
	}) => {
		await openPage(page);
		await expectNoHorizontalScroll(page, 320, 'the introduction');
		const reader = await boxOf(page, article(page));
		const practice = await boxOf(page, practicePanel(page));
		expect(reader.y).toBeGreaterThanOrEqual(practice.y + practice.height);
		expect(practice.x + practice.width).toBeLessThanOrEqual(320);

		await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
		await expect(questionHeading(page, 1)).toBeFocused();
		await expect(questionHeading(page, 1)).toBeInViewport();
		await expectNoHorizontalScroll(page, 320, 'a question');
		await answerWithMouse(page, true);
		await expectNoHorizontalScroll(page, 320, 'the feedback with its quoted evidence');
		// On through the rest of the first lesson: multiple choice, evidence chosen in the
		// article, single choice with long choices, two-part.
		for (let n = 1; n < 7; n++) {
			await practicePanel(page).getByRole('button', { name: 'Next question' }).click();
			const { question } = await currentQuestion(page);
			await expectNoHorizontalScroll(page, 320, `a ${question.type} question`);
			await answerWithMouse(page, true);
			await expectNoHorizontalScroll(page, 320, `${question.type} feedback`);
		}
	});

	test('ordering and matching fit, with no horizontal scrolling', async ({ page }) => {
		await fastForwardTo(page, firstOfType('matching').id);
		for (const type of ['matching', 'ordering'] as const) {
			await expect(questionHeading(page)).toBeVisible();
			while ((await currentQuestion(page)).question.type !== type) {
				await answerWithMouse(page, true);
				await practicePanel(page).getByRole('button', { name: 'Next question' }).click();
			}
			await expectNoHorizontalScroll(page, 320, `a ${type} question`);
			await answerWithMouse(page, true);
			await expectNoHorizontalScroll(page, 320, `${type} feedback`);
			await practicePanel(page).getByRole('button', { name: 'Next question' }).click();
		}
	});

	test('the home page has no horizontal scrolling', async ({ page }) => {
		await page.goto('/');
		await expectNoHorizontalScroll(page, 320, 'the home page');
	});
});

test.describe('at 200% zoom (a 1280×900 window seen as 640×450 CSS pixels)', () => {
	test.use({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });

	test('the start button and a question are usable', async ({ page }) => {
		await openPage(page);
		await expectNoHorizontalScroll(page, 640, 'the introduction');
		const start = practicePanel(page).getByRole('button', { name: 'Start practice' });
		await start.scrollIntoViewIfNeeded();
		await expect(start).toBeInViewport({ ratio: 1 });
		await start.click();
		await expect(questionHeading(page, 1)).toBeInViewport();

		const { question } = await currentQuestion(page);
		expect(question.type).toBe('true-false-not-stated');
		for (const label of ['True', 'False', 'Not stated']) {
			const radio = practicePanel(page).getByRole('radio', { name: label, exact: true });
			await radio.scrollIntoViewIfNeeded();
			await expect(radio).toBeInViewport();
		}
		await answerWithMouse(page, true);
		await expect(feedbackHeading(page, 'Correct')).toBeInViewport();
		await expectNoHorizontalScroll(page, 640, 'the feedback');
	});
});

test('an unknown module is a 404 page with a way home', async ({ page }) => {
	const response = await page.goto('/modules/nope');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
	await expect(page.getByText('There is no module called “nope”.')).toBeVisible();
	await page.getByRole('link', { name: 'See all modules' }).click();
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Reading modules' })).toBeVisible();
});

test.describe('malformed requests get a 4xx, never a 500', () => {
	test('JSON posted to a form action', async ({ page, baseURL }) => {
		const response = await page.request.post(`${MODULE_URL}?/answer`, {
			data: 'garbage',
			headers: { 'content-type': 'application/json', origin: baseURL! }
		});
		expect(response.status()).toBeGreaterThanOrEqual(400);
		expect(response.status()).toBeLessThan(500);
	});

	test('a form post to an unknown action or module', async ({ page, baseURL }) => {
		for (const url of [`${MODULE_URL}?/nope`, '/modules/nope?/answer']) {
			const response = await page.request.post(url, {
				form: { seq: '0' },
				headers: { origin: baseURL!, accept: 'text/html' }
			});
			expect(response.status(), url).toBeGreaterThanOrEqual(400);
			expect(response.status(), url).toBeLessThan(500);
		}
	});

	test('a broken multipart body', async ({ page, baseURL }) => {
		const response = await page.request.post(`${MODULE_URL}?/answer`, {
			data: '--x\r\nContent-Disposition: form-data; name="seq"\r\n\r\n1',
			headers: {
				'content-type': 'multipart/form-data; boundary=x',
				origin: baseURL!,
				accept: 'text/html'
			}
		});
		expect(response.status()).toBeGreaterThanOrEqual(400);
		expect(response.status()).toBeLessThan(500);
	});

	test('nonsense answers are refused and count nothing', async ({ page, baseURL }) => {
		await openPage(page);
		await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
		const { question } = await currentQuestion(page);
		const post = (form: Record<string, string>) =>
			// As a browser's own form post: asking for HTML, so the status is the action's.
			page.request.post(`${MODULE_URL}?/answer`, {
				form,
				headers: { origin: baseURL!, accept: 'text/html' }
			});

		const nonsense: Record<string, string>[] = [
			{ seq: '1', question: question.id, choice: 'maybe' },
			{ seq: '1', question: question.id, choice: '' },
			{ seq: '1', question: 'no-such-question', choice: 'true' },
			{ seq: 'x', question: question.id, choice: 'true' },
			{ seq: '99', question: question.id, choice: 'true' },
			{ question: question.id }
		];
		for (const form of nonsense) {
			const response = await post(form);
			expect(response.status(), JSON.stringify(form)).toBeGreaterThanOrEqual(400);
			expect(response.status(), JSON.stringify(form)).toBeLessThan(500);
			// The same post as use:enhance sends it: the result travels as JSON.
			const enhanced = await page.request.post(`${MODULE_URL}?/answer`, {
				form,
				headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			const result = (await enhanced.json()) as { type: string; status: number };
			expect(result.type, JSON.stringify(form)).toBe('failure');
			expect(result.status, JSON.stringify(form)).toBeGreaterThanOrEqual(400);
			expect(result.status, JSON.stringify(form)).toBeLessThan(500);
		}
		await page.reload();
		await expect(questionHeading(page, 1)).toBeVisible();
		await expect(practicePanel(page).getByText('Try 1 of 2')).toBeVisible();
	});

	test('a form post from another site is refused', async ({ page }) => {
		const response = await page.request.post(`${MODULE_URL}?/start`, {
			form: {},
			headers: { origin: 'https://evil.example' }
		});
		expect(response.status()).toBe(403);
	});
});
