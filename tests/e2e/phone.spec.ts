/**
 * A student on a phone (issue 8): how far the module page makes them scroll. Each test measures
 * a distance in CSS pixels and holds it to a budget of one screen (the viewport's height), at
 * 375×740 with JavaScript on and off, and the same paths on the wide layout at 1280×800:
 *
 * - from the top of the page to the current question's heading;
 * - following a citation: where the cited paragraph lands (it must be on screen, not under the
 *   top of it), and "Back to the question" brings the question back on screen;
 * - an evidence question: its claim and the sentences (or paragraphs) to choose from are on
 *   screen together, one tap from the question.
 *
 * The figures are logged (`PHONE …` lines) so a run reports them as well as checking them.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	answerWithMouse,
	evidenceGroup,
	expectNoAxeViolations,
	fastForwardTo,
	feedbackHeading,
	firstOfType,
	isScripted,
	openPage,
	practicePanel,
	questionHeading,
	questions,
	reader,
	blockAppScripts
} from './helpers.ts';

/** How far each scroller has scrolled: the page, and (wide layout) the two panes. */
async function scrolls(page: Page) {
	return page.evaluate(() => ({
		page: document.scrollingElement!.scrollTop,
		reader: document.querySelector('.reader-column')?.scrollTop ?? 0,
		practice: document.querySelector('.practice-column')?.scrollTop ?? 0
	}));
}

/** How far the content moved on screen between two scroll states: the sum over the scrollers. */
function moved(a: Awaited<ReturnType<typeof scrolls>>, b: Awaited<ReturnType<typeof scrolls>>) {
	return (
		Math.abs(b.page - a.page) + Math.abs(b.reader - a.reader) + Math.abs(b.practice - a.practice)
	);
}

/** The element's top and bottom on screen, in CSS pixels from the top of the viewport. */
async function onScreen(locator: Locator) {
	return locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
	});
}

/** Scrolls the page and both panes back to their tops, as the page is first seen. */
async function scrollAllToTop(page: Page) {
	await page.evaluate(() => {
		for (const el of [
			document.scrollingElement,
			document.querySelector('.reader-column'),
			document.querySelector('.practice-column')
		])
			el?.scrollTo({ top: 0, behavior: 'instant' });
	});
}

async function record(page: Page, name: string, figures: Record<string, number>) {
	const size = page.viewportSize()!;
	const js = (await isScripted(page)) ? 'JS on' : 'JS off';
	const line = `PHONE ${size.width}×${size.height} ${js} ${name}: ${JSON.stringify(figures)}`;
	console.log(line);
	test.info().annotations.push({ type: 'measure', description: line });
}

/**
 * The checks every layout gets: each path's distance within one screen of `height`. axe needs
 * JavaScript in the page: with it off, the scan is in the describe below that blocks the app's
 * scripts instead.
 */
function distances(height: number, { axe = true } = {}) {
	test('the current question is within one screen of the top', async ({ page }) => {
		await openPage(page);
		const start = practicePanel(page).getByRole('button', { name: 'Start practice' });
		await expect(start).toBeVisible();
		const startAt = await onScreen(start);
		await start.click();
		await expect(questionHeading(page, 1)).toBeVisible();
		await scrollAllToTop(page);
		const heading = await onScreen(questionHeading(page, 1));
		await record(page, 'top to question', {
			startButtonBottom: startAt.bottom,
			questionHeadingBottom: heading.bottom
		});
		expect(startAt.bottom, '"Start practice" is on the first screen').toBeLessThanOrEqual(height);
		expect(heading.bottom, 'the question heading is on the first screen').toBeLessThanOrEqual(
			height
		);
		if (axe) await expectNoAxeViolations(page, `a question at ${height} px high`);
	});

	test('a citation is one tap away, and so is the way back', async ({ page }) => {
		await openPage(page);
		await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
		await answerWithMouse(page, true);
		await expect(feedbackHeading(page, 'Correct')).toBeVisible();
		const cite = questions[0]!.cites[0]!;
		const link = practicePanel(page)
			.getByRole('list', { name: 'Evidence in the article' })
			.getByRole('link')
			.first();
		await link.scrollIntoViewIfNeeded();
		const before = await scrolls(page);
		const linkAt = await onScreen(link);

		await link.click();
		const paragraph = page.locator(`#p-${cite.paragraph}`);
		const back = paragraph.getByRole('link', { name: 'Back to the question' });
		await expect(back).toBeVisible();
		await expect(paragraph).toBeInViewport();
		const after = await scrolls(page);
		const paragraphAt = await onScreen(paragraph);
		const jump = moved(before, after);

		await back.click();
		await expect(page).toHaveURL(/#practice$/);
		const heading = feedbackHeading(page, 'Correct');
		await expect(heading).toBeInViewport();
		const headingAt = await onScreen(heading);
		await record(page, 'citation', {
			linkTop: linkAt.top,
			scrolledToParagraph: jump,
			paragraphTop: paragraphAt.top,
			backHeadingTop: headingAt.top
		});
		// The cited paragraph lands at the top of the screen, clear of anything stuck there.
		expect(paragraphAt.top, 'the paragraph is not under a sticky bar').toBeGreaterThanOrEqual(0);
		expect(paragraphAt.top, 'the paragraph starts on screen').toBeLessThanOrEqual(height / 4);
		// And back: the feedback with its citations is on screen again.
		expect(headingAt.top).toBeGreaterThanOrEqual(0);
		expect(headingAt.bottom).toBeLessThanOrEqual(height);
	});

	test('an evidence question’s claim and its choices are on screen together', async ({ page }) => {
		const q = firstOfType('evidence');
		await fastForwardTo(page, q.id);
		await scrollAllToTop(page);
		const prompt = practicePanel(page).getByText(q.prompt, { exact: false }).first();
		await expect(prompt).toBeVisible();
		const group = evidenceGroup(page);
		const firstChoice = group.getByRole('radio').first();
		const promptAt = await onScreen(prompt);
		const choiceAt = await onScreen(firstChoice);
		const apart = Math.abs(choiceAt.top - promptAt.top);

		// One tap from the question to the choices.
		const goTo = practicePanel(page).getByRole('link', { name: /^Go to ¶\d+ to choose$/ });
		await goTo.scrollIntoViewIfNeeded();
		const before = await scrolls(page);
		await goTo.click();
		const claim = group.locator('legend');
		await expect(claim).toBeInViewport();
		await expect(firstChoice).toBeInViewport();
		const tap = moved(before, await scrolls(page));
		const claimAt = await onScreen(claim);
		const firstAt = await onScreen(firstChoice);
		await record(page, 'evidence', {
			promptToFirstChoiceOnPage: apart,
			scrolledByGoTo: tap,
			claimTopAfterTap: claimAt.top,
			firstChoiceBottomAfterTap: firstAt.bottom
		});
		expect(claimAt.top, 'the claim is on screen').toBeGreaterThanOrEqual(0);
		expect(firstAt.bottom, 'the first choice is on screen with it').toBeLessThanOrEqual(height);
		if (axe) await expectNoAxeViolations(page, `an evidence question at ${height} px high`);
	});
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`a phone at 375×740, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ viewport: { width: 375, height: 740 }, javaScriptEnabled });
		distances(740, { axe: javaScriptEnabled });
	});
}

test.describe('200% zoom: a 1280×900 window seen as 640×450 CSS pixels', () => {
	test.use({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
	distances(450);
});

test.describe('the wide layout at 1280×800', () => {
	test.use({ viewport: { width: 1280, height: 800 } });
	distances(800);
});

// axe needs JavaScript in the page. To scan what a phone without JavaScript gets, the app's own
// scripts are blocked instead: the page is never hydrated and its forms post natively.
test.describe('a phone at 375×740 without the app’s scripts: axe', () => {
	test.use({ viewport: { width: 375, height: 740 } });
	test.beforeEach(async ({ page }) => {
		await blockAppScripts(page);
	});

	test('the intro, a question, and its feedback with a citation followed', async ({ page }) => {
		await openPage(page, undefined, { app: false });
		await expect(page.getByRole('heading', { name: 'What you will practice' })).toBeVisible();
		await expectNoAxeViolations(page, 'the intro on a phone');

		await fastForwardTo(page, questions[0]!.id, { app: false });
		await expect(questionHeading(page, 1)).toBeInViewport();
		await expectNoAxeViolations(page, 'a question on a phone');

		await answerWithMouse(page, true);
		await expect(feedbackHeading(page, 'Correct')).toBeVisible();
		await practicePanel(page)
			.getByRole('list', { name: 'Evidence in the article' })
			.getByRole('link')
			.first()
			.click();
		await expect(page.getByRole('link', { name: 'Back to the question' })).toBeInViewport();
		await expectNoAxeViolations(page, 'a followed citation on a phone');
	});

	test('evidence choices under their claim', async ({ page }) => {
		await fastForwardTo(page, firstOfType('evidence').id, { app: false });
		await practicePanel(page)
			.getByRole('link', { name: /^Go to ¶\d+ to choose$/ })
			.click();
		await expect(evidenceGroup(page).locator('legend')).toBeInViewport();
		await expectNoAxeViolations(page, 'evidence choices on a phone');
	});
});

test.describe('a phone at 375×740: the shortcuts', () => {
	test.use({ viewport: { width: 375, height: 740 } });

	test('from anywhere in the article, the bar leads back to the question and on to the glossary', async ({
		page
	}) => {
		await openPage(page);
		await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
		await expect(questionHeading(page, 1)).toBeFocused();
		const bar = page.getByRole('navigation', { name: 'Article shortcuts' });
		// Deep in the article the bar is stuck to the top of the screen.
		await reader(page).locator('#p-3').scrollIntoViewIfNeeded();
		await expect(bar).toBeInViewport();
		expect((await onScreen(bar)).top).toBe(0);

		await bar.getByRole('link', { name: 'Glossary' }).click();
		await expect(page.getByRole('heading', { level: 2, name: 'Glossary' })).toBeInViewport();
		await bar.getByRole('link', { name: 'Questions' }).click();
		await expect(questionHeading(page, 1)).toBeInViewport();
		await expectNoAxeViolations(page, 'the question after the shortcut');
	});

	test('the wide layout has no shortcut bar: both panes are on screen', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await openPage(page);
		await expect(page.getByRole('navigation', { name: 'Article shortcuts' })).toBeHidden();
	});
});
