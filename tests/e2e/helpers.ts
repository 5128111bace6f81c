/**
 * Shared steps for the browser tests. The answer key is read from the module's own content files,
 * so the tests pick answers by their words (choice order is shuffled per attempt) and stay right
 * when the content changes.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';

export const MODULE_SLUG = 'fleeing-kazakhs-and-puff-pieces';
export const MODULE_URL = `/modules/${MODULE_SLUG}`;

/** A choice as the content file has it. */
export interface KeyChoice {
	id: string;
	text: string;
	rationale?: string;
}

export interface KeyCite {
	paragraph: number;
	quote: string;
}

/** One question with its answer key, as questions.yaml has it. */
export interface KeyQuestion {
	id: string;
	type: 'single-choice' | 'multiple-choice' | 'true-false-not-stated' | 'short-answer';
	skill: string;
	prompt: string;
	points: number;
	hints: string[];
	explanation: string;
	cites: KeyCite[];
	choices?: KeyChoice[];
	answer?: string;
	answers?: string[];
	accepted?: string[];
}

function contentFile(name: string): unknown {
	return parse(
		readFileSync(new URL(`../../questions/${MODULE_SLUG}/${name}`, import.meta.url), 'utf8')
	);
}

function loadQuestions(): KeyQuestion[] {
	const { questions } = contentFile('questions.yaml') as { questions: KeyQuestion[] };
	const { lessons } = contentFile('module.yaml') as { lessons: { questions: string[] }[] };
	const byId = new Map(questions.map((q) => [q.id, { ...q, points: q.points ?? 1 }]));
	// Practice asks the questions in lesson order.
	return lessons.flatMap((l) => l.questions.map((id) => byId.get(id)!));
}

/** Every question of the module, in the order practice asks them. */
export const questions: KeyQuestion[] = loadQuestions();

export const TRUTH_LABELS: Record<string, string> = {
	true: 'True',
	false: 'False',
	'not-stated': 'Not stated'
};

export function normalize(text: string): string {
	return text.replace(/[\s\u00a0]+/gu, ' ').trim();
}

export function questionById(id: string): KeyQuestion {
	const q = questions.find((q) => q.id === id);
	if (!q) throw new Error(`no question ${id}`);
	return q;
}

/** An answer in the words a learner sees. */
export type PlannedAnswer =
	| { kind: 'radio' | 'checkbox'; labels: string[]; rationales: string[] }
	| { kind: 'text'; text: string; rationales: [] };

/** The right answer, or a wrong one that earns nothing (with a rationale when the content has one). */
export function plannedAnswer(q: KeyQuestion, correct: boolean): PlannedAnswer {
	switch (q.type) {
		case 'single-choice':
		case 'multiple-choice': {
			const right = q.type === 'single-choice' ? [q.answer!] : q.answers!;
			const kind = q.type === 'single-choice' ? 'radio' : 'checkbox';
			if (correct) {
				return {
					kind,
					labels: q.choices!.filter((c) => right.includes(c.id)).map((c) => c.text),
					rationales: []
				};
			}
			const wrong = q.choices!.find((c) => !right.includes(c.id) && c.rationale)!;
			return { kind, labels: [wrong.text], rationales: [wrong.rationale!] };
		}
		case 'true-false-not-stated': {
			const value = correct ? q.answer! : Object.keys(TRUTH_LABELS).find((v) => v !== q.answer)!;
			return { kind: 'radio', labels: [TRUTH_LABELS[value]!], rationales: [] };
		}
		case 'short-answer':
			return { kind: 'text', text: correct ? q.accepted![0]! : 'I am not sure', rationales: [] };
	}
}

export function practicePanel(page: Page): Locator {
	return page.getByRole('complementary', { name: 'Practice questions' });
}

/** The form of the question on screen: the one with the "Check answer" button. */
export function answerForm(page: Page): Locator {
	return practicePanel(page)
		.locator('form')
		.filter({ has: page.getByRole('button', { name: 'Check answer' }) });
}

export function questionHeading(page: Page, number?: number, total = questions.length): Locator {
	return page.getByRole('heading', {
		level: 3,
		name: number === undefined ? /^Question \d+ of \d+$/ : `Question ${number} of ${total}`,
		exact: true
	});
}

export function feedbackHeading(
	page: Page,
	text?: 'Correct' | 'Not quite' | 'Partly right'
): Locator {
	return practicePanel(page).getByRole('heading', {
		level: 3,
		name: text ?? /^(Correct|Not quite|Partly right)$/
	});
}

/**
 * The question on screen: its number from the "Question N of M" heading, and its answer key found
 * by the prompt the form shows. Fails if the prompt is not the N-th question in lesson order.
 */
export async function currentQuestion(
	page: Page
): Promise<{ number: number; total: number; question: KeyQuestion }> {
	const heading = questionHeading(page);
	await expect(heading).toBeVisible();
	const [, number, total] = (await heading.innerText()).match(/Question (\d+) of (\d+)/)!;
	const shown = normalize(await answerForm(page).innerText());
	const matching = questions.filter((q) => shown.includes(normalize(q.prompt)));
	expect(
		matching.map((q) => q.id),
		'exactly one known prompt is on screen'
	).toHaveLength(1);
	const question = matching[0]!;
	expect(questions.indexOf(question) + 1, `"${question.id}" is asked in lesson order`).toBe(
		Number(number)
	);
	expect(Number(total)).toBe(questions.length);
	return { number: Number(number), total: Number(total), question };
}

/** The input a learner would use for one label (or the text box). */
export function inputFor(page: Page, answer: PlannedAnswer, label?: string): Locator {
	const form = answerForm(page);
	return answer.kind === 'text'
		? form.getByRole('textbox')
		: form.getByRole(answer.kind, { name: label!, exact: true });
}

/**
 * Answers the question on screen with the mouse (and typing, for short answers) and presses
 * "Check answer". Works with JavaScript on or off.
 */
export async function answerWithMouse(page: Page, correct: boolean) {
	const { number, question } = await currentQuestion(page);
	const answer = plannedAnswer(question, correct);
	if (answer.kind === 'text') {
		const box = inputFor(page, answer);
		await box.click();
		await box.fill(answer.text);
	} else {
		for (const label of answer.labels) {
			const input = inputFor(page, answer, label);
			await input.click();
			await expect(input).toBeChecked();
		}
	}
	await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
	await expect(feedbackHeading(page)).toBeVisible();
	return { number, question, answer };
}

/** Clicks the feedback's "next" button and waits for the next question (or the results). */
export async function goOnWithMouse(page: Page, number: number) {
	const last = number === questions.length;
	const name = last ? 'See your results' : /^(Next question|Skip to the next question)$/;
	await practicePanel(page).getByRole('button', { name }).click();
	await expect(
		last ? page.getByRole('heading', { name: 'Your results' }) : questionHeading(page, number + 1)
	).toBeVisible();
}

/**
 * Presses Tab (or Shift+Tab) until `target` is focused; fails if it never is. A locator matching
 * several elements (a radio group) counts as reached when any of them is focused.
 */
export async function tabTo(
	page: Page,
	target: Locator,
	{ backwards = false, maxPresses = 40 } = {}
) {
	for (let i = 0; i < maxPresses; i++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		// Every stop on the way must show where focus is, not just the one we want. (Past the
		// page's last control, focus briefly leaves the document: nothing to check there.)
		await expectVisibleFocus(page, { orNothing: true });
		const reached = await target.evaluateAll((els) =>
			els.some((el) => el === document.activeElement)
		);
		if (reached) return;
	}
	throw new Error(
		`${backwards ? 'Shift+Tab' : 'Tab'} never reached ${target} in ${maxPresses} presses`
	);
}

/** The focused element shows a focus indicator: an outline that is not 'none' and has width. */
export async function expectVisibleFocus(page: Page, { orNothing = false } = {}) {
	const focus = await page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return null;
		const style = getComputedStyle(el);
		return {
			element: `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || (el as HTMLInputElement).value || '').slice(0, 40)}"`,
			outlineStyle: style.outlineStyle,
			outlineWidth: parseFloat(style.outlineWidth)
		};
	});
	if (!focus && orNothing) return;
	expect(focus, 'something is focused').not.toBeNull();
	expect(focus!.outlineStyle, `focus outline on ${focus!.element}`).not.toBe('none');
	expect(focus!.outlineWidth, `focus outline width on ${focus!.element}`).toBeGreaterThan(0);
}

/**
 * Answers the question on screen with the keyboard alone: Tab to the inputs, arrow keys within a
 * radio group, Space for check boxes, typing for text, then Tab to "Check answer" and Enter.
 */
export async function answerWithKeyboard(page: Page, correct: boolean) {
	const { number, question } = await currentQuestion(page);
	const answer = plannedAnswer(question, correct);
	const form = answerForm(page);
	if (answer.kind === 'text') {
		await tabTo(page, inputFor(page, answer));
		await page.keyboard.type(answer.text);
		await expect(inputFor(page, answer)).toHaveValue(answer.text);
	} else if (answer.kind === 'radio') {
		const target = inputFor(page, answer, answer.labels[0]);
		// Tab enters the group on its first radio; the arrow keys move (and choose) within it.
		await tabTo(page, form.getByRole('radio'));
		const count = await form.getByRole('radio').count();
		for (let i = 0; i < count && !(await isFocused(target)); i++)
			await page.keyboard.press('ArrowDown');
		await expect(target).toBeFocused();
		await page.keyboard.press('Space');
		await expect(target).toBeChecked();
		await expectVisibleFocus(page);
	} else {
		for (const label of answer.labels) {
			const box = inputFor(page, answer, label);
			// Shuffled choices: the next box to tick may be above the focused one.
			const above = await box.evaluate(
				(el) =>
					!!(
						document.activeElement &&
						el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING
					)
			);
			await tabTo(page, box, { backwards: above });
			await page.keyboard.press('Space');
			await expect(box).toBeChecked();
		}
	}
	await tabTo(page, form.getByRole('button', { name: 'Check answer' }));
	await page.keyboard.press('Enter');
	await expect(feedbackHeading(page)).toBeFocused();
	return { number, question, answer };
}

async function isFocused(locator: Locator): Promise<boolean> {
	return locator.evaluate((el) => el === document.activeElement);
}

/** No axe-core violations of WCAG 2.0/2.1/2.2 A and AA on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const found = results.violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`
	);
	expect(found, `axe violations on ${label}`).toEqual([]);
}

/** The words inside a <mark> as they are shown: without the screen-reader-only start/end notes. */
export async function markedWords(mark: Locator): Promise<string> {
	return mark.evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
		return (copy.textContent ?? '').replace(/[\s\u00a0]+/gu, ' ').trim();
	});
}

/** Credit for one question: the try's points minus a quarter per hint and per extra try. */
export function creditFor(
	points: number,
	{ hints = 0, extraTries = 0, earned = points } = {}
): number {
	return Math.max(0, earned * (1 - 0.25 * hints - 0.25 * extraTries));
}

/** A planned answer as the feedback and summary show it ("Your answer: …"). */
export function inWords(answer: PlannedAnswer): string[] {
	return answer.kind === 'text' ? [answer.text] : answer.labels;
}
