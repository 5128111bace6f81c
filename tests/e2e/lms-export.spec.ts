import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { MODULE_SLUG, MODULE_URL, openPage, questions } from './helpers.ts';

/**
 * A teacher takes the module to their LMS: from the module page, signed out, a download link asks
 * them to sign in and then hands over the file; signed in, each of the three files downloads with
 * the whole module in it. One walkthrough, run once.
 */

const PASSWORD = 'a long classroom passphrase';
const run = `${Date.now().toString(36)}-${process.pid}`;
const EMAIL = `lms-${run}@school.example`;

test.use({ actionTimeout: 15_000 });

function lmsSection(page: Page) {
	return page.getByRole('region', { name: 'Use in your LMS' });
}

async function download(page: Page, linkName: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		lmsSection(page).getByRole('link', { name: linkName }).click()
	]);
	return file;
}

test('a teacher downloads the module as QTI 3, Moodle XML and GIFT from the module page', async ({
	browser
}) => {
	test.setTimeout(150_000);
	// An account exists (made in its own browser, which then closes).
	const signup = await browser.newContext();
	const setup = await signup.newPage();
	await openPage(setup, '/teacher/signup');
	await setup.getByLabel('Your name').fill('Mr Seitkali');
	await setup.getByLabel('Email address').fill(EMAIL);
	await setup.getByLabel('Password').fill(PASSWORD);
	await setup.getByRole('button', { name: 'Create account' }).click();
	await expect(setup.getByRole('heading', { level: 1, name: 'Hello, Mr Seitkali' })).toBeVisible();
	await signup.close();

	const context = await browser.newContext();
	const page = await context.newPage();
	await openPage(page, MODULE_URL);
	const section = lmsSection(page);
	await expect(section).toContainText('hold the answer key');
	// One sentence per format on where it goes.
	await expect(section).toContainText('Canvas New Quizzes');
	await expect(section).toContainText('Question bank → Import → Moodle XML format');
	await expect(section).toContainText('ordering questions and points do not fit it');

	// What each format keeps and loses, type by type.
	await section.getByRole('link', { name: 'What each format keeps and loses' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('in your LMS');
	const gift = page.getByRole('region', { name: 'GIFT' });
	await expect(gift.getByRole('table')).toContainText('Put in order');
	await expect(gift).toContainText('not exported (GIFT has no ordering type)');
	await expect(
		page.getByRole('region', { name: 'QTI 3.0 package' }).getByRole('table')
	).toContainText('hot-text interaction');
	await page.getByRole('link', { name: /Back to/ }).click();

	// Signed out, a download asks for a teacher sign-in, then hands over the file.
	await lmsSection(page).getByRole('link', { name: 'Download QTI 3.0 package' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await page.getByLabel('Email address').fill(EMAIL);
	await page.getByLabel('Password').fill(PASSWORD);
	// Signing in hashes the password with scrypt (about 0.4 s of one core, far longer on a busy
	// machine) before the download starts: wait for the download itself, with room for that.
	const [qti] = await Promise.all([
		page.waitForEvent('download', { timeout: 60_000 }),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
	expect(qti.suggestedFilename()).toBe(`${MODULE_SLUG}.qti3.zip`);
	const zip = await readFile(await qti.path());
	expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
	expect(zip.toString('latin1')).toContain('imsmanifest.xml');

	// Signed in, the other two download straight away.
	await openPage(page, MODULE_URL);
	const moodle = await download(page, 'Download Moodle XML');
	expect(moodle.suggestedFilename()).toBe(`${MODULE_SLUG}.moodle.xml`);
	const xml = await readFile(await moodle.path(), 'utf8');
	expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<quiz>/);
	for (const q of questions) expect(xml).toContain(`<idnumber>${q.id}`);

	const giftFile = await download(page, 'Download GIFT');
	expect(giftFile.suggestedFilename()).toBe(`${MODULE_SLUG}.gift.txt`);
	const text = await readFile(await giftFile.path(), 'utf8');
	for (const q of questions) {
		if (q.type === 'two-part') expect(text).toContain(`::${q.id}-part-a::`);
		else if (q.type === 'ordering') expect(text).toMatch(new RegExp(`^//.*${q.id}`, 'm'));
		else expect(text).toContain(`::${q.id}::`);
	}
	await context.close();
});

test('the export of an unknown format or module is a clear 404, not a file', async ({ page }) => {
	const wrongFormat = await page.goto(`${MODULE_URL}/export/pdf`);
	expect(wrongFormat!.status()).toBe(404);
	await expect(page.getByText('There is no export format called “pdf”')).toBeVisible();
	const wrongModule = await page.goto('/modules/no-such-module/export/gift');
	expect(wrongModule!.status()).toBe(404);
	await expect(page.getByText('There is no module called “no-such-module”')).toBeVisible();
});
