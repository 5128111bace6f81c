/**
 * Shared steps for the browser tests. The answer key is read from the module's own content files
 * (through the app's own loader, so evidence ranges and sentence splitting are the app's), and
 * the tests pick answers by their words: choices, items and options are shuffled per attempt.
 */
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { findQuote } from '../../src/lib/content/quote.ts';
import type { Lesson, Paragraph, Question } from '../../src/lib/content/schema.ts';
import { sentenceSpans } from '../../src/lib/content/sentences.ts';
import { formatEarned, formatPoints, formatScore } from '../../src/lib/format.ts';
import { exampleAnswer } from '../../src/lib/quiz/types/shortAnswer/match.ts';

/** Scores as the pages show them (one decimal at most); the app's own formatter. */
export { formatEarned, formatPoints, formatScore };

export const MODULE_SLUG = 'fleeing-kazakhs-and-puff-pieces';
export const MODULE_URL = `/modules/${MODULE_SLUG}`;

function loadTheModule() {
	const root = fileURLToPath(new URL('../../', import.meta.url));
	const { module, problems } = loadModuleDir(`${root}questions/${MODULE_SLUG}`, root);
	if (!module) throw new Error(`the module does not load:\n${JSON.stringify(problems, null, 2)}`);
	return module;
}

const theModule = loadTheModule();

/** One question with its answer key; evidence questions have their `within` range filled in. */
export type KeyQuestion = Question;
export type KeyCite = Question['cites'][number];

/** Every question of the module, in the order practice asks them (lesson order). */
export const questions: KeyQuestion[] = theModule.questions;
export const lessons: Lesson[] = theModule.lessons;
export const paragraphs: Paragraph[] = theModule.article.paragraphs;
export const glossary = theModule.glossary;
export const maxScore = questions.reduce((sum, q) => sum + q.points, 0);

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

/** 1-based position of a question in the quiz. */
export function numberOf(q: KeyQuestion): number {
	return questions.indexOf(q) + 1;
}

export function lessonOf(q: KeyQuestion): Lesson {
	return lessons.find((l) => l.questions.includes(q.id))!;
}

/** The first question of each type, in quiz order. */
export function firstOfType(type: KeyQuestion['type']): KeyQuestion {
	return questions.find((q) => q.type === type)!;
}

/** An answer in the words a learner sees. `words` is how feedback says it ("Your answer: …"). */
export type PlannedAnswer = { rationales: string[]; words: string[] } & (
	| { kind: 'radio' | 'checkbox'; labels: string[] }
	| { kind: 'text'; text: string }
	/** The items' texts, in the order to put them. */
	| { kind: 'ordering'; items: string[] }
	/** Each item's text with the text of the option to match it to. */
	| { kind: 'matching'; pairs: { item: string; option: string }[] }
	/** A paragraph, or one sentence of it (`sentence` is its 1-based place and its words). */
	| {
			kind: 'evidence';
			select: 'paragraph' | 'sentence';
			paragraph: number;
			sentence?: { k: number; text: string };
	  }
	| { kind: 'two-part'; partA: string; partB: string }
);

/** The sentences of a paragraph, as the reader offers them for evidence questions. */
export function sentencesOf(n: number): { k: number; text: string; start: number; end: number }[] {
	const text = paragraphs[n - 1]!.text;
	return sentenceSpans(text).map((s, i) => ({ ...s, k: i + 1, text: text.slice(s.start, s.end) }));
}

/** Whether a sentence holds (part of) one of the question's cited quotes. */
function isCitedSentence(q: KeyQuestion, n: number, sentence: { start: number; end: number }) {
	return q.cites.some((c) => {
		if (c.paragraph !== n) return false;
		const quote = findQuote(paragraphs[n - 1]!.text, c.quote);
		return quote !== null && quote.start < sentence.end && sentence.start < quote.end;
	});
}

function evidenceAnswer(
	q: Extract<KeyQuestion, { type: 'evidence' }>,
	correct: boolean
): PlannedAnswer {
	const [first, last] = q.within!;
	const range = paragraphs.filter((p) => p.n >= first && p.n <= last).map((p) => p.n);
	const cited = (n: number) => q.cites.some((c) => c.paragraph === n);
	if (q.select === 'paragraph') {
		const paragraph = correct ? range.find(cited) : range.find((n) => !cited(n));
		if (paragraph === undefined) throw new Error(`${q.id}: no ${correct ? '' : 'un'}cited ¶`);
		return {
			kind: 'evidence',
			select: 'paragraph',
			paragraph,
			rationales: [],
			words: [`¶${paragraph}`]
		};
	}
	for (const n of range) {
		for (const sentence of sentencesOf(n)) {
			if (isCitedSentence(q, n, sentence) === correct) {
				return {
					kind: 'evidence',
					select: 'sentence',
					paragraph: n,
					sentence: { k: sentence.k, text: sentence.text },
					rationales: [],
					// Told back in its own words, quoted, with its paragraph.
					words: [`¶${n}: “${normalize(sentence.text)}”`]
				};
			}
		}
	}
	throw new Error(`${q.id}: no ${correct ? '' : 'un'}cited sentence in ¶${first}–¶${last}`);
}

/** The right answer, or a wrong one that earns nothing (with a rationale when the content has one). */
export function plannedAnswer(q: KeyQuestion, correct: boolean): PlannedAnswer {
	switch (q.type) {
		case 'single-choice':
		case 'multiple-choice': {
			const right = q.type === 'single-choice' ? [q.answer] : q.answers;
			const kind = q.type === 'single-choice' ? 'radio' : 'checkbox';
			if (correct) {
				const labels = q.choices.filter((c) => right.includes(c.id)).map((c) => c.text);
				return { kind, labels, rationales: [], words: labels };
			}
			const wrong = q.choices.find((c) => !right.includes(c.id) && c.rationale)!;
			return { kind, labels: [wrong.text], rationales: [wrong.rationale!], words: [wrong.text] };
		}
		case 'true-false-not-stated': {
			const value = correct ? q.answer : Object.keys(TRUTH_LABELS).find((v) => v !== q.answer)!;
			const label = TRUTH_LABELS[value]!;
			return { kind: 'radio', labels: [label], rationales: [], words: [label] };
		}
		case 'short-answer': {
			const text = correct ? exampleAnswer(q.accepted[0]!) : 'I am not sure';
			return { kind: 'text', text, rationales: [], words: [text] };
		}
		case 'ordering': {
			// The key lists the items in order; reversed, no neighbouring pair is right.
			const items = q.items.map((i) => i.text);
			if (!correct) items.reverse();
			return {
				kind: 'ordering',
				items,
				rationales: [],
				words: items.map((text, i) => `${i + 1}. ${text}`)
			};
		}
		case 'matching': {
			const pairs = q.items.map((item) => {
				const right = q.options.findIndex((o) => o.id === item.match);
				// Wrong: the option after the right one, which is never the right one.
				const option = q.options[correct ? right : (right + 1) % q.options.length]!;
				return { item: item.text, option: option.text };
			});
			return {
				kind: 'matching',
				pairs,
				rationales: [],
				words: pairs.map((p) => `${p.item} → ${p.option}`)
			};
		}
		case 'evidence':
			return evidenceAnswer(q, correct);
		case 'two-part':
			return twoPartAnswer(q, correct, correct);
	}
}

/** A two-part answer with Part A and Part B each right or wrong. */
export function twoPartAnswer(
	q: KeyQuestion,
	aRight: boolean,
	bRight: boolean
): Extract<PlannedAnswer, { kind: 'two-part' }> {
	if (q.type !== 'two-part') throw new Error(`${q.id} is not a two-part question`);
	const a = aRight
		? q.choices.find((c) => c.id === q.answer)!
		: q.choices.find((c) => c.id !== q.answer && c.rationale)!;
	const b = bRight
		? q.partB.choices.find((c) => c.id === q.partB.answer)!
		: q.partB.choices.find((c) => c.id !== q.partB.answer && c.rationale)!;
	return {
		kind: 'two-part',
		partA: a.text,
		partB: b.text,
		// Feedback gives the rationale of each wrong part picked, Part A first.
		rationales: [aRight ? null : a, bRight ? null : b].flatMap((c) =>
			c?.rationale ? [c.rationale] : []
		),
		words: [`Part A: ${a.text}`, `Part B: ${b.text}`]
	};
}

export function practicePanel(page: Page): Locator {
	// The module page's practice, or the same panel on its review page.
	return page.getByRole('complementary', { name: /^(Practice|Review) questions$/ });
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

/** The reader: the article, where evidence questions are answered. */
export function reader(page: Page): Locator {
	return page.getByRole('article');
}

/** An evidence question's choices, in the reader. */
export function evidenceGroup(page: Page): Locator {
	return reader(page).getByRole('group', {
		name: /^Choose the (sentence|paragraph) in ¶\d+–¶\d+ that supports this claim:/
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

/** The radio, check box or text box a learner would use for one label. */
export function inputFor(page: Page, answer: PlannedAnswer, label?: string): Locator {
	const form = answerForm(page);
	if (answer.kind === 'text') return form.getByRole('textbox');
	if (answer.kind !== 'radio' && answer.kind !== 'checkbox') throw new Error(answer.kind);
	return form.getByRole(answer.kind, { name: label!, exact: true });
}

/** The radio for a planned evidence answer: "Choose ¶N as the evidence", or the sentence itself. */
export function evidenceChoice(page: Page, answer: PlannedAnswer): Locator {
	if (answer.kind !== 'evidence') throw new Error(answer.kind);
	const group = evidenceGroup(page);
	return answer.sentence
		? group
				.locator(`#p-${answer.paragraph}`)
				.getByRole('radio', { name: normalize(answer.sentence.text), exact: true })
		: group.getByRole('radio', {
				name: `Choose ¶${answer.paragraph} as the evidence`,
				exact: true
			});
}

export function partGroup(page: Page, part: 'A' | 'B'): Locator {
	return answerForm(page).getByRole('group', { name: new RegExp(`^Part ${part}\\b`) });
}

/** Part A choices are shown as written; Part B choices are quotes, shown in quotation marks. */
export function partChoice(page: Page, part: 'A' | 'B', text: string): Locator {
	return partGroup(page, part).getByRole('radio', {
		name: part === 'A' ? text : `“${text}”`,
		exact: true
	});
}

/** The select for one item: a matching item, or (ordering without JavaScript) an item's place. */
export function selectFor(page: Page, item: string): Locator {
	return answerForm(page).getByRole('combobox', { name: item, exact: true });
}

export function moveButton(page: Page, direction: 'up' | 'down', item: string): Locator {
	return answerForm(page).getByRole('button', {
		name: `Move ${direction}: “${item}”`,
		exact: true
	});
}

/** Whether the page runs its JavaScript (SvelteKit's start script leaves a global behind). */
export async function isScripted(page: Page): Promise<boolean> {
	return page.evaluate(() =>
		Object.keys(window).some((k) => k.startsWith('__sveltekit') || k === '__citewise_island')
	);
}

/**
 * Blocks the app's own scripts (SvelteKit's, and the module page's island), so the page is never
 * hydrated and its forms post natively, as with JavaScript off, while axe can still run in it.
 */
export async function blockAppScripts(page: Page) {
	await page.route(/\/(_app\/.*|island\/[^/]*)\.js(\?|$)/, (route) => route.abort());
}

/**
 * Waits until the page's scripts have hydrated it: SvelteKit's router takes over scroll
 * restoration then, and the module page's own island (which runs without SvelteKit's client)
 * says so.
 */
export async function waitForApp(page: Page) {
	await page.waitForFunction(
		() =>
			history.scrollRestoration === 'manual' ||
			(window as unknown as { __citewise_island?: string }).__citewise_island === 'hydrated'
	);
}

/**
 * Loads `url` as a learner opens it and waits until they can use it: with JavaScript on, until the
 * app has hydrated the page. `goto` returns at the load event, and on a busy machine hydration can
 * finish after it: a click or key press then would post the form natively, and focus would not move
 * as it does with JavaScript (see `waitForApp`). `app: false` for a page whose scripts are
 * blocked on purpose.
 */
export async function openPage(page: Page, url = MODULE_URL, { app = true } = {}) {
	const response = await page.goto(url);
	if (app && (await isScripted(page))) await waitForApp(page);
	return response;
}

/**
 * Whether the ordering question on screen has its move buttons (JavaScript) or place selects.
 * With JavaScript, waits for the buttons: the server-rendered selects are replaced on mount.
 */
async function orderingHasButtons(page: Page): Promise<boolean> {
	if (!(await isScripted(page))) return false;
	await expect(
		answerForm(page)
			.getByRole('button', { name: /^Move down: / })
			.first()
	).toBeVisible();
	return true;
}

/** The items of an ordering question as they are now listed (JavaScript), from their buttons. */
export async function shownOrder(page: Page): Promise<string[]> {
	const labels = await answerForm(page)
		.getByRole('button', { name: /^Move down: “/ })
		.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
	return labels.map((label) => label.slice('Move down: “'.length, -1));
}

/**
 * Moves ordering items with their "Move up" buttons until the list is in `wanted` order. Clicks
 * with the mouse, or (keyboard) Tabs to each button once and presses Enter: focus stays on the
 * moved item's button, so repeated presses keep moving it.
 */
export async function reorder(page: Page, wanted: string[], by: 'mouse' | 'keyboard') {
	const status = answerForm(page).getByRole('status');
	for (let i = 0; i < wanted.length; i++) {
		const order = await shownOrder(page);
		const from = order.indexOf(wanted[i]!);
		expect(from, `"${wanted[i]}" is listed`).toBeGreaterThanOrEqual(i);
		if (from === i) continue;
		const up = moveButton(page, 'up', wanted[i]!);
		if (by === 'keyboard') await tabTo(page, up);
		for (let at = from; at > i; at--) {
			if (by === 'mouse') await up.click();
			else await page.keyboard.press('Enter');
			await expect(status).toHaveText(`“${wanted[i]}” is now number ${at} of ${wanted.length}.`);
			if (by === 'keyboard') {
				// At the top "Move up" is disabled, so focus goes to the item's "Move down".
				await expect(at === 1 ? moveButton(page, 'down', wanted[i]!) : up).toBeFocused();
				await expectVisibleFocus(page);
			}
		}
	}
	expect(await shownOrder(page)).toEqual(wanted);
}

/** Ordering without JavaScript: gives each item its place (1 for first) in its select. */
export async function placeItems(page: Page, wanted: string[]) {
	for (const [i, item] of wanted.entries()) {
		await selectFor(page, item).selectOption({ label: String(i + 1) });
	}
}

/**
 * Answers the question on screen with the mouse (and typing, for short answers) and presses
 * "Check answer" ("Check this evidence" for evidence chosen in the reader). Works with
 * JavaScript on or off.
 */
export async function answerWithMouse(
	page: Page,
	correct: boolean | PlannedAnswer,
	/** The question on screen, when it is not the module's N-th (a review asks only those due). */
	shown?: { number: number; question: KeyQuestion }
): Promise<{ number: number; question: KeyQuestion; answer: PlannedAnswer }> {
	const { number, question } = shown ?? (await currentQuestion(page));
	const answer = typeof correct === 'boolean' ? plannedAnswer(question, correct) : correct;
	switch (answer.kind) {
		case 'text': {
			const box = inputFor(page, answer);
			await box.click();
			await box.fill(answer.text);
			break;
		}
		case 'radio':
		case 'checkbox':
			for (const label of answer.labels) {
				const input = inputFor(page, answer, label);
				await input.click();
				await expect(input).toBeChecked();
			}
			break;
		case 'ordering':
			if (await orderingHasButtons(page)) await reorder(page, answer.items, 'mouse');
			else await placeItems(page, answer.items);
			break;
		case 'matching':
			for (const { item, option } of answer.pairs) {
				await selectFor(page, item).selectOption({ label: option });
			}
			break;
		case 'evidence': {
			const choice = evidenceChoice(page, answer);
			await choice.click();
			await expect(choice).toBeChecked();
			break;
		}
		case 'two-part':
			for (const [part, text] of [
				['A', answer.partA],
				['B', answer.partB]
			] as const) {
				const radio = partChoice(page, part, text);
				await radio.click();
				await expect(radio).toBeChecked();
			}
			break;
	}
	if (answer.kind === 'evidence') {
		await evidenceGroup(page).getByRole('button', { name: 'Check this evidence' }).click();
	} else {
		await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
	}
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

async function precedesFocus(target: Locator): Promise<boolean> {
	return target
		.first()
		.evaluate(
			(el) =>
				!!document.activeElement &&
				document.activeElement !== document.body &&
				!el.contains(document.activeElement) &&
				!!(el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)
		);
}

/**
 * Presses Tab (or Shift+Tab) until `target` is focused; fails if it never is. A locator matching
 * several elements (a radio group) counts as reached when any of them is focused. Without
 * `backwards`, goes whichever way the target is from the focused element.
 */
export async function tabTo(
	page: Page,
	target: Locator,
	{ backwards, maxPresses = 40 }: { backwards?: boolean; maxPresses?: number } = {}
) {
	const back = backwards ?? (await precedesFocus(target));
	for (let i = 0; i < maxPresses; i++) {
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
		// Every stop on the way must show where focus is, not just the one we want. (Past the
		// page's last control, focus briefly leaves the document: nothing to check there.)
		const { reached, focus } = await target.evaluateAll(focusProbe);
		checkVisibleFocus(focus, { orNothing: true });
		if (reached) return;
	}
	throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${target} in ${maxPresses} presses`);
}

/**
 * Runs in the page (self-contained: it is sent there as source): whether one of `els` is focused,
 * and how the focused element shows focus (null when nothing is focused). One round trip per Tab.
 */
function focusProbe(els: Element[]) {
	const el = document.activeElement as HTMLElement | null;
	const reached = els.some((e) => e === el);
	if (!el || el === document.body) return { reached, focus: null };
	const style = getComputedStyle(el);
	return {
		reached,
		focus: {
			element: `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || (el as HTMLInputElement).value || '').slice(0, 40)}"`,
			outlineStyle: style.outlineStyle,
			outlineWidth: parseFloat(style.outlineWidth)
		}
	};
}

function checkVisibleFocus(
	focus: ReturnType<typeof focusProbe>['focus'],
	{ orNothing = false } = {}
) {
	if (!focus && orNothing) return;
	expect(focus, 'something is focused').not.toBeNull();
	expect(focus!.outlineStyle, `focus outline on ${focus!.element}`).not.toBe('none');
	expect(focus!.outlineWidth, `focus outline width on ${focus!.element}`).toBeGreaterThan(0);
}

/** The focused element shows a focus indicator: an outline that is not 'none' and has width. */
export async function expectVisibleFocus(page: Page, { orNothing = false } = {}) {
	const { focus } = await page.locator(':root').evaluateAll(focusProbe);
	checkVisibleFocus(focus, { orNothing });
}

async function isFocused(locator: Locator): Promise<boolean> {
	return locator.evaluate((el) => el === document.activeElement);
}

/**
 * Tab into a radio group (any of `radios`), then arrow keys to `target`, then Space. Arrow keys
 * wrap around, so at most one lap finds it.
 */
export async function chooseRadioWithKeyboard(page: Page, radios: Locator, target: Locator) {
	await tabTo(page, radios);
	const count = await radios.count();
	for (let i = 0; i < count && !(await isFocused(target)); i++) {
		await page.keyboard.press('ArrowDown');
	}
	await expect(target).toBeFocused();
	await page.keyboard.press('Space');
	await expect(target).toBeChecked();
	await expectVisibleFocus(page);
}

/** Tab to a select, then arrow keys until the option with these words is chosen. */
export async function chooseOptionWithKeyboard(page: Page, select: Locator, option: string) {
	await tabTo(page, select);
	// Reading the options is looking at the screen; choosing is done with the keys.
	const options = await select.evaluate((el: HTMLSelectElement) =>
		[...el.options].map((o) => o.text.replace(/\s+/g, ' ').trim())
	);
	const target = options.indexOf(normalize(option));
	expect(target, `"${option}" is an option`).toBeGreaterThanOrEqual(0);
	let at = await select.evaluate((el: HTMLSelectElement) => el.selectedIndex);
	while (at !== target) {
		await page.keyboard.press(at < target ? 'ArrowDown' : 'ArrowUp');
		at += at < target ? 1 : -1;
	}
	await expect(select.locator('option:checked')).toHaveText(option);
	await expectVisibleFocus(page);
}

/**
 * Answers the question on screen with the keyboard alone: Tab to the inputs (either way: after a
 * hint focus is below them), arrow keys within a radio group or a select, Space for check boxes,
 * typing for text, Enter on the "Move up" buttons for ordering. Evidence is chosen in the
 * reader: "Go to ¶N to choose", Tab into the radio group, arrows, then "Check this evidence"
 * (or, with `submit: 'answer'`, back to the panel's "Check answer"). Needs JavaScript for
 * ordering (without it, ordering has selects: use the mouse helpers).
 */
export async function answerWithKeyboard(
	page: Page,
	correct: boolean | PlannedAnswer,
	{ submit = 'evidence' }: { submit?: 'evidence' | 'answer' } = {}
): Promise<{ number: number; question: KeyQuestion; answer: PlannedAnswer }> {
	const { number, question } = await currentQuestion(page);
	const answer = typeof correct === 'boolean' ? plannedAnswer(question, correct) : correct;
	const form = answerForm(page);
	let submitButton = form.getByRole('button', { name: 'Check answer' });
	switch (answer.kind) {
		case 'text':
			await tabTo(page, inputFor(page, answer));
			await page.keyboard.type(answer.text);
			await expect(inputFor(page, answer)).toHaveValue(answer.text);
			break;
		case 'radio':
			await chooseRadioWithKeyboard(
				page,
				form.getByRole('radio'),
				inputFor(page, answer, answer.labels[0])
			);
			break;
		case 'checkbox':
			for (const label of answer.labels) {
				// Shuffled choices: the next box to tick may be above the focused one.
				const box = inputFor(page, answer, label);
				await tabTo(page, box);
				await page.keyboard.press('Space');
				await expect(box).toBeChecked();
			}
			break;
		case 'ordering':
			expect(await orderingHasButtons(page), 'ordering by keyboard has move buttons').toBe(true);
			await reorder(page, answer.items, 'keyboard');
			break;
		case 'matching':
			for (const { item, option } of answer.pairs) {
				await chooseOptionWithKeyboard(page, selectFor(page, item), option);
			}
			break;
		case 'evidence': {
			const q = question as Extract<KeyQuestion, { type: 'evidence' }>;
			const first = q.within![0];
			await tabTo(page, form.getByRole('link', { name: `Go to ¶${first} to choose` }));
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/#evidence-choices$/);
			// Following the link moves the Tab starting point to the choices (the claim above ¶first):
			// Tab goes on from there.
			await chooseRadioWithKeyboard(
				page,
				evidenceGroup(page).getByRole('radio'),
				evidenceChoice(page, answer)
			);
			if (submit === 'evidence') {
				submitButton = evidenceGroup(page).getByRole('button', { name: 'Check this evidence' });
			}
			break;
		}
		case 'two-part':
			await chooseRadioWithKeyboard(
				page,
				partGroup(page, 'A').getByRole('radio'),
				partChoice(page, 'A', answer.partA)
			);
			await chooseRadioWithKeyboard(
				page,
				partGroup(page, 'B').getByRole('radio'),
				partChoice(page, 'B', answer.partB)
			);
			break;
	}
	await tabTo(page, submitButton);
	await page.keyboard.press('Enter');
	await expect(feedbackHeading(page)).toBeFocused();
	return { number, question, answer };
}

/** Finds the one entry whose text is `text`; fails loudly if the content has changed. */
function idOf(entries: { id: string; text: string }[], text: string, what: string): string {
	const found = entries.find((e) => normalize(e.text) === normalize(text));
	if (!found) throw new Error(`no ${what} with the words "${text}"`);
	return found.id;
}

/** A planned answer as a plain form would post it: the field names and values the forms use. */
export function fieldsFor(q: KeyQuestion, answer: PlannedAnswer): [string, string][] {
	switch (answer.kind) {
		case 'text':
			return [['text', answer.text]];
		case 'radio':
		case 'checkbox': {
			if (q.type === 'true-false-not-stated') {
				const value = Object.keys(TRUTH_LABELS).find((v) => TRUTH_LABELS[v] === answer.labels[0]);
				return [['choice', value!]];
			}
			if (q.type !== 'single-choice' && q.type !== 'multiple-choice') throw new Error(q.type);
			return answer.labels.map((label) => ['choice', idOf(q.choices, label, 'choice')]);
		}
		case 'ordering':
			if (q.type !== 'ordering') throw new Error(q.type);
			return answer.items.map((text) => ['order', idOf(q.items, text, 'item')]);
		case 'matching':
			if (q.type !== 'matching') throw new Error(q.type);
			return answer.pairs.map(({ item, option }) => [
				`match-${idOf(q.items, item, 'item')}`,
				idOf(q.options, option, 'option')
			]);
		case 'evidence':
			return [
				[
					'evidence',
					answer.sentence ? `${answer.paragraph}.${answer.sentence.k}` : `${answer.paragraph}`
				]
			];
		case 'two-part':
			if (q.type !== 'two-part') throw new Error(q.type);
			return [
				['choice', idOf(q.choices, answer.partA, 'Part A choice')],
				['part-b', idOf(q.partB.choices, answer.partB, 'Part B choice')]
			];
	}
}

/**
 * What a learner does at one question, step by step, before moving on: `true` / `false` answer it
 * rightly / wrongly (as `plannedAnswer` would), a `PlannedAnswer` answers it so, `'hint'`,
 * `'retry'` and `'reveal'` press "Show a hint", "Try again" and "Show answer".
 */
export type Step = boolean | PlannedAnswer | 'hint' | 'retry' | 'reveal';

/** Steps for the questions a run treats specially, by question id; any other is answered rightly. */
export type Plan = Partial<Record<string, Step[]>>;

/**
 * The credit a plan earns at one question: full points less a quarter per hint and per retry
 * when it ends with a right answer; nothing when it ends wrong or with the answer shown.
 */
export function plannedCredit(q: KeyQuestion, plan: Plan = {}): number {
	const steps = plan[q.id] ?? [true];
	const last = steps.at(-1);
	if (last !== true && last !== false && last !== 'reveal') {
		throw new Error(`${q.id}: a plan ends with a right or wrong answer or "reveal"`);
	}
	if (last !== true) return 0;
	return creditFor(q.points, {
		hints: steps.filter((s) => s === 'hint').length,
		extraTries: steps.filter((s) => s === 'retry').length
	});
}

/**
 * Setup, not the thing under test: gets a learner to the question `id` (or to the results, with
 * `null`) quickly, by posting each question's steps (`plan`; by default a right answer) and "next"
 * for each question before it, as plain form posts would: about 40 ms a question, where a browser
 * walk takes a second or more. The walkthroughs cover the UI of every step. Starts the practice
 * first, unless `from: 'here'`: then it goes on from the question on screen (which must be
 * answering or showing feedback). Uses and keeps the browser context's cookies; then opens the
 * page (`openPage`; `app` as there) and waits for the question (or the results) to show.
 */
export async function fastForwardTo(
	page: Page,
	id: string | null,
	{
		from = 'start',
		plan = {},
		app = true
	}: { from?: 'start' | 'here'; plan?: Plan; app?: boolean } = {}
) {
	const stop = id === null ? questions.length : questions.indexOf(questionById(id));
	const origin = new URL(test.info().project.use.baseURL!).origin;
	const post = async (action: string, fields: [string, string][]) => {
		const form = new URLSearchParams(fields);
		const response = await page.request.post(`${MODULE_URL}?/${action}`, {
			data: form.toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), `${action} ${form}`).toBe(303);
	};
	// Each post is one event; forms echo how many events there were (`seq`).
	let seq: number;
	let index: number;
	let answering: boolean;
	if (from === 'start') {
		await post('start', []);
		[seq, index, answering] = [1, 0, true];
	} else {
		seq = Number(await practicePanel(page).locator('input[name="seq"]').first().inputValue());
		answering = await answerForm(page).isVisible();
		const line = answering
			? questionHeading(page)
			: practicePanel(page).getByText(/^Question \d+ of/);
		index = Number((await line.first().innerText()).match(/Question (\d+) of/)![1]) - 1;
	}
	for (; index < stop; index++) {
		const q = questions[index]!;
		if (answering) {
			for (const step of plan[q.id] ?? [true]) {
				if (typeof step === 'string') {
					await post(step, [['seq', String(seq++)]]);
				} else {
					const answer = typeof step === 'boolean' ? plannedAnswer(q, step) : step;
					const fields = fieldsFor(q, answer);
					await post('answer', [['seq', String(seq++)], ['question', q.id], ...fields]);
				}
			}
		}
		await post('next', [['seq', String(seq++)]]);
		answering = true;
	}
	await openPage(page, MODULE_URL, { app });
	if (id === null) await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
	else await expect(questionHeading(page, stop + 1)).toBeVisible();
}

/**
 * No axe-core violations of WCAG 2.0/2.1/2.2 A and AA on the page as it is now. Legacy mode runs
 * axe in the page itself instead of finishing each scan in a new blank page (needed only for
 * cross-origin iframes, which this app has none of), and only violations are reported in detail.
 *
 * axe-core is half a megabyte of script, and AxeBuilder evaluates it into the page twice per scan
 * (about a second, more on a busy machine). A page that JavaScript updates in place keeps it from
 * the last scan, so then a one-character script stands in for it: the same rules, run by the same
 * axe, in about a third of the time.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
	const loaded = await page.evaluate(
		() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function'
	);
	const results = await new AxeBuilder({ page, ...(loaded ? { axeSource: ';' } : {}) })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.analyze();
	const found = results.violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`
	);
	expect(found, `axe violations on ${label}`).toEqual([]);
}

/**
 * The words marked in a paragraph as they are shown: every <mark> in it (a glossary term inside
 * the cited words splits the marking), without the screen-reader-only start/end notes.
 */
export async function markedWords(paragraph: Locator): Promise<string> {
	return paragraph.evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.visually-hidden, [popover]').forEach((n) => n.remove());
		const marks = [...copy.querySelectorAll('mark')].map((m) => m.textContent ?? '');
		return marks
			.join('')
			.replace(/[\s\u00a0]+/gu, ' ')
			.trim();
	});
}

/** Exactly the quoted words of `cite` are marked, in its paragraph, and nothing else on the page. */
export async function expectOnlyQuoteMarked(page: Page, cite: KeyCite) {
	const paragraph = page.locator(`#p-${cite.paragraph}`);
	const inParagraph = paragraph.locator('mark');
	await expect(inParagraph.first()).toBeVisible();
	await expect(page.locator('mark'), 'nothing outside the cited paragraph is marked').toHaveCount(
		await inParagraph.count()
	);
	expect(await markedWords(paragraph)).toBe(normalize(cite.quote));
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
	return answer.words;
}

/**
 * The feedback's "Your answer: …" line says the planned answer. Ticked boxes are listed in the
 * order they were shown (shuffled), so for check boxes the order is not compared. Once a
 * matching or ordering question is resolved, its answer is a list, each line marked right or
 * not: then the lines' words are compared (`expectMarkedAnswer` checks the marks).
 */
export async function expectYourAnswer(page: Page, answer: PlannedAnswer) {
	const marked = markedAnswer(page);
	if (await marked.isVisible()) {
		await expect(marked.getByRole('listitem').locator('bdi')).toHaveText(answer.words);
		return;
	}
	const line = practicePanel(page).getByText('Your answer:');
	if (answer.kind !== 'checkbox') {
		await expect(line).toHaveText(`Your answer: ${answer.words.join('; ')}`);
		return;
	}
	await expect(line).toHaveText(/^Your answer: /);
	const said = normalize(await line.innerText())
		.replace(/^Your answer: /, '')
		.split('; ');
	expect(said.sort()).toEqual(answer.words.map(normalize).sort());
}

/** A resolved matching or ordering answer: the list of its lines, each marked right or not. */
export function markedAnswer(page: Page): Locator {
	return practicePanel(page).locator('ul.marked-answer');
}

/**
 * Each line of a resolved matching or ordering answer is marked right or not, in a symbol and
 * in words (`words` as the feedback says them: "right" / "not right", …).
 */
export async function expectMarkedAnswer(
	page: Page,
	lines: { text: string; right: boolean }[],
	words: { right: string; wrong: string }
) {
	const items = markedAnswer(page).getByRole('listitem');
	await expect(items).toHaveText(
		lines.map((l) => `${l.right ? '✓' : '✗'} ${l.text} (${l.right ? words.right : words.wrong})`),
		{ useInnerText: true }
	);
}

/** "12.5 of 43 points (29%)", as the summary says it: rounded as the app rounds. */
export function scoreLine(score: number): string {
	return `${formatScore(score, maxScore)} points (${Math.round((score / maxScore) * 100)}%)`;
}

/** Adds credits as the app does (to 4 decimals), so sums compare exactly. */
export function sum(values: number[]): number {
	return Math.round(values.reduce((a, b) => a + b, 0) * 10000) / 10000;
}

// ── Guided reading and lessons ─────────────────────────────────────────────────────────────

export function lessonNav(page: Page): Locator {
	return page.getByRole('navigation', { name: /^Lessons/ });
}

/** The paragraphs the reader shows now. */
export function shownParagraphs(page: Page): Locator {
	return reader(page).locator('[id^="p-"]');
}

export function guidedNotice(page: Page): Locator {
	return reader(page).getByText(/^Guided reading: the rest of the article, from ¶\d+, opens when/);
}

/**
 * The reader shows ¶1 through ¶`through` and the notice names the next one; with `null`, it shows
 * every paragraph and no notice.
 */
export async function expectReaderThrough(page: Page, through: number | null) {
	const last = through ?? paragraphs.length;
	await expect(shownParagraphs(page), `the reader shows ¶1–¶${last}`).toHaveCount(last);
	await expect(shownParagraphs(page).first()).toHaveAttribute('id', 'p-1');
	await expect(shownParagraphs(page).last()).toHaveAttribute('id', `p-${last}`);
	if (through === null) {
		await expect(guidedNotice(page)).toHaveCount(0);
	} else {
		await expect(guidedNotice(page)).toHaveText(
			`Guided reading: the rest of the article, from ¶${through + 1}, opens when you have answered this lesson’s questions.`
		);
		await expect(
			reader(page).getByRole('button', { name: 'Show the whole article' })
		).toBeVisible();
	}
}

/**
 * The lesson navigation with `done` lessons finished and (unless all are) the next one being
 * read with `resolvedInCurrent` of its questions answered: statuses in words and symbols.
 */
export async function expectLessons(page: Page, done: number, resolvedInCurrent = 0) {
	const nav = lessonNav(page);
	await expect(nav.getByRole('heading', { level: 2 })).toHaveText(
		`Lessons (${done} of ${lessons.length} done)`
	);
	const expected = lessons.map((lesson, i) => {
		const total = lesson.questions.length;
		const [symbol, words, resolved] =
			i < done
				? ['✓', 'done', total]
				: i === done
					? ['→', 'reading now', resolvedInCurrent]
					: ['○', 'not started', 0];
		const [a, b] = lesson.paragraphs;
		return `${symbol} ${lesson.title} ¶${a}–¶${b} · ${resolved} of ${total} questions · ${words}`;
	});
	await expect(nav.getByRole('listitem')).toHaveText(expected, { useInnerText: true });
	// The lesson being read is the current step; when all are done, none is.
	const current = nav.locator('[aria-current="step"]');
	if (done < lessons.length)
		await expect(current).toHaveText(expected[done]!, { useInnerText: true });
	else await expect(current).toHaveCount(0);
}

/** Where guided reading should end for a learner with `done` lessons finished. */
export function guidedThrough(done: number): number | null {
	return done >= lessons.length - 1 ? null : lessons[done]!.paragraphs[1];
}

/**
 * Guided reading as the quiz reaches `question`: a lesson's first question shows that lesson
 * opened and the ones before it done; its last question still shows only that lesson's text.
 */
export async function expectGuidedReadingAt(page: Page, question: KeyQuestion) {
	const lesson = lessons.indexOf(lessonOf(question));
	const { questions: ids } = lessons[lesson]!;
	if (ids[0] === question.id && lesson > 0) {
		await test.step(`lesson ${lesson + 1} opens once lesson ${lesson} is done`, async () => {
			await expectLessons(page, lesson);
			await expectReaderThrough(page, guidedThrough(lesson));
		});
	}
	if (ids.at(-1) === question.id && lesson < lessons.length - 1) {
		// Up to its last answer, the lesson's paragraphs are all the reader shows.
		await expectReaderThrough(page, guidedThrough(lesson));
		await expectLessons(page, lesson, ids.length - 1);
	}
}
