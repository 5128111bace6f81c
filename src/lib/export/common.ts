/**
 * What the LMS exports share: the formats, what each question type becomes in each of them (and
 * what it keeps and loses, so the command, the page and the README say the same thing), and the
 * pieces of a question every format writes the same way: citations, evidence candidates, fractions.
 *
 * Free of Node and of the exporters themselves, so a page can show the tables.
 */
import { QUESTION_TYPES, type QuestionTypeName } from '../content/terms.ts';
import type { Cite, Lesson, Module, Paragraph, Question } from '../content/schema.ts';
import { evidenceOptions, isCitedEvidence } from '../quiz/questions.ts';
import { sentences } from '../content/sentences.ts';
import { escapeText } from './xml.ts';

export const EXPORT_FORMATS = ['qti3', 'moodle-xml', 'gift'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface FormatInfo {
	label: string;
	/** File name ending, with the dot. */
	extension: string;
	mediaType: string;
	/** One sentence on which platforms import it. */
	platforms: string;
}

export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
	qti3: {
		label: 'QTI 3.0 package',
		extension: '.qti3.zip',
		mediaType: 'application/zip',
		platforms:
			'A zip that QTI 3 platforms import as one test with a shared passage: Canvas New Quizzes, Schoology (via its QTI import), Blackboard and most assessment platforms that follow 1EdTech QTI 3.0.'
	},
	'moodle-xml': {
		label: 'Moodle XML',
		extension: '.moodle.xml',
		mediaType: 'application/xml',
		platforms:
			"Moodle's own question-bank format: import it under Question bank → Import → Moodle XML format (Moodle 4.0 or later, which includes the ordering question type)."
	},
	gift: {
		label: 'GIFT',
		extension: '.gift.txt',
		mediaType: 'text/plain',
		platforms:
			'A plain-text format that Moodle imports (Question bank → Import → GIFT format) and a teacher can read and edit; ordering questions and points do not fit it.'
	}
};

/** What one question type becomes in one format. */
export interface TypeFidelity {
	/** The format's own name for what the question becomes. */
	becomes: string;
	kept: string[];
	lost: string[];
}

const ALWAYS_KEPT = 'prompt, explanation and citations (¶n and the quoted words)';

/**
 * Per format and per type, what an export keeps and loses. The exporters follow this table and
 * the tests hold them to it.
 */
export const FIDELITY: Record<ExportFormat, Record<QuestionTypeName, TypeFidelity>> = {
	qti3: {
		'single-choice': {
			becomes: 'choice interaction (one answer)',
			kept: [ALWAYS_KEPT, 'choices', 'the key', 'points', 'each wrong choice’s rationale'],
			lost: ['hints', 'tries (the LMS decides how many attempts)']
		},
		'multiple-choice': {
			becomes: 'choice interaction (several answers), mapped scoring',
			kept: [
				ALWAYS_KEPT,
				'choices',
				'the key',
				'partial credit: each right pick +points/k, each wrong pick −points/k, never below 0',
				'rationales'
			],
			lost: ['hints', 'tries']
		},
		'true-false-not-stated': {
			becomes: 'choice interaction with True, False and Not stated',
			kept: [ALWAYS_KEPT, 'the key', 'points'],
			lost: ['hints', 'tries']
		},
		'short-answer': {
			becomes:
				'text entry interaction, case-insensitive mapping of the accepted answers (patterns as qti-pattern-match)',
			kept: [
				ALWAYS_KEPT,
				'every accepted answer',
				'patterns (* as any run of characters)',
				'points'
			],
			lost: [
				'Citewise reads numbers, dates and filler words and ignores punctuation and spacing; QTI matches the accepted strings exactly (ignoring case only)',
				'a number’s tolerance (only the exact number is accepted)',
				'forgiven spelling slips',
				'listed wrong answers’ own feedback (named in a comment in the item)',
				'hints',
				'tries'
			]
		},
		ordering: {
			becomes: 'order interaction',
			kept: [
				ALWAYS_KEPT,
				'the correct order',
				'partial credit by neighbouring pairs, written as response processing'
			],
			lost: ['hints', 'tries']
		},
		matching: {
			becomes: 'match interaction (items to options, extra options kept)',
			kept: [ALWAYS_KEPT, 'every pair', 'extra options', 'partial credit: points/n per pair'],
			lost: ['hints', 'tries']
		},
		evidence: {
			becomes: 'hot-text interaction over the paragraphs or sentences it asks about',
			kept: [
				ALWAYS_KEPT,
				'the candidate sentences or paragraphs, in the article’s words',
				'the key'
			],
			lost: [
				'hints',
				'tries',
				'the rest of the article around the candidates (it is in the passage)'
			]
		},
		'two-part': {
			becomes: 'one item with two choice interactions (Part A and Part B)',
			kept: [
				ALWAYS_KEPT,
				'both parts and their keys',
				'scoring: half for Part A, all for both, nothing for Part B alone',
				'rationales'
			],
			lost: ['hints', 'tries']
		}
	},
	'moodle-xml': {
		'single-choice': {
			becomes: 'multichoice (one answer)',
			kept: [ALWAYS_KEPT, 'choices', 'the key', 'points', 'rationales as answer feedback', 'hints'],
			lost: []
		},
		'multiple-choice': {
			becomes: 'multichoice (multiple answers), ±100/k% per choice',
			kept: [ALWAYS_KEPT, 'choices', 'the key', 'partial credit', 'rationales', 'hints'],
			lost: []
		},
		'true-false-not-stated': {
			becomes: 'multichoice with True, False and Not stated',
			kept: [ALWAYS_KEPT, 'the key', 'points', 'hints'],
			lost: []
		},
		'short-answer': {
			becomes: 'shortanswer, case-insensitive',
			kept: [
				ALWAYS_KEPT,
				'every accepted answer',
				'patterns (Moodle’s own * wildcard)',
				'listed wrong answers with their feedback (answers worth 0%)',
				'points',
				'hints'
			],
			lost: [
				'Citewise reads numbers, dates and filler words and ignores punctuation and spacing; Moodle compares the accepted strings as written (ignoring case)',
				'a number’s tolerance (only the exact number is accepted)',
				'forgiven spelling slips'
			]
		},
		ordering: {
			becomes: 'ordering (Moodle’s core type), graded by neighbouring pairs',
			kept: [ALWAYS_KEPT, 'the correct order', 'partial credit by neighbouring pairs', 'hints'],
			lost: []
		},
		matching: {
			becomes: 'matching, extra options as distractors',
			kept: [ALWAYS_KEPT, 'every pair', 'extra options', 'partial credit', 'hints'],
			lost: []
		},
		evidence: {
			becomes: 'multichoice whose choices are the candidate sentences or paragraphs',
			kept: [ALWAYS_KEPT, 'the candidates in the article’s words', 'the key', 'hints'],
			lost: ['choosing inside the article itself (the choices are listed under the question)']
		},
		'two-part': {
			becomes: 'two multichoice questions, “(Part A)” and “(Part B)”, each worth half',
			kept: [ALWAYS_KEPT, 'both parts and their keys', 'rationales', 'hints'],
			lost: ['Part B earning credit only when Part A is right (Moodle scores the parts apart)']
		}
	},
	gift: {
		'single-choice': {
			becomes: 'multiple choice',
			kept: [ALWAYS_KEPT, 'choices', 'the key', 'rationales as answer feedback'],
			lost: ['points (GIFT has none; Moodle gives each question 1)', 'hints']
		},
		'multiple-choice': {
			becomes: 'multiple choice with weights (%w%)',
			kept: [ALWAYS_KEPT, 'choices', 'the key', 'partial credit', 'rationales'],
			lost: ['points', 'hints']
		},
		'true-false-not-stated': {
			becomes: 'multiple choice with True, False and Not stated',
			kept: [ALWAYS_KEPT, 'the key'],
			lost: ['points', 'hints']
		},
		'short-answer': {
			becomes: 'short answer',
			kept: [
				ALWAYS_KEPT,
				'every accepted answer',
				'patterns (Moodle’s own * wildcard)',
				'listed wrong answers with their feedback (=%0%answer#feedback)'
			],
			lost: [
				'matching that reads numbers, dates and filler words and ignores punctuation and spacing',
				'a number’s tolerance (only the exact number is accepted)',
				'forgiven spelling slips',
				'points',
				'hints'
			]
		},
		ordering: {
			becomes: 'not exported (GIFT has no ordering type); listed at the top of the file',
			kept: [],
			lost: ['the whole question: use Moodle XML or QTI for it']
		},
		matching: {
			becomes: 'matching, extra options as “= -> option”',
			kept: [ALWAYS_KEPT, 'every pair', 'extra options'],
			lost: ['points', 'hints']
		},
		evidence: {
			becomes: 'multiple choice whose choices are the candidate sentences or paragraphs',
			kept: [ALWAYS_KEPT, 'the candidates in the article’s words', 'the key'],
			lost: ['choosing inside the article itself', 'points', 'hints']
		},
		'two-part': {
			becomes: 'two multiple-choice questions, “(Part A)” and “(Part B)”',
			kept: [ALWAYS_KEPT, 'both parts and their keys', 'rationales'],
			lost: ['points', 'Part B depending on Part A', 'hints']
		}
	}
};

/** What an export kept and lost, for the command to print and the page to show. */
export interface ExportSummary {
	format: ExportFormat;
	/** Questions in the module. */
	questions: number;
	/** Questions written to the file (a two-part question written as two counts once). */
	exported: number;
	byType: { type: QuestionTypeName; count: number; fidelity: TypeFidelity }[];
	/** Questions the format cannot hold, by id, with the reason. Never dropped silently. */
	omitted: { id: string; type: QuestionTypeName; reason: string }[];
}

export interface ExportFile {
	fileName: string;
	mediaType: string;
	body: Uint8Array | string;
	summary: ExportSummary;
}

/** Whether a format can hold a question type at all. */
export function canExport(format: ExportFormat, type: QuestionTypeName): boolean {
	return !(format === 'gift' && type === 'ordering');
}

export function summarize(format: ExportFormat, module: Module): ExportSummary {
	const counts = new Map<QuestionTypeName, number>();
	for (const q of module.questions) counts.set(q.type, (counts.get(q.type) ?? 0) + 1);
	const omitted = module.questions
		.filter((q) => !canExport(format, q.type))
		.map((q) => ({ id: q.id, type: q.type, reason: FIDELITY[format][q.type].becomes }));
	return {
		format,
		questions: module.questions.length,
		exported: module.questions.length - omitted.length,
		byType: QUESTION_TYPES.filter((type) => counts.has(type)).map((type) => ({
			type,
			count: counts.get(type)!,
			fidelity: FIDELITY[format][type]
		})),
		omitted
	};
}

/** The file name for a module in a format: `<slug>.qti3.zip`, `<slug>.moodle.xml`… */
export function exportFileName(module: Module, format: ExportFormat): string {
	return module.slug + FORMAT_INFO[format].extension;
}

/**
 * The accepted answers of a short-answer question as the LMS formats hold them: a text as
 * written, a pattern with `*` as the wildcard, a number as the exact number (its tolerance is a
 * stated loss).
 */
export function shortAnswerKeys(
	question: Extract<Question, { type: 'short-answer' }>
): { text: string; wildcard: boolean }[] {
	return question.accepted.map((a) =>
		typeof a === 'string'
			? { text: a, wildcard: false }
			: 'number' in a
				? { text: String(a.number), wildcard: false }
				: { text: a.pattern, wildcard: true }
	);
}

/** A listed wrong answer's feedback as HTML: its words, then its citations. */
export function wrongFeedbackHtml(wrong: { feedback: string; cites?: Cite[] }): string {
	const cites = (wrong.cites ?? []).map((c) => `<li>${escapeText(citationLine(c))}</li>`).join('');
	return htmlParagraph(wrong.feedback) + (cites ? `<ul>${cites}</ul>` : '');
}

/** "¶4: “the quoted words”" — how every format writes a citation. */
export function citationLine(cite: Cite): string {
	return `¶${cite.paragraph}: “${cite.quote}”`;
}

/** The lesson a question belongs to. */
export function lessonOf(module: Module, questionId: string): Lesson | undefined {
	return module.lessons.find((l) => l.questions.includes(questionId));
}

export interface EvidenceCandidate {
	/** "12" for ¶12, "12.3" for its third sentence, as Citewise grades it. */
	id: string;
	paragraph: number;
	/** "¶12" or "¶12, sentence 3". */
	label: string;
	/** The paragraph's or sentence's words. */
	text: string;
	correct: boolean;
}

/** The paragraphs or sentences an evidence question lets a learner choose, in article order. */
export function evidenceCandidates(
	question: Extract<Question, { type: 'evidence' }>,
	paragraphs: readonly Paragraph[]
): EvidenceCandidate[] {
	const within = question.within ?? [1, paragraphs.length];
	return evidenceOptions(question.select, within, paragraphs).map((id) => {
		const [n, k] = id.split('.').map(Number) as [number, number | undefined];
		const paragraph = paragraphs.find((p) => p.n === n)!;
		const text = k === undefined ? paragraph.text : sentences(paragraph.text)[k - 1]!;
		return {
			id,
			paragraph: n,
			label: k === undefined ? `¶${n}` : `¶${n}, sentence ${k}`,
			text,
			correct: isCitedEvidence(question, id, paragraphs)
		};
	});
}

/** Labels for true / false / not stated, in the order every format lists them. */
export const TRUTH_CHOICES = [
	{ id: 'true', text: 'True' },
	{ id: 'false', text: 'False' },
	{ id: 'not-stated', text: 'Not stated' }
] as const;

/**
 * Moodle's and GIFT's answer fractions are percentages from a fixed list; for 1/k of the credit
 * Moodle writes e.g. 33.33333. Seven significant digits at most, no trailing zeros.
 */
export function percent(fraction: number): string {
	const value = Number((fraction * 100).toPrecision(7));
	return String(Math.round(value * 100000) / 100000);
}

/** Plain text as one HTML paragraph. */
export function htmlParagraph(text: string): string {
	return `<p>${escapeText(text)}</p>`;
}

/**
 * The explanation and its citations as HTML, for general / modal feedback:
 * the explanation, then "Evidence in the article:" and one line per citation.
 */
export function explanationHtml(question: Question): string {
	const cites = question.cites.map((c) => `<li>${escapeText(citationLine(c))}</li>`).join('');
	return `${htmlParagraph(question.explanation)}<p>Evidence in the article:</p><ul>${cites}</ul>`;
}

/**
 * The article as HTML: its title, byline and attribution, then every paragraph numbered "¶n" the
 * way the citations count them (block quotes as `<blockquote>`).
 */
export function articleHtml(module: Module): string {
	const a = module.article;
	const head = [
		`<h2>${escapeText(a.title)}</h2>`,
		htmlParagraph(`${a.author}, ${a.publication}`),
		htmlParagraph(a.attribution)
	];
	const body = a.paragraphs.map((p) => {
		const para = `<p id="p${p.n}"><strong>¶${p.n}</strong> ${escapeText(p.text)}</p>`;
		return p.blockquote ? `<blockquote>${para}</blockquote>` : para;
	});
	return [...head, ...body].join('\n');
}
