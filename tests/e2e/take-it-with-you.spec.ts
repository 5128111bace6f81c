import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_URL,
	expectNoAxeViolations,
	fastForwardTo,
	openPage,
	questionHeading,
	questions
} from './helpers.ts';

// "Take it with you": a learner practises a question, downloads all their progress, and imports it
// in a browser that has never seen them; then, in another, continues the same practice with their
// resume code.

function session(page: Page, n: number) {
	return page.getByRole('listitem').filter({
		has: page.getByRole('heading', { level: 4, name: new RegExp(`^Session ${n}\\b`) })
	});
}

async function expectOneQuestionAnswered(page: Page) {
	await expect(session(page, 1).getByRole('heading')).toHaveText('Session 1 In progress');
	await expect(session(page, 1)).toContainText(`Answered 1 of ${questions.length} questions`, {
		useInnerText: true
	});
}

test('export, import on another device, and continue with a resume code', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	// Practise the first question (right), up to the second.
	await fastForwardTo(page, questions[1]!.id);
	await page.getByRole('link', { name: 'Your progress' }).click();
	await expectOneQuestionAnswered(page);

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download all your progress' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^citewise-progress-\d{4}-\d{2}-\d{2}\.json$/);
	const file = await download.path();

	// A browser that has never practised imports the file.
	const elsewhere = await browser.newContext();
	const there = await elsewhere.newPage();
	await openPage(there, '/progress');
	await expect(there.getByText('You have not practiced yet.')).toBeVisible();
	await there.getByLabel('Progress file (citewise-progress-….json)').setInputFiles(file);
	await expect(there.getByRole('radio', { name: 'Merge with the progress here' })).toBeChecked();
	await there.getByRole('button', { name: 'Import' }).click();
	await expect(there.getByRole('status')).toHaveText('Imported 1 session.');
	await expectOneQuestionAnswered(there);
	await expectNoAxeViolations(there);

	// Importing it again changes nothing.
	await there.getByLabel('Progress file (citewise-progress-….json)').setInputFiles(file);
	await there.getByRole('button', { name: 'Import' }).click();
	await expect(there.getByRole('status')).toHaveText('Imported 0 sessions; 1 was already here.');

	// Not a progress file: refused, saying so.
	await there.getByLabel('Progress file (citewise-progress-….json)').setInputFiles({
		name: 'notes.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"notes":"not progress"}')
	});
	await there.getByRole('button', { name: 'Import' }).click();
	await expect(there.getByRole('alert')).toHaveText(
		'This file is not a Citewise progress export. Nothing was imported.'
	);
	// Larger than the server takes (BODY_SIZE_LIMIT, 64K by default): refused, saying so.
	await there.getByLabel('Progress file (citewise-progress-….json)').setInputFiles({
		name: 'huge.json',
		mimeType: 'application/json',
		buffer: Buffer.alloc(70 * 1024, ' ')
	});
	await there.getByRole('button', { name: 'Import' }).click();
	await expect(there.getByRole('alert')).toHaveText(
		'That file is larger than this server accepts (64KB). Nothing was imported, and nothing here was changed.'
	);
	await expectOneQuestionAnswered(there);
	await elsewhere.close();

	// The resume code, shown once, continues the same practice in a third browser.
	await page.getByRole('button', { name: 'Show my resume code' }).click();
	const continueSection = page.getByRole('region', { name: 'Continue on another device' });
	const code = await continueSection.getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/).innerText();
	await expect(continueSection).toContainText('Spelled out:');
	await expectNoAxeViolations(page);

	const phone = await browser.newContext();
	const other = await phone.newPage();
	await openPage(other, '/');
	await other.getByRole('link', { name: 'Continue with a code' }).click();
	await expect(
		other.getByRole('heading', { level: 1, name: 'Continue with a code' })
	).toBeVisible();
	await other.getByLabel('Resume code').fill('ABCDE-23456');
	await other.getByRole('button', { name: 'Continue my practice' }).click();
	await expect(other.getByRole('alert')).toContainText(
		'That code does not match any practice here.'
	);
	await expectNoAxeViolations(other);
	await other.getByLabel('Resume code').fill(code.toLowerCase());
	await other.getByRole('button', { name: 'Continue my practice' }).click();
	await expect(other.getByRole('status')).toHaveText(
		'This browser now continues your practice from the other device.'
	);
	await expectOneQuestionAnswered(other);
	await other.getByRole('link', { name: 'Fleeing Kazakhs and Puff Pieces' }).first().click();
	await expect(other).toHaveURL(MODULE_URL);
	await expect(questionHeading(other, 2)).toBeVisible();
	await phone.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('replacing asks for the confirmation box', async ({ page }) => {
		await fastForwardTo(page, questions[1]!.id, { app: false });
		await openPage(page, '/progress', { app: false });
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download all your progress' }).click();
		const file = await (await downloading).path();
		await page.getByLabel('Progress file (citewise-progress-….json)').setInputFiles(file);
		await page.getByRole('radio', { name: 'Replace the progress here' }).check();
		await page.getByRole('button', { name: 'Import' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'To replace the progress here, tick the box'
		);
		await page.getByLabel('Progress file (citewise-progress-….json)').setInputFiles(file);
		await page.getByRole('radio', { name: 'Replace the progress here' }).check();
		await page
			.getByRole('checkbox', { name: /^Yes, delete this device’s practice sessions/ })
			.check();
		await page.getByRole('button', { name: 'Import' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Imported 1 session, in place of the 1 session that was here.'
		);
		await expectOneQuestionAnswered(page);
	});
});
