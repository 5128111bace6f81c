/**
 * Printing the module page (issue 8): the article with its numbered paragraphs and the learner's
 * results so far, with no controls. Checked twice: the page under print media (every button,
 * form field and shortcut is display: none; the paragraphs are shown), and a real PDF rendered
 * by Chromium from the same print stylesheet.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	answerWithMouse,
	expectNoAxeViolations,
	expectLessons,
	expectReaderThrough,
	fastForwardTo,
	feedbackHeading,
	lessonNav,
	openPage,
	paragraphs,
	practicePanel,
	questionHeading,
	questions,
	reader,
	shownParagraphs
} from './helpers.ts';

/** Every control a printed page must not show, with how it is displayed under print media. */
async function shownControls(page: Page) {
	return page
		.locator(
			'button:not(.term), input, select, textarea, form, .skip-link, .site-header, .jump-bar, .lms, .back-link'
		)
		.evaluateAll((els) =>
			els
				.filter((el) => el.checkVisibility())
				.map(
					(el) =>
						`${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').trim().slice(0, 40)}”`
				)
		);
}

/** The paragraph numbers the printed article shows: its ¶ sign (drawn by CSS) and number. */
async function printedNumbers(page: Page) {
	return shownParagraphs(page).evaluateAll((els) =>
		els
			.filter((el) => el.checkVisibility())
			.map((el) => {
				const label = el.querySelector<HTMLElement>('.paragraph-number')!;
				const sign = getComputedStyle(label, '::before').content.startsWith('"¶"') ? '¶' : '?';
				return sign + label.innerText.match(/(\d+)$/)![1];
			})
	);
}

async function renderPdf(page: Page) {
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	// Pages are objects of /Type /Page (not /Pages, the tree that holds them).
	const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
	return pages.length;
}

test('a lesson under way prints the whole article and the lesson list, with no controls', async ({
	page
}) => {
	await openPage(page);
	await reader(page).getByRole('button', { name: 'Show the whole article' }).click();
	await expectReaderThrough(page, null);
	await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
	await answerWithMouse(page, true);
	await expect(feedbackHeading(page, 'Correct')).toBeVisible();

	await page.emulateMedia({ media: 'print' });
	expect(await shownControls(page), 'no controls are printed').toEqual([]);
	// Hidden by the print stylesheet itself, not by something covering it.
	const next = practicePanel(page).locator('button', { hasText: 'Next question' });
	await expect(next).toBeHidden();
	await expect(next).toHaveCSS('display', 'none');
	await expect(feedbackHeading(page)).toBeHidden();
	// The whole article, ¶1…¶n, each with its number.
	expect(await printedNumbers(page)).toEqual(paragraphs.map((p) => `¶${p.n}`));
	await expect(reader(page).getByRole('heading', { level: 1 })).toBeVisible();
	// The learner's results so far.
	await expect(lessonNav(page)).toBeVisible();
	await expectLessons(page, 0, 1);
	await expectNoAxeViolations(page, 'the module page as printed');

	expect(await renderPdf(page)).toBeGreaterThan(1);
	await page.emulateMedia({ media: 'screen' });
	await expect(next).toBeVisible();
});

test('guided reading prints what is open so far; a question is not printed', async ({ page }) => {
	await fastForwardTo(page, questions[1]!.id);
	await expect(questionHeading(page, 2)).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	expect(await shownControls(page)).toEqual([]);
	await expect(questionHeading(page, 2)).toBeHidden();
	const open = await shownParagraphs(page).count();
	expect(await printedNumbers(page)).toEqual(paragraphs.slice(0, open).map((p) => `¶${p.n}`));
	expect(await renderPdf(page)).toBeGreaterThanOrEqual(1);
});

test('finished practice prints the scores with the article, without "Practise again"', async ({
	page
}) => {
	await fastForwardTo(page, null);
	const results = page.getByRole('heading', { name: 'Your results' });
	await expect(results).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	expect(await shownControls(page)).toEqual([]);
	await expect(results).toBeVisible();
	await expect(practicePanel(page).getByText(/^\d+ of \d+ points \(\d+%\)$/)).toBeVisible();
	await expect(practicePanel(page).getByRole('table', { name: 'By reading skill' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Practise again' })).toBeHidden();
	expect(await printedNumbers(page)).toEqual(paragraphs.map((p) => `¶${p.n}`));
	await expectNoAxeViolations(page, 'the results as printed');
	expect(await renderPdf(page)).toBeGreaterThan(1);
});
