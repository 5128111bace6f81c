/**
 * Reading settings: text size, line spacing, colours and motion, saved by a plain form post into a
 * cookie the server reads, so they apply from the first paint, with or without JavaScript.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, MODULE_URL, openPage, reader } from './helpers.ts';

async function chooseAndSave(page: Page, choices: Record<string, string>) {
	const settings = page.locator('details.reading-settings');
	await settings.locator('summary').click();
	for (const [group, choice] of Object.entries(choices)) {
		await settings
			.getByRole('group', { name: group })
			.getByRole('radio', { name: choice, exact: true })
			.check();
	}
	await settings.getByRole('button', { name: 'Save reading settings' }).click();
}

const rootFontSize = (page: Page) =>
	page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
const paperColour = (page: Page) =>
	page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

for (const javaScriptEnabled of [false, true]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('the settings form saves the choices, and every page is drawn with them', async ({
			page,
			context
		}) => {
			await openPage(page, MODULE_URL, { app: javaScriptEnabled });
			expect(await rootFontSize(page)).toBe(16);
			expect(await paperColour(page)).toBe('rgb(255, 255, 255)');

			await chooseAndSave(page, {
				'Text size': 'Larger',
				'Line spacing': 'Relaxed',
				Colours: 'Dark',
				Motion: 'Reduce motion'
			});
			// Back on the page it was saved from.
			await expect(page).toHaveURL(MODULE_URL);
			await expect(reader(page)).toBeVisible();
			const html = page.locator('html');
			await expect(html).toHaveClass('text-larger spacing-relaxed theme-dark motion-reduce');
			expect(await rootFontSize(page)).toBe(20);
			expect(await paperColour(page)).toBe('rgb(21, 24, 29)');

			const cookie = (await context.cookies()).find((c) => c.name === 'comfort');
			expect(cookie?.httpOnly).toBe(true);

			// Kept: a reload and another page both have them from the server.
			await page.reload();
			await expect(html).toHaveClass('text-larger spacing-relaxed theme-dark motion-reduce');
			await page.goto('/join');
			await expect(html).toHaveClass('text-larger spacing-relaxed theme-dark motion-reduce');
			// The form shows the choices in use.
			await expect(page.locator('input[name="theme"][value="dark"]')).toBeChecked();

			// Back to the defaults: no classes, no cookie.
			await chooseAndSave(page, {
				'Text size': 'Normal',
				'Line spacing': 'Normal',
				Colours: 'As my device',
				Motion: 'As my device'
			});
			await expect(page).toHaveURL('/join');
			await expect(html).not.toHaveAttribute('class');
			expect((await context.cookies()).find((c) => c.name === 'comfort')).toBeUndefined();
		});
	});
}

test('an unknown value is refused with a message, and nothing changes', async ({
	page,
	context,
	baseURL
}) => {
	await openPage(page, '/');
	await chooseAndSave(page, { Colours: 'Dark' });
	await expect(page.locator('html')).toHaveClass('theme-dark');

	const response = await page.request.post('/settings', {
		form: { text: 'enormous', theme: 'light', return: '/' },
		headers: { origin: new URL(baseURL!).origin },
		maxRedirects: 0
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain(
		'Text size cannot be “enormous”: choose one of normal, large, larger. Nothing was changed.'
	);
	expect((await context.cookies()).find((c) => c.name === 'comfort')?.value).toBe(
		encodeURIComponent('theme=dark')
	);
	await page.reload();
	await expect(page.locator('html')).toHaveClass('theme-dark');
});

test('the device’s dark scheme is followed by default, and "Light" overrides it', async ({
	page
}) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await openPage(page, MODULE_URL);
	expect(await paperColour(page)).toBe('rgb(21, 24, 29)');
	await chooseAndSave(page, { Colours: 'Light' });
	await expect(page.locator('html')).toHaveClass('theme-light');
	expect(await paperColour(page)).toBe('rgb(255, 255, 255)');
});

test.describe('on a 320 px screen with the largest text', () => {
	test.use({ viewport: { width: 320, height: 640 } });

	test('nothing scrolls sideways, with the settings open', async ({ page }) => {
		await openPage(page, MODULE_URL);
		await chooseAndSave(page, { 'Text size': 'Larger', 'Line spacing': 'Relaxed' });
		await expect(page.locator('html')).toHaveClass('text-larger spacing-relaxed');
		// A practice started, so "Your progress" has its tables of sessions and skills to fit.
		await page.getByRole('button', { name: 'Start practice' }).click();
		await expect(page.getByRole('heading', { name: /^Question 1 of/ })).toBeVisible();
		for (const url of [MODULE_URL, '/', '/join', '/teacher', '/progress']) {
			await openPage(page, url);
			await page.locator('details.reading-settings summary').click();
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
		}
	});
});

test('no axe violations in dark mode with large text', async ({ page }) => {
	await openPage(page, MODULE_URL);
	await chooseAndSave(page, { 'Text size': 'Large', Colours: 'Dark' });
	await expect(page.locator('html')).toHaveClass('text-large theme-dark');
	await page.locator('details.reading-settings summary').click();
	await expectNoAxeViolations(page, 'module page, dark and large');
	await page.getByRole('button', { name: 'Start practice' }).click();
	await expect(page.getByRole('heading', { name: /^Question 1 of/ })).toBeVisible();
	await expectNoAxeViolations(page, 'first question, dark and large');
	await openPage(page, '/');
	await expectNoAxeViolations(page, 'catalogue, dark and large');
});
