import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_URL,
	answerWithMouse,
	expectNoAxeViolations,
	feedbackHeading,
	markedWords,
	practicePanel,
	questions,
	type KeyCite
} from './helpers.ts';

const first = questions[0]!;

async function startAndAnswerFirst(page: Page, correct: boolean) {
	await page.goto(MODULE_URL);
	await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
	await answerWithMouse(page, correct);
}

/** The cited paragraph has exactly the quoted words marked, and nothing else on the page is. */
async function expectHighlighted(page: Page, cite: KeyCite) {
	const paragraph = page.locator(`#p-${cite.paragraph}`);
	await expect(page.locator('mark')).toHaveCount(1);
	const mark = paragraph.locator('mark');
	await expect(mark).toBeVisible();
	expect(await markedWords(mark)).toBe(cite.quote);
	await expect(paragraph).toBeInViewport();
	await expect(paragraph.getByRole('link', { name: 'Back to the question' })).toBeVisible();
}

test.describe('on a narrow screen, where the article comes before the questions', () => {
	test.use({ viewport: { width: 800, height: 700 } });

	test('an evidence link highlights the quoted words, focuses the paragraph, and leads back', async ({
		page
	}) => {
		await startAndAnswerFirst(page, true);
		const cite = first.cites[0]!;
		const evidence = practicePanel(page)
			.getByRole('list', { name: 'Evidence in the article' })
			.getByRole('link');
		await expect(evidence).toHaveCount(first.cites.length);
		await evidence.first().click();

		await expect(page).toHaveURL(
			new RegExp(`\\?cite=${cite.paragraph}&quote=[^#]+#p-${cite.paragraph}$`)
		);
		const url = new URL(page.url());
		expect(url.searchParams.get('quote')).toBe(cite.quote);
		await expectHighlighted(page, cite);
		await expect(page.locator(`#p-${cite.paragraph}`)).toBeFocused();
		await expectNoAxeViolations(page, 'highlighted citation');

		await page
			.locator(`#p-${cite.paragraph}`)
			.getByRole('link', { name: 'Back to the question' })
			.click();
		await expect(page).toHaveURL(/#practice$/);
		await expect(feedbackHeading(page, 'Correct')).toBeInViewport();
		await expect(page.locator(`#p-${cite.paragraph}`)).not.toBeInViewport();
		// A keyboard user carries on from the practice panel, not from the article.
		await page.keyboard.press('Tab');
		await expect(practicePanel(page).locator(':focus')).toHaveCount(1);
	});

	test('a re-read link after a wrong answer points at the paragraph without giving away the quote', async ({
		page
	}) => {
		await startAndAnswerFirst(page, false);
		await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
		const n = first.cites[0]!.paragraph;
		const reread = practicePanel(page).getByRole('link', {
			name: new RegExp(`^(¶|Paragraph)\\s*${n}$`)
		});
		await reread.click();
		const paragraph = page.locator(`#p-${first.cites[0]!.paragraph}`);
		await expect(paragraph).toBeFocused();
		await expect(paragraph.getByRole('link', { name: 'Back to the question' })).toBeVisible();
		expect(new URL(page.url()).searchParams.has('quote')).toBe(false);
		await expect(page.locator('mark')).toHaveCount(0);
	});
});

test('a citation URL loaded directly is highlighted by the server', async ({ page }) => {
	const cite = questions.find((q) => q.id === 'kazinform-report-date')!.cites[0]!;
	const url = `${MODULE_URL}?cite=${cite.paragraph}&quote=${encodeURIComponent(cite.quote)}#p-${cite.paragraph}`;

	const html = await (await page.request.get(url)).text();
	expect(html.match(/<mark/g), 'the server-rendered page has the mark').toHaveLength(1);

	await page.goto(url);
	await expectHighlighted(page, cite);
	// Nobody has started: the practice panel still offers to start.
	await expect(practicePanel(page).getByRole('button', { name: 'Start practice' })).toBeVisible();
	await expectNoAxeViolations(page, 'citation loaded directly');
});

test('a citation URL with a quote that is not in the paragraph marks nothing and still loads', async ({
	page
}) => {
	for (const query of [
		'cite=1&quote=words%20that%20are%20not%20there',
		'cite=999&quote=January',
		'cite=abc',
		`cite=1&quote=${'x'.repeat(2000)}`
	]) {
		const response = await page.goto(`${MODULE_URL}?${query}`);
		expect(response?.status(), query).toBe(200);
		await expect(page.locator('mark'), query).toHaveCount(0);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Fleeing Kazakhs and Puff Pieces' })
		).toBeVisible();
	}
});
