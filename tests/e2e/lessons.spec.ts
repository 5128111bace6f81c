/**
 * Lessons, guided reading and the glossary. "Finish every lesson in guided mode" is folded into
 * the two walkthroughs that already answer every question, one test per lesson:
 * practice-keyboard.spec.ts (keyboard alone) and practice-no-js.spec.ts (JavaScript off). Both
 * check, lesson by lesson, which paragraphs the reader shows, what the guided-reading notice
 * names, the lesson list's statuses, that the next lesson opens as the last question of one is
 * left, "Show the whole article" / "Read lesson by lesson", and the whole article at the summary.
 * Here: what needs no quiz. */
import { expect, test, type Page } from '@playwright/test';
import {
	expectLessons,
	expectNoAxeViolations,
	expectReaderThrough,
	expectVisibleFocus,
	glossary,
	lessonNav,
	lessons,
	normalize,
	openPage,
	reader,
	tabTo
} from './helpers.ts';

/** A glossary term's button in the reader (its first occurrence), and its popover. */
function term(page: Page, name: string) {
	return {
		button: reader(page).getByRole('button', { name, exact: true }).first(),
		popover: page.getByRole('note', { name: `Glossary: ${name}` })
	};
}

function entry(name: string) {
	const found = glossary.find((g) => g.term === name);
	if (!found) throw new Error(`no glossary entry ${name}`);
	return found;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('a new learner reads lesson by lesson and can open the whole article', async ({
			page
		}) => {
			await openPage(page);
			await expectReaderThrough(page, lessons[0]!.paragraphs[1]);
			await expectLessons(page, 0, 0);
			// Only lessons whose paragraphs are on the page link to them.
			const nav = lessonNav(page);
			await expect(nav.getByRole('link')).toHaveCount(1);
			await expect(nav.getByRole('link', { name: lessons[0]!.title })).toHaveAttribute(
				'href',
				`#p-${lessons[0]!.paragraphs[0]}`
			);
			// axe scans this page, a new learner's, in practice-mouse.spec.ts ("module introduction").

			await reader(page).getByRole('button', { name: 'Show the whole article' }).click();
			await expectReaderThrough(page, null);
			await expect(nav.getByRole('link')).toHaveCount(lessons.length);
			// A preference, kept: a fresh visit still shows the whole article.
			await openPage(page);
			await expectReaderThrough(page, null);
			await expect(page.getByText('You are reading the whole article.')).toBeVisible();
			if (javaScriptEnabled) await expectNoAxeViolations(page, 'whole article');

			await page.getByRole('button', { name: 'Read lesson by lesson' }).click();
			await expectReaderThrough(page, lessons[0]!.paragraphs[1]);
		});
	});
}

test('a glossary term opens by keyboard, shows its definition, and Escape closes it', async ({
	page
}) => {
	await openPage(page);
	const name = 'Xinjiang';
	const { button, popover } = term(page, name);
	await expect(popover).toBeHidden();

	await tabTo(page, button);
	await page.keyboard.press('Enter');
	await expect(popover).toBeVisible();
	await expect(popover.getByText(normalize(entry(name).definition))).toBeVisible();
	await expect(
		popover.getByText('Background, not from the article', { exact: true })
	).toBeVisible();
	await expect(button, 'focus stays on the term').toBeFocused();
	await expectNoAxeViolations(page, 'glossary popover open');

	await page.keyboard.press('Escape');
	await expect(popover).toBeHidden();
	await expect(button, 'focus is back on the term').toBeFocused();
	await expectVisibleFocus(page);

	await test.step('the popover’s Close button is next in the Tab order', async () => {
		await page.keyboard.press('Enter');
		await expect(popover).toBeVisible();
		const close = popover.getByRole('button', { name: 'Close' });
		await tabTo(page, close, { maxPresses: 1 });
		await page.keyboard.press('Enter');
		await expect(popover).toBeHidden();
		await expect(button, 'focus is back on the term').toBeFocused();
	});
});

test('background terms say so; terms the article defines do not', async ({ page }) => {
	const background = entry('Xinjiang');
	const fromArticle = glossary.find((g) => g.source === 'article')!;
	expect(background.source).toBe('background');

	await openPage(page);
	// The article's own definitions start later in it.
	await reader(page).getByRole('button', { name: 'Show the whole article' }).click();
	await expectReaderThrough(page, null);

	const own = term(page, fromArticle.term);
	await own.button.click();
	await expect(own.popover).toBeVisible();
	await expect(own.popover.getByText(normalize(fromArticle.definition))).toBeVisible();
	await expect(own.popover.getByText('Background, not from the article')).toHaveCount(0);
	await page.keyboard.press('Escape');
	await expect(own.popover).toBeHidden();

	// The glossary list below the article says the same.
	const list = page.getByRole('region', { name: 'Glossary' });
	const definitionOf = (g: typeof background) =>
		list.getByRole('definition').filter({ hasText: normalize(g.definition) });
	await expect(definitionOf(background)).toHaveText(
		`Background, not from the article: ${normalize(background.definition)}`
	);
	await expect(definitionOf(fromArticle)).toHaveText(normalize(fromArticle.definition));
	await expect(list.getByRole('term')).toHaveCount(glossary.length);
});
