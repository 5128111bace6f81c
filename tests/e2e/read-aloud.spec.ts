/**
 * Read-aloud with the browser's speech synthesis, driven here by a stand-in that records what it
 * is asked to say and starts or ends an utterance when the test says so.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	expectNoAxeViolations,
	MODULE_URL,
	openPage,
	paragraphs,
	practicePanel,
	questionHeading,
	questions,
	reader,
	shownParagraphs
} from './helpers.ts';

type FakeSpeech = { spoken: string[]; paused: boolean; cancelled: number };

/** Installs the stand-in before the page's own scripts run. */
async function installFakeSpeech(page: Page) {
	await page.addInitScript(() => {
		type Utterance = { text: string; onstart?: () => void; onend?: () => void };
		let current: Utterance | null = null;
		const record = { spoken: [] as string[], paused: false, cancelled: 0 };
		const end = () => {
			const u = current;
			current = null;
			u?.onend?.();
		};
		Object.assign(window, {
			__speech: record,
			__speechStart: () => current?.onstart?.(),
			__speechEnd: end
		});
		Object.defineProperty(window, 'speechSynthesis', {
			configurable: true,
			value: {
				speak(u: Utterance) {
					record.spoken.push(u.text);
					current = u;
				},
				// As browsers do, cancelling ends the utterance being spoken.
				cancel() {
					record.cancelled++;
					end();
				},
				pause() {
					record.paused = true;
				},
				resume() {
					record.paused = false;
				},
				getVoices: () => []
			}
		});
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			configurable: true,
			writable: true,
			value: class {
				text: string;
				lang = '';
				onstart: (() => void) | null = null;
				onend: (() => void) | null = null;
				onerror: (() => void) | null = null;
				constructor(text: string) {
					this.text = text;
				}
			}
		});
	});
}

const speech = (page: Page) =>
	page.evaluate(() => (window as unknown as { __speech: FakeSpeech }).__speech);
const spoken = async (page: Page) => (await speech(page)).spoken;
/** The utterance being spoken starts, then ends (the next one, if any, is then asked for). */
const finishUtterance = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { __speechStart: () => void; __speechEnd: () => void };
		w.__speechStart();
		w.__speechEnd();
	});

const articleControls = (page: Page) => page.getByRole('group', { name: 'Read the article aloud' });
const beingRead = (page: Page) => reader(page).locator('.paragraph[aria-current="true"]');

test.describe('where the browser can speak', () => {
	test.beforeEach(async ({ page }) => {
		await installFakeSpeech(page);
		await openPage(page, MODULE_URL);
	});

	test('play reads the article paragraph by paragraph, highlighting each; pause and stop work', async ({
		page
	}) => {
		const controls = articleControls(page);
		const play = controls.getByRole('button', { name: 'Read the article aloud' });
		await play.click();
		await expect(beingRead(page)).toHaveAttribute('id', 'p-1');
		await expect(controls).toContainText('Reading ¶1');
		expect(await spoken(page)).toEqual([paragraphs[0]!.text]);

		await finishUtterance(page);
		await expect(beingRead(page)).toHaveAttribute('id', 'p-2');
		expect(await spoken(page)).toEqual([paragraphs[0]!.text, paragraphs[1]!.text]);
		await expect(page.locator('#p-2')).toBeInViewport();
		await expectNoAxeViolations(page, 'the article being read aloud');

		// One button plays, pauses and resumes; focus stays on it.
		const pause = controls.getByRole('button', { name: 'Pause reading' });
		await expect(pause).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(controls.getByRole('button', { name: 'Resume reading' })).toBeFocused();
		await expect(controls).toContainText('Paused ¶2');
		expect((await speech(page)).paused).toBe(true);
		await page.keyboard.press('Enter');
		await expect(pause).toBeVisible();
		expect((await speech(page)).paused).toBe(false);

		await controls.getByRole('button', { name: 'Stop reading' }).click();
		await expect(beingRead(page)).toHaveCount(0);
		await expect(play).toBeVisible();
		await expect(controls.getByRole('button', { name: 'Stop reading' })).toBeDisabled();
		// Stopped for good: the cancelled utterance's end reads nothing more.
		await finishUtterance(page);
		expect(await spoken(page)).toHaveLength(2);
	});

	test('"Read from here" starts at that paragraph and goes on from it', async ({ page }) => {
		// Guided reading shows the article's first paragraphs: reading goes on to the last one shown,
		// and stops there.
		const last = await shownParagraphs(page).count();
		expect(last).toBeGreaterThanOrEqual(3);
		const from = last - 1;
		await reader(page)
			.locator(`#p-${from}`)
			.getByRole('button', { name: `Read from here (¶${from})` })
			.click();
		await expect(beingRead(page)).toHaveAttribute('id', `p-${from}`);
		expect(await spoken(page)).toEqual([paragraphs[from - 1]!.text]);
		await finishUtterance(page);
		await expect(beingRead(page)).toHaveAttribute('id', `p-${last}`);
		expect(await spoken(page)).toEqual([paragraphs[from - 1]!.text, paragraphs[last - 1]!.text]);
		await finishUtterance(page);
		await expect(beingRead(page)).toHaveCount(0);
		await expect(
			articleControls(page).getByRole('button', { name: 'Read the article aloud' })
		).toBeVisible();
		expect(await spoken(page)).toHaveLength(2);

		// Starting elsewhere replaces the reading, from the keyboard too.
		await reader(page)
			.locator('#p-1')
			.getByRole('button', { name: /^Read from here/ })
			.focus();
		await page.keyboard.press('Enter');
		await expect(beingRead(page)).toHaveAttribute('id', 'p-1');
		expect((await spoken(page)).at(-1)).toBe(paragraphs[0]!.text);
		await expect(page.locator('.paragraph.reading')).toHaveCount(1);
	});

	test('the question on screen is read aloud', async ({ page }) => {
		await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
		await expect(questionHeading(page, 1)).toBeVisible();
		const controls = page.getByRole('group', { name: 'Read the question aloud' });
		await controls.getByRole('button', { name: 'Read the question aloud' }).click();
		expect(await spoken(page)).toEqual([questions[0]!.prompt]);
		await expect(controls).toContainText('Reading');
		await expect(beingRead(page)).toHaveCount(0);
		await finishUtterance(page);
		await expect(controls.getByRole('button', { name: 'Read the question aloud' })).toBeVisible();
		expect(await spoken(page)).toHaveLength(1);
	});
});

test('no read-aloud controls where the browser has no speech synthesis', async ({ page }) => {
	await page.addInitScript(() => {
		delete (window as { speechSynthesis?: unknown }).speechSynthesis;
		delete (window as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance;
	});
	await openPage(page, MODULE_URL);
	expect(await page.evaluate(() => 'speechSynthesis' in window)).toBe(false);
	await expect(reader(page).locator('#p-1')).toBeVisible();
	await expect(page.getByRole('button', { name: /aloud|Read from here/ })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('no read-aloud controls', async ({ page }) => {
		await openPage(page, MODULE_URL, { app: false });
		await expect(reader(page).locator('#p-1')).toBeVisible();
		await expect(page.getByRole('button', { name: /aloud|Read from here/ })).toHaveCount(0);
	});
});
