import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_URL,
	answerWithMouse,
	expectNoAxeViolations,
	expectOnlyQuoteMarked,
	feedbackHeading,
	lessons,
	practicePanel,
	questionById,
	questions,
	reader,
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
	await expectOnlyQuoteMarked(page, cite);
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

async function expectServerHighlight(page: Page, cite: KeyCite) {
	const url = `${MODULE_URL}?cite=${cite.paragraph}&quote=${encodeURIComponent(cite.quote)}#p-${cite.paragraph}`;
	const html = await (await page.request.get(url)).text();
	expect(html, 'the server-rendered page has the mark').toMatch(/<mark/);
	await page.goto(url);
	await expectHighlighted(page, cite);
	// Nobody has started: the practice panel still offers to start.
	await expect(practicePanel(page).getByRole('button', { name: 'Start practice' })).toBeVisible();
}

test('a citation URL loaded directly is highlighted by the server', async ({ page }) => {
	// In guided reading a new learner sees the first lesson's paragraphs.
	const early = questions.find(
		(q) => q.cites[0]!.paragraph > 1 && q.cites[0]!.paragraph <= lessons[0]!.paragraphs[1]
	)!;
	await expectServerHighlight(page, early.cites[0]!);
	await expectNoAxeViolations(page, 'citation loaded directly');

	// Later paragraphs once the learner reads the whole article.
	await reader(page).getByRole('button', { name: 'Show the whole article' }).click();
	await expect(page.getByRole('button', { name: 'Read lesson by lesson' })).toBeVisible();
	await expectServerHighlight(page, questionById('kazinform-report-date').cites[0]!);
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
