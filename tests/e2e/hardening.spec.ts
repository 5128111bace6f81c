/**
 * What an attacker, a careless paste or a school network would try: nothing gives the key away
 * after a try, links cannot put words in the article's mouth, bad requests get a clear 4xx, and
 * the server works at whatever address people open it by.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { questions } from './helpers.ts';

const MODULE = '/modules/fleeing-kazakhs-and-puff-pieces';
const panel = (page: Page) => page.getByRole('complementary', { name: 'Practice questions' });
const feedback = (page: Page) =>
	panel(page).getByRole('heading', { level: 3, name: /^(Correct|Not quite|Partly right)$/ });

async function start(page: Page) {
	await page.goto(MODULE);
	await page.getByRole('button', { name: 'Start practice' }).click();
	await expect(
		page.getByRole('heading', { name: `Question 1 of ${questions.length}` })
	).toBeVisible();
}

async function next(page: Page, number: number) {
	await panel(page)
		.getByRole('button', { name: /Next question|Skip to the next question/ })
		.click();
	await expect(
		page.getByRole('heading', { name: `Question ${number} of ${questions.length}` })
	).toBeVisible();
}

/** A plain (no-JavaScript) form post with the page's cookies; the response is not followed. */
async function post(request: APIRequestContext, baseURL: string, action: string, body: string) {
	return request.post(`${MODULE}?/${action}`, {
		data: body,
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: baseURL,
			accept: 'text/html'
		},
		maxRedirects: 0
	});
}

test('feedback before the last try gives nothing away: no rationales for ticking every box, no answer paragraph to re-read', async ({
	page
}) => {
	await start(page);
	// Question 1 (true / false / not stated): any answer.
	await panel(page).getByRole('radio').first().check();
	await panel(page).getByRole('button', { name: 'Check answer' }).click();
	await expect(feedback(page)).toBeVisible();
	await next(page, 2);

	await test.step('an over-long pasted answer is kept whole, counted, and refused with a reason', async () => {
		const box = panel(page).getByRole('textbox');
		await box.fill('x'.repeat(250));
		await expect(
			panel(page).getByText('250 characters: that is 50 over the limit of 200.')
		).toBeVisible();
		await expect(box).toHaveAttribute('aria-invalid', 'true');
		await panel(page).getByRole('button', { name: 'Check answer' }).click();
		await expect(panel(page).getByRole('alert')).toContainText('longer than 200 characters');
		await expect(panel(page).getByRole('textbox')).toHaveValue('x'.repeat(250));
		await expect(panel(page).getByText('Try 1 of 2')).toBeVisible();
	});

	await test.step('an answer of invisible characters is unanswered, and spends no try', async () => {
		await panel(page).getByRole('textbox').fill('\u200B\u200B\u200D');
		await panel(page).getByRole('button', { name: 'Check answer' }).click();
		await expect(panel(page).getByRole('alert')).toContainText('Choose or type an answer first');
		await expect(panel(page).getByText('Try 1 of 2')).toBeVisible();
		await panel(page).getByRole('textbox').fill('not sure');
		await panel(page).getByRole('button', { name: 'Check answer' }).click();
		await expect(feedback(page)).toBeVisible();
		await next(page, 3);
	});

	await test.step('multiple choice: every box ticked shows no rationale until the question is done', async () => {
		const tickAll = async () => {
			for (const box of await panel(page).getByRole('checkbox').all()) await box.check();
			await panel(page).getByRole('button', { name: 'Check answer' }).click();
			await expect(feedback(page)).toBeVisible();
		};
		await tickAll();
		await expect(
			panel(page).getByRole('list', { name: 'Why that choice is not right' })
		).toHaveCount(0);
		await expect(panel(page).getByText(/once you have finished this question/)).toBeVisible();
		await panel(page).getByRole('button', { name: 'Try again' }).click();
		await expect(panel(page).getByText('Try 2 of 2')).toBeVisible();
		await tickAll();
		// The last try: now the wrong choices are explained.
		await expect(
			panel(page).getByRole('list', { name: 'Why that choice is not right' })
		).toBeVisible();
		await next(page, 4);
	});

	await test.step('evidence: a wrong pick sends the learner back to the lesson, not to the answer', async () => {
		const group = page.getByRole('group', { name: /^Choose the (sentence|paragraph) in ¶1–¶3/ });
		const radios = group.getByRole('radio');
		// ¶1 of this lesson is not the answer to "first published by AP" in any sentence.
		await radios.first().check();
		await panel(page).getByRole('button', { name: 'Check answer' }).click();
		await expect(feedback(page)).toBeVisible();
		const reread = panel(page).getByRole('link', { name: 'Paragraphs 1–3' });
		await expect(reread).toHaveAttribute('href', '#p-1');
		await expect(panel(page).locator('a[href*="reread="]')).toHaveCount(0);
	});
});

test('a link cannot put words in the article’s mouth or open guided reading past the lesson', async ({
	page
}) => {
	await start(page);
	await page.goto(`${MODULE}?cite=3&quote=Beijing#p-3`);
	await expect(page.getByRole('status').filter({ hasText: 'does not have' })).toBeVisible();
	await expect(page.locator('mark')).toHaveCount(0);
	await expect(page.getByText('Cited words')).toHaveCount(0);

	await page.goto(`${MODULE}?cite=999#p-999`);
	await expect(
		page.getByText('That link points to a citation this module does not have')
	).toBeVisible();
	// Guided reading is still at lesson 1: ¶4 onwards stays closed.
	await expect(page.locator('#p-3')).toBeVisible();
	await expect(page.locator('#p-4')).toHaveCount(0);

	// A real citation of a question not yet answered stays closed too.
	await page.goto(`${MODULE}?q=ministry-gave-no-details&cite=0#p-1`);
	await expect(
		page.getByText('That citation opens once you have answered its question')
	).toBeVisible();
	await expect(page.locator('mark')).toHaveCount(0);
});

test('bad requests get a clear 4xx: too large is 413, a malformed step number is 400', async ({
	page,
	baseURL
}) => {
	await start(page);
	const request = page.request;
	const html = await (await request.get(MODULE)).text();
	const seq = /name="seq" value="(\d+)"/.exec(html)![1]!;

	const huge = await post(
		request,
		baseURL!,
		'answer',
		`seq=${seq}&question=x&text=${'a'.repeat(100_000)}`
	);
	expect(huge.status()).toBe(413);
	expect(await huge.text()).toContain('That answer was too large to accept');

	for (const bad of ['', 'seq=', 'seq=abc', 'seq=1.5', 'seq=-1']) {
		const response = await post(request, baseURL!, 'next', bad);
		expect(response.status(), bad).toBe(400);
		expect(await response.text()).toContain('That form was malformed');
	}
	// A well-formed but stale step is still a conflict.
	const stale = await post(request, baseURL!, 'next', 'seq=0');
	expect(stale.status()).toBe(409);
	expect(await stale.text()).toContain('moved on in another tab');
	// Nothing above moved the quiz.
	await page.reload();
	await expect(
		page.getByRole('heading', { name: `Question 1 of ${questions.length}` })
	).toBeVisible();
	await expect(panel(page).getByText('Try 1 of 2')).toBeVisible();
});

test('starting over is rate-limited per learner with a clear 429, and nothing is lost', async ({
	page,
	baseURL
}) => {
	await start(page);
	let refused = null;
	for (let i = 0; i < 15 && !refused; i++) {
		const response = await post(page.request, baseURL!, 'restart', '');
		if (response.status() === 429) refused = await response.text();
		else expect(response.status()).toBe(303);
	}
	expect(refused).toContain('Too many new practice sessions were started from here just now');
	await page.reload();
	await expect(
		page.getByRole('heading', { name: `Question 1 of ${questions.length}` })
	).toBeVisible();
});

test('the server works at the address it is opened by, not only at localhost', async ({
	browser,
	baseURL
}) => {
	const byAddress = baseURL!.replace('localhost', '127.0.0.1');
	const context = await browser.newContext({ baseURL: byAddress });
	const page = await context.newPage();
	await start(page);
	await panel(page).getByRole('radio').first().check();
	await panel(page).getByRole('button', { name: 'Check answer' }).click();
	await expect(feedback(page)).toBeVisible();

	// A form posted from another site is still refused.
	const forged = await page.request.post(`${MODULE}?/next`, {
		data: 'seq=2',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: 'http://evil.example',
			accept: 'text/html'
		},
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);
	await context.close();
});
