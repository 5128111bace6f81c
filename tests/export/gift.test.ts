import { readFileSync } from 'node:fs';
/**
 * The GIFT export, read back with an independent parser (gift-pegjs) question by question: every
 * question is in the file or named in its header, keys, weights, feedback and citations survive,
 * and so does every character GIFT or HTML treats as special.
 */
import { fileURLToPath } from 'node:url';
import { parse, type GIFTQuestion, type TextChoice } from 'gift-pegjs';
import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import type { Module, Question } from '../../src/lib/content/schema.ts';
import {
	FIDELITY,
	canExport,
	citationLine,
	evidenceCandidates,
	percent
} from '../../src/lib/export/common.ts';
import { gift, giftEscape } from '../../src/lib/export/gift.ts';
import { answerInWords } from '../../src/lib/quiz/questions.ts';

/** Questions as the content file declares them, counted apart from the loader that could drop one. */
const DECLARED = (
	readFileSync('questions/fleeing-kazakhs-and-puff-pieces/questions.yaml', 'utf8').match(
		/^ {2}- id: /gm
	) ?? []
).length;

const repo = fileURLToPath(new URL('../..', import.meta.url));

function load(dir: string): Module {
	const result = loadModuleDir(`${repo}${dir}`, repo);
	expect(result.problems).toEqual([]);
	if (!result.module) throw new Error(`${dir} did not load`);
	return result.module;
}

const fixture = load('tests/fixtures/export-every-type');
const real = load('questions/fleeing-kazakhs-and-puff-pieces');

/** HTML to its text: tags dropped, then entities decoded (so `&lt;p&gt;` stays text). */
function text(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

/**
 * gift-pegjs leaves its escape placeholders in a matching pair's right-hand side (it decodes every
 * other text); Moodle decodes them there too (`escapedchar_post`), so the test does the same.
 */
function pegPlain(s: string): string {
	const chars: Record<string, string> = {
		'058': ':',
		'035': '#',
		'061': '=',
		'123': '{',
		'125': '}',
		'126': '~',
		'092': '\\'
	};
	return s.replace(/&&(\d{3});/g, (m, code: string) => chars[code] ?? m).replace(/&&010/g, '\n');
}

/** A short answer as Citewise wrote it: Moodle's `\*` (a literal asterisk) back to `*`. */
function unwildcard(s: string): string {
	return s.replace(/\\\*/g, '*');
}

/** The comment lines before the first `$CATEGORY`. */
function headerOf(file: string): string {
	return file.slice(0, file.indexOf('$CATEGORY:'));
}

type Item = Exclude<GIFTQuestion, { type: 'Category' }>;

function items(file: string): Map<string, Item> {
	const byTitle = new Map<string, Item>();
	for (const q of parse(file)) {
		if (q.type !== 'Category' && q.title) byTitle.set(q.title, q);
	}
	return byTitle;
}

function choicesOf(item: Item | undefined): TextChoice[] {
	if (!item || (item.type !== 'MC' && item.type !== 'Short')) {
		throw new Error(`expected a choice question, got ${item?.type}`);
	}
	return item.choices;
}

function stemOf(item: Item | undefined): string {
	if (!item) throw new Error('missing question');
	return text(item.stem.text);
}

function feedbackOf(item: Item | undefined): string {
	if (!item || !('globalFeedback' in item) || !item.globalFeedback) throw new Error('no feedback');
	return text(item.globalFeedback.text);
}

const correctTexts = (choices: TextChoice[]) =>
	choices.filter((c) => c.isCorrect).map((c) => text(c.text.text));

/** Choice texts to their decoded feedback (null when there is none). */
const feedbacks = (choices: TextChoice[]) =>
	Object.fromEntries(choices.map((c) => [text(c.text.text), c.feedback && text(c.feedback.text)]));

const rationales = (choices: { text: string; rationale?: string }[]) =>
	Object.fromEntries(choices.map((c) => [c.text, c.rationale ?? null]));

/** Checks one exported question against the Citewise question it came from. */
function expectSameQuestion(q: Question, parsed: Map<string, Item>, module: Module) {
	const cites = q.cites.map(citationLine);
	const names = q.type === 'two-part' ? [`${q.id}-part-a`, `${q.id}-part-b`] : [q.id];
	for (const name of names) {
		const feedback = feedbackOf(parsed.get(name));
		expect(feedback).toContain(q.explanation);
		for (const cite of cites) expect(feedback).toContain(cite);
	}
	const item = parsed.get(names[0]!);
	switch (q.type) {
		case 'single-choice':
		case 'true-false-not-stated': {
			expect(item?.type).toBe('MC');
			expect(stemOf(item)).toContain(q.prompt);
			const choices = choicesOf(item);
			expect(correctTexts(choices)).toEqual(answerInWords(q));
			if (q.type === 'single-choice') {
				expect(choices.map((c) => text(c.text.text))).toEqual(q.choices.map((c) => c.text));
				expect(feedbacks(choices)).toEqual(rationales(q.choices));
			} else {
				expect(choices.map((c) => text(c.text.text))).toEqual(['True', 'False', 'Not stated']);
			}
			break;
		}
		case 'multiple-choice': {
			expect(item?.type).toBe('MC');
			expect(stemOf(item)).toContain(q.prompt);
			const choices = choicesOf(item);
			const k = q.answers.length;
			expect(choices.map((c) => text(c.text.text))).toEqual(q.choices.map((c) => c.text));
			expect(choices.map((c) => c.weight)).toEqual(
				q.choices.map((c) => Number(percent((q.answers.includes(c.id) ? 1 : -1) / k)))
			);
			const right = choices.filter((c) => (c.weight ?? 0) > 0).map((c) => text(c.text.text));
			expect(right).toEqual(answerInWords(q));
			expect(feedbacks(choices)).toEqual(rationales(q.choices));
			break;
		}
		case 'short-answer': {
			expect(item?.type).toBe('Short');
			expect(stemOf(item)).toContain(q.prompt);
			const choices = choicesOf(item);
			expect(choices.every((c) => c.isCorrect)).toBe(true);
			// Accepted answers earn credit; the listed wrong answers follow them at 0%.
			const wrong = choices.filter((c) => c.weight === 0);
			expect(choices.filter((c) => c.weight !== 0).map((c) => unwildcard(c.text.text))).toEqual(
				q.accepted
			);
			expect(wrong.map((c) => unwildcard(c.text.text))).toEqual(
				(q.wrong ?? []).map((w) => w.answer)
			);
			break;
		}
		case 'matching': {
			if (item?.type !== 'Matching')
				throw new Error(`${q.id}: expected Matching, got ${item?.type}`);
			expect(stemOf(item)).toContain(q.prompt);
			const option = (id: string) => q.options.find((o) => o.id === id)!.text;
			const extras = q.options.filter((o) => !q.items.some((i) => i.match === o.id));
			expect(item.matchPairs.map((p) => [text(p.subquestion.text), pegPlain(p.subanswer)])).toEqual(
				[...q.items.map((i) => [i.text, option(i.match)]), ...extras.map((o) => ['', o.text])]
			);
			break;
		}
		case 'evidence': {
			expect(item?.type).toBe('MC');
			expect(stemOf(item)).toContain(q.prompt);
			const candidates = evidenceCandidates(q, module.article.paragraphs);
			const choices = choicesOf(item);
			expect(choices.map((c) => text(c.text.text))).toEqual(
				candidates.map((c) => `${c.label} ${c.text}`)
			);
			expect(choices.map((c) => c.isCorrect)).toEqual(candidates.map((c) => c.correct));
			expect(candidates.some((c) => c.correct)).toBe(true);
			break;
		}
		case 'two-part': {
			const partB = parsed.get(`${q.id}-part-b`);
			expect(item?.type).toBe('MC');
			expect(partB?.type).toBe('MC');
			expect(stemOf(item)).toContain(`(Part A) ${q.prompt}`);
			expect(stemOf(partB)).toContain(`(Part B) ${q.partB.prompt}`);
			expect(stemOf(partB)).toContain(q.prompt);
			const [a, b] = answerInWords(q);
			expect(correctTexts(choicesOf(item)).map((t) => `Part A: ${t}`)).toEqual([a]);
			expect(correctTexts(choicesOf(partB)).map((t) => `Part B: ${t}`)).toEqual([b]);
			expect(feedbacks(choicesOf(item))).toEqual(rationales(q.choices));
			expect(feedbacks(choicesOf(partB))).toEqual(rationales(q.partB.choices));
			break;
		}
		case 'ordering':
			throw new Error('ordering is not exported to GIFT');
	}
}

describe('gift()', () => {
	for (const [name, module] of [
		['the every-type fixture', fixture],
		['the real module', real]
	] as const) {
		describe(name, () => {
			const file = gift(module);
			const parsed = items(file);

			it('reads back question by question with an independent parser', () => {
				for (const q of module.questions.filter((q) => canExport('gift', q.type))) {
					expectSameQuestion(q, parsed, module);
				}
			});

			it('drops no question silently: each is in the file or named in the header', () => {
				const header = headerOf(file);
				const exportedNames = new Set<string>();
				for (const q of module.questions) {
					if (canExport('gift', q.type)) {
						const names = q.type === 'two-part' ? [`${q.id}-part-a`, `${q.id}-part-b`] : [q.id];
						for (const n of names) expect(parsed.has(n), n).toBe(true);
						names.forEach((n) => exportedNames.add(n));
						expect(header).not.toContain(`- ${q.id} (`);
					} else {
						expect(header).toContain(`- ${q.id} (${q.type}): ${q.prompt}`);
						expect(parsed.has(q.id)).toBe(false);
					}
				}
				// Nothing else: the article and the exported questions.
				const article = `Article: ${module.article.title}`;
				expect([...parsed.keys()].sort()).toEqual([article, ...exportedNames].sort());
			});

			it('puts every lesson in its own category and the article first as a description', () => {
				const all = parse(file);
				const base = `$course$/top/Citewise/${module.title}`;
				expect(all[0]).toMatchObject({ type: 'Category', title: base });
				expect(all[1]).toMatchObject({
					type: 'Description',
					title: `Article: ${module.article.title}`
				});
				const categories = all.filter((q) => q.type === 'Category').map((q) => q.title);
				expect(categories).toEqual([
					base,
					...module.lessons.map((l, i) => `${base}/${i + 1}. ${l.title}`)
				]);
				const article = stemOf(parsed.get(`Article: ${module.article.title}`));
				for (const p of module.article.paragraphs) expect(article).toContain(`¶${p.n} ${p.text}`);
			});

			it('keeps every question block free of blank lines: each block parses to one item', () => {
				const blocks = file.trimEnd().split(/\n[ \t]*\n/);
				expect(blocks.length).toBe(parse(file).length);
				for (const block of blocks) expect(parse(block + '\n')).toHaveLength(1);
			});

			it('lists what GIFT loses, in the words of FIDELITY.gift', () => {
				const header = headerOf(file);
				for (const q of module.questions.filter((q) => canExport('gift', q.type))) {
					for (const lost of FIDELITY.gift[q.type].lost) {
						expect(header).toContain(lost.replace(/ \(.*\)$/, ''));
					}
				}
				expect(header).toContain('points (GIFT has none; Moodle gives each question 1)');
			});
		});
	}

	it('exports every declared question of the real module, naming its ordering questions as omitted', () => {
		expect(real.questions).toHaveLength(DECLARED);
		const file = gift(real);
		const ordering = real.questions.filter((q) => q.type === 'ordering');
		expect(ordering.length).toBeGreaterThan(0);
		const header = headerOf(file);
		for (const q of ordering) expect(header).toContain(`- ${q.id} (ordering)`);
		const twoParts = real.questions.filter((q) => q.type === 'two-part').length;
		const questions = parse(file).filter((q) => q.type !== 'Category' && q.type !== 'Description');
		expect(questions).toHaveLength(DECLARED - ordering.length + twoParts);
	});

	describe('special characters in the fixture', () => {
		const file = gift(fixture);
		const parsed = items(file);

		it('come back exactly: & < curly quotes, the non-breaking space, { } ~ = # : and ->', () => {
			const article = stemOf(parsed.get(`Article: ${fixture.article.title}`));
			expect(article).toContain('about\u00a0$12,000 a year & most of it');
			expect(article).toContain(
				'“It’s a lot of money for a quiet room,” said one councillor, who wrote on the agenda that costs must be < {last year} ~ 1:1 = #fair.'
			);
			expect(parsed.has('Article: The Library That Stayed Open Late: Books & <Hours>')).toBe(true);

			const whoSaid = choicesOf(parsed.get('who-said-it')).map((c) => text(c.text.text));
			expect(whoSaid).toContain('A councillor who wrote “< {last year}” on the agenda');
			expect(whoSaid).toContain('The mayor of Millbrook ~ #1');

			const matching = parsed.get('who-said-what');
			if (matching?.type !== 'Matching') throw new Error('who-said-what is not Matching');
			expect(matching.matchPairs.map((p) => pegPlain(p.subanswer))).toContain(
				'The mayor -> nobody'
			);
			expect(matching.matchPairs.map((p) => text(p.subquestion.text))).toContain(
				'Costs must be < {last year}'
			);

			const short = choicesOf(parsed.get('closing-time')).map((c) => unwildcard(c.text.text));
			expect(short).toContain('9 p.m. = 21:00 *');
			expect(stemOf(parsed.get('closing-time'))).toContain('(Write it as {the article} does.)');
		});

		it('writes a short answer’s * as \\* so Moodle does not read it as a wildcard, and says so', () => {
			expect(file).toContain('=9 p.m. \\= 21\\:00 \\*');
			expect(headerOf(file)).toMatch(/closing-time: an accepted answer holds “\*”/);
		});

		it('escapes GIFT’s specials with a backslash and writes newlines as \\n', () => {
			expect(giftEscape('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni');
			// The article's HTML has a newline between blocks: \n in the file, a newline when read.
			const article = parsed.get(`Article: ${fixture.article.title}`);
			expect(article?.stem.text).toContain('</h2>\n<p>');
			expect(file).toContain('</h2>\\n<p>');
		});

		it('gives multiple-choice weights from Moodle’s list and marks single answers with =', () => {
			expect(file).toContain('~%50%About $12,000 a year');
			expect(file).toContain('~%-50%Evening heating costs #Heating is not mentioned.');
			expect(file).toMatch(/\t=False\n/);
		});
	});
});
