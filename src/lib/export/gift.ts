/**
 * The GIFT export: one plain-text file that Moodle imports (Question bank → Import → GIFT) and a
 * teacher can read. What each type becomes is FIDELITY.gift in `common.ts`; ordering questions do
 * not fit and are named in the header comment instead, never dropped silently.
 *
 * Text is written as HTML (`[html]`), escaped for HTML first and then for GIFT. Newlines inside
 * text are written as GIFT's `\n` escape (as Moodle's own GIFT exporter does), so no question
 * ever holds a blank line, the separator between questions.
 */
import type { QuestionTypeName } from '../content/terms.ts';
import type { Module, Question } from '../content/schema.ts';
import {
	FIDELITY,
	TRUTH_CHOICES,
	evidenceCandidates,
	explanationHtml,
	htmlParagraph,
	lessonOf,
	percent,
	summarize,
	articleHtml,
	shortAnswerKeys,
	wrongFeedbackHtml
} from './common.ts';
import { escapeText } from './xml.ts';

/** GIFT's escapes: `\ ~ = # { } :` take a backslash; a newline becomes `\n`. */
export function giftEscape(text: string): string {
	return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * HTML as GIFT text. A backslash is written `&#92;`: Moodle's importer reads `\\` followed by a
 * special character as a live special character, and in HTML the entity means the same thing.
 */
function giftHtml(markup: string): string {
	return giftEscape(markup.replace(/\\/g, '&#92;'));
}

/** A choice (or matching item) as GIFT HTML; a leading `%` or `[` would read as a weight or a format. */
function choiceHtml(text: string): string {
	return giftHtml(escapeText(text).replace(/^%/, '&#37;').replace(/^\[/, '&#91;'));
}

/**
 * A short-answer answer or a matching option: plain text in Moodle, so GIFT-escaped only. In a
 * short answer Moodle reads `*` as a wildcard and `\*` as an asterisk.
 */
function plainAnswer(text: string, wildcard = false): string {
	const escaped = giftEscape(text);
	return wildcard ? escaped.replace(/\*/g, '\\*') : escaped;
}

/** One line of a `//` comment. */
function oneLine(text: string): string {
	return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A category path segment: Moodle writes a `/` inside a name as `//`. */
function categoryName(text: string): string {
	return oneLine(text).replace(/\//g, '//');
}

function readLine(module: Module, question: Question): string {
	const lesson = lessonOf(module, question.id);
	if (!lesson) return '';
	const [a, b] = lesson.paragraphs;
	return htmlParagraph(`Read ${a === b ? `¶${a}` : `¶${a}–¶${b}`} of the article.`);
}

/** One GIFT question: name, `[html]` stem, answer lines, general feedback. */
function giftQuestion(
	name: string,
	stemHtml: string,
	answers: string[],
	feedbackHtml: string
): string {
	return [
		`::${giftEscape(name)}::[html]${giftHtml(stemHtml)}{`,
		...answers.map((a) => `\t${a}`),
		`\t####${giftHtml(feedbackHtml)}`,
		'}'
	].join('\n');
}

function feedback(rationale: string | undefined): string {
	return rationale ? ` #${giftHtml(escapeText(rationale))}` : '';
}

function singleChoices(
	choices: { id: string; text: string; rationale?: string }[],
	answer: string
): string[] {
	return choices.map(
		(c) => `${c.id === answer ? '=' : '~'}${choiceHtml(c.text)}${feedback(c.rationale)}`
	);
}

/** The GIFT questions for one Citewise question (two for a two-part one, none for ordering). */
function questionBlocks(module: Module, q: Question): string[] {
	const read = readLine(module, q);
	const stem = read + htmlParagraph(q.prompt);
	const general = explanationHtml(q);
	switch (q.type) {
		case 'single-choice':
			return [giftQuestion(q.id, stem, singleChoices(q.choices, q.answer), general)];
		case 'multiple-choice': {
			const right = percent(1 / q.answers.length);
			const wrong = percent(-1 / q.answers.length);
			const lines = q.choices.map((c) => {
				const weight = q.answers.includes(c.id) ? right : wrong;
				return `~%${weight}%${choiceHtml(c.text)}${feedback(c.rationale)}`;
			});
			return [giftQuestion(q.id, stem, lines, general)];
		}
		case 'true-false-not-stated':
			return [giftQuestion(q.id, stem, singleChoices([...TRUTH_CHOICES], q.answer), general)];
		case 'short-answer':
			return [
				giftQuestion(
					q.id,
					stem,
					[
						...shortAnswerKeys(q).map((a) => `=${plainAnswer(a.text, !a.wildcard)}`),
						// Listed wrong answers: worth 0%, with their own feedback.
						...(q.wrong ?? []).map(
							(w) => `=%0%${plainAnswer(w.answer, true)}#${giftHtml(wrongFeedbackHtml(w))}`
						)
					],
					general
				)
			];
		case 'ordering':
			return [];
		case 'matching': {
			const matched = new Set(q.items.map((i) => i.match));
			const optionText = (id: string) => q.options.find((o) => o.id === id)!.text;
			const lines = [
				...q.items.map((i) => `=${choiceHtml(i.text)} -> ${plainAnswer(optionText(i.match))}`),
				...q.options.filter((o) => !matched.has(o.id)).map((o) => `= -> ${plainAnswer(o.text)}`)
			];
			return [giftQuestion(q.id, stem, lines, general)];
		}
		case 'evidence': {
			// Several right candidates are each `=`: Moodle keeps one answer, any of them full marks,
			// as Citewise grades it.
			const lines = evidenceCandidates(q, module.article.paragraphs).map((c) => {
				const choice = `<strong>${escapeText(c.label)}</strong> ${escapeText(c.text)}`;
				return `${c.correct ? '=' : '~'}${giftHtml(choice)}`;
			});
			return [giftQuestion(q.id, stem, lines, general)];
		}
		case 'two-part': {
			const partA = htmlParagraph(`(Part A) ${q.prompt}`);
			const partB = htmlParagraph(`(Part B) ${q.partB.prompt}`);
			return [
				giftQuestion(`${q.id}-part-a`, read + partA, singleChoices(q.choices, q.answer), general),
				giftQuestion(
					`${q.id}-part-b`,
					read + partA + partB,
					singleChoices(q.partB.choices, q.partB.answer),
					general
				)
			];
		}
	}
}

/** What GIFT loses for the types in this module, deduplicated, in FIDELITY's words. */
function lossLines(types: QuestionTypeName[]): string[] {
	const losses = new Map<string, { text: string; types: QuestionTypeName[] }>();
	for (const type of types) {
		for (const text of FIDELITY.gift[type].lost) {
			const key = text.replace(/ \(.*\)$/, '');
			const entry = losses.get(key) ?? { text, types: [] };
			if (text.length > entry.text.length) entry.text = text;
			entry.types.push(type);
			losses.set(key, entry);
		}
	}
	// Losses every type shares first.
	return [...losses.values()]
		.sort((a, b) => b.types.length - a.types.length)
		.map(
			(l) => `//   - ${l.text}${l.types.length < types.length ? ` (${l.types.join(', ')})` : ''}`
		);
}

/** Things the importer reads differently from Citewise, per question. */
function noteLines(module: Module): string[] {
	const notes: string[] = [];
	for (const q of module.questions) {
		if (q.type !== 'short-answer') continue;
		const texts = [
			...q.accepted.flatMap((a) => (typeof a === 'string' ? [a] : [])),
			...(q.wrong ?? []).map((w) => w.answer)
		];
		const patterns = q.accepted.flatMap((a) =>
			typeof a === 'object' && 'pattern' in a ? [a] : []
		);
		if (texts.some((a) => a.includes('*'))) {
			notes.push(
				`//   - ${q.id}: an accepted answer holds “*”, written \\* so Moodle matches it as an asterisk, not its wildcard.`
			);
		}
		if ([...texts, ...patterns.map((p) => p.pattern)].some((a) => a.includes('->'))) {
			notes.push(
				`//   - ${q.id}: an accepted answer holds “->”, which GIFT cannot escape; Moodle may read this question as matching.`
			);
		}
	}
	return notes;
}

function header(module: Module): string {
	const a = module.article;
	const summary = summarize('gift', module);
	const exported = [...new Set(module.questions.map((q) => q.type))].filter(
		(t) => !summary.omitted.some((o) => o.type === t)
	);
	const omitted = summary.omitted.map((o) => {
		const prompt = module.questions.find((q) => q.id === o.id)!.prompt;
		return `//   - ${o.id} (${o.type}): ${oneLine(prompt)} — ${FIDELITY.gift[o.type].lost.join('; ')}`;
	});
	const notes = noteLines(module);
	const lines = [
		'// Generated by Citewise: a GIFT file for Moodle (Question bank → Import → GIFT format).',
		`// Module: ${oneLine(module.title)}`,
		`// Article: “${oneLine(a.title)}” by ${oneLine(a.author)}, ${oneLine(a.publication)}.`,
		`// ${oneLine(a.attribution)}`,
		...(a.source ? [`// Source: ${a.source}`] : []),
		'//',
		`// Not in this file:${omitted.length ? '' : ' nothing; every question is here.'}`,
		...omitted,
		'//',
		'// What GIFT loses:',
		...lossLines(exported),
		...(notes.length ? ['//', '// Notes:', ...notes] : []),
		`$CATEGORY: $course$/top/Citewise/${categoryName(module.title)}`
	];
	return lines.join('\n');
}

/** The module as a GIFT file. */
export function gift(module: Module): string {
	const base = `$course$/top/Citewise/${categoryName(module.title)}`;
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	const blocks = [
		header(module),
		`::${giftEscape(`Article: ${module.article.title}`)}::[html]${giftHtml(articleHtml(module))}`
	];
	module.lessons.forEach((lesson, i) => {
		blocks.push(`$CATEGORY: ${base}/${categoryName(`${i + 1}. ${lesson.title}`)}`);
		for (const id of lesson.questions) {
			const q = byId.get(id);
			if (q) blocks.push(...questionBlocks(module, q));
		}
	});
	// A question outside every lesson still goes in, under the module's category.
	const unlisted = module.questions.filter((q) => !lessonOf(module, q.id));
	if (unlisted.length) {
		blocks.push(`$CATEGORY: ${base}`);
		for (const q of unlisted) blocks.push(...questionBlocks(module, q));
	}
	return blocks.join('\n\n') + '\n';
}
