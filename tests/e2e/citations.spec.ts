import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_URL,
	answerWithMouse,
	expectNoAxeViolations,
	expectOnlyQuoteMarked,
	feedbackHeading,
	lessons,
	openPage,
	practicePanel,
	questionById,
	questions,
	fastForwardTo,
	type KeyCite
} from './helpers.ts';

const first = questions[0]!;

async function startAndAnswerFirst(page: Page, correct: boolean) {
	await openPage(page);
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

test.describe('on a narrow screen, where the questions come before the article', () => {
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

		// The link names the question and its citation; the words come from the module, not the URL.
		await expect(page).toHaveURL(new RegExp(`\\?q=${first.id}&cite=0#p-${cite.paragraph}$`));
		expect(new URL(page.url()).searchParams.has('quote')).toBe(false);
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

async function expectServerHighlight(page: Page, questionId: string) {
	const cite = questionById(questionId).cites[0]!;
	const url = `${MODULE_URL}?q=${questionId}&cite=0#p-${cite.paragraph}`;
	const html = await (await page.request.get(url)).text();
	expect(html, 'the server-rendered page has the mark').toMatch(/<mark/);
	await openPage(page, url);
	await expectHighlighted(page, cite);
}

test('a citation URL loaded directly is highlighted by the server, once its question is answered', async ({
	page
}) => {
	// A new learner has earned nothing: the link says so and marks no words.
	const early = questions.find(
		(q) => q.cites[0]!.paragraph > 1 && q.cites[0]!.paragraph <= lessons[0]!.paragraphs[1]
	)!;
	await openPage(page, `${MODULE_URL}?q=${early.id}&cite=0#p-${early.cites[0]!.paragraph}`);
	await expect(
		page.getByText('That citation opens once you have answered its question')
	).toBeVisible();
	await expect(page.locator('mark')).toHaveCount(0);

	// Past the first two lessons (answered right), their citations open, across the article.
	await fastForwardTo(page, lessons[2]!.questions[0]!);
	// (axe scans a highlighted citation once, in the test above.)
	await expectServerHighlight(page, early.id);
	await expectServerHighlight(page, 'kazinform-report-date');
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
