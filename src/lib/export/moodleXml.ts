/**
 * Moodle XML: a question bank Moodle imports under Question bank → Import → Moodle XML format.
 *
 * The shape follows what Moodle's own exporter writes (question/format/xml/format.php and the
 * ordering type's export_to_xml): a category, then questions whose children come in Moodle's order.
 * What each Citewise type becomes is `FIDELITY['moodle-xml']` in common.ts.
 */
import type { Choice, Lesson, Module, Question } from '../content/schema.ts';
import {
	TRUTH_CHOICES,
	articleHtml,
	evidenceCandidates,
	explanationHtml,
	htmlParagraph,
	percent,
	shortAnswerKeys,
	wrongFeedbackHtml
} from './common.ts';
import { cdata, el, escapeText, xmlDocument, type Element, type Node } from './xml.ts';

/** Moodle's default penalty per wrong try in interactive mode. */
const PENALTY = '0.3333333';

export function moodleXml(module: Module): string {
	const top = `$course$/top/Citewise/${categoryName(module.title)}`;
	const placed = new Set(module.lessons.flatMap((l) => l.questions));
	const orphans = module.questions.filter((q) => !placed.has(q.id));
	const body: Node[] = [
		category(top, htmlParagraph(module.summary)),
		article(module),
		module.lessons.map((lesson, i) => [
			category(
				`${top}/${categoryName(`${i + 1}. ${lesson.title}`)}`,
				htmlParagraph(
					`Questions on ¶${lesson.paragraphs[0]}–¶${lesson.paragraphs[1]} of the article.`
				)
			),
			module.questions
				.filter((q) => lesson.questions.includes(q.id))
				.map((q) => questions(module, q, lesson))
		]),
		// The loader puts every question in a lesson; should one ever not be, it is still exported.
		orphans.length ? [category(top, ''), orphans.map((q) => questions(module, q))] : []
	];
	return xmlDocument(el('quiz', {}, body));
}

/** Moodle splits category paths on `/` and reads `//` as a slash inside a name. */
function categoryName(name: string): string {
	return name.trim().replace(/\//g, '//');
}

function category(path: string, infoHtml: string): Element {
	return el(
		'question',
		{ type: 'category' },
		el('category', {}, el('text', {}, path)),
		html('info', infoHtml),
		el('idnumber', {}, '')
	);
}

function article(module: Module): Element {
	return el(
		'question',
		{ type: 'description' },
		el('name', {}, el('text', {}, `Article: ${module.article.title}`)),
		html('questiontext', articleHtml(module)),
		html('generalfeedback', ''),
		el('defaultgrade', {}, '0'),
		el('penalty', {}, '0'),
		el('hidden', {}, '0'),
		el('idnumber', {}, `${module.slug}-article`)
	);
}

/** `<tag format="html"><text><![CDATA[…]]></text></tag>`; the markup must already be escaped. */
function html(tag: string, markup: string): Element {
	return el(tag, { format: 'html' }, el('text', {}, markup ? cdata(markup) : ''));
}

/** The Moodle questions for one Citewise question: one, or two for a two-part question. */
function questions(module: Module, q: Question, lesson?: Lesson): Element[] {
	const read = lesson ? readLine(lesson) : '';
	const stem = read + htmlParagraph(q.prompt);
	switch (q.type) {
		case 'single-choice':
			return [multichoice(q, q.id, q.id, stem, q.points, true, q.choices, [q.answer])];
		case 'multiple-choice':
			return [multichoice(q, q.id, q.id, stem, q.points, false, q.choices, q.answers)];
		case 'true-false-not-stated':
			return [
				multichoice(q, q.id, q.id, stem, q.points, true, [...TRUTH_CHOICES], [q.answer], {
					shuffle: false,
					numbering: 'none'
				})
			];
		case 'evidence': {
			const candidates = evidenceCandidates(q, module.article.paragraphs);
			const choices = candidates.map((c) => ({ id: c.id, text: c.text, label: c.label }));
			const keys = candidates.filter((c) => c.correct).map((c) => c.id);
			// Any one cited paragraph or sentence is right, as in Citewise: each earns full marks.
			return [
				multichoice(q, q.id, q.id, stem, q.points, true, choices, keys, {
					shuffle: false,
					numbering: 'none'
				})
			];
		}
		case 'two-part': {
			const half = q.points / 2;
			const partB = read + htmlParagraph(q.prompt) + htmlParagraph(q.partB.prompt);
			return [
				multichoice(q, `${q.id}-part-a`, `${q.id} (Part A)`, stem, half, true, q.choices, [
					q.answer
				]),
				multichoice(q, `${q.id}-part-b`, `${q.id} (Part B)`, partB, half, true, q.partB.choices, [
					q.partB.answer
				])
			];
		}
		case 'short-answer':
			return [
				question('shortanswer', q, q.id, q.id, stem, q.points, [
					el('usecase', {}, '0'),
					shortAnswerKeys(q).map((a) =>
						el(
							'answer',
							{ fraction: '100', format: 'moodle_auto_format' },
							// `*` is Moodle's wildcard in short answers; `\*` is a literal star. A pattern
							// keeps its stars as wildcards, which is what they mean in Citewise too.
							el('text', {}, a.wildcard ? a.text : a.text.replace(/\*/g, '\\*')),
							html('feedback', '')
						)
					),
					// Listed wrong answers: worth nothing, with their own feedback, after the right ones.
					(q.wrong ?? []).map((w) =>
						el(
							'answer',
							{ fraction: '0', format: 'moodle_auto_format' },
							el('text', {}, w.answer.replace(/\*/g, '\\*')),
							html('feedback', wrongFeedbackHtml(w))
						)
					)
				])
			];
		case 'ordering':
			return [
				question('ordering', q, q.id, q.id, stem, q.points, [
					el('layouttype', {}, 'VERTICAL'),
					el('selecttype', {}, 'ALL'),
					el('selectcount', {}, '0'),
					// Credit per neighbouring pair of the correct order, the last item not counted
					// on its own: the same rule as Citewise's score().
					el('gradingtype', {}, 'RELATIVE_NEXT_EXCLUDE_LAST'),
					el('showgrading', {}, 'SHOW'),
					el('numberingstyle', {}, 'none'),
					combinedFeedback(),
					// Moodle reads the correct order from the answers' order; fraction is their rank.
					q.items.map((item, i) =>
						el(
							'answer',
							{ fraction: `${i + 1}.0000000`, format: 'html' },
							el('text', {}, cdata(escapeText(item.text)))
						)
					)
				])
			];
		case 'matching': {
			const matched = new Set(q.items.map((i) => i.match));
			const optionText = (id: string) => q.options.find((o) => o.id === id)?.text ?? id;
			const subquestion = (markup: string, answer: string) =>
				el(
					'subquestion',
					{ format: 'html' },
					el('text', {}, markup ? cdata(markup) : ''),
					el('answer', {}, el('text', {}, answer))
				);
			return [
				question('matching', q, q.id, q.id, stem, q.points, [
					el('shuffleanswers', {}, 'true'),
					combinedFeedback(),
					q.items.map((item) => subquestion(escapeText(item.text), optionText(item.match))),
					// An answer with no question is how Moodle adds a distractor.
					q.options.filter((o) => !matched.has(o.id)).map((o) => subquestion('', o.text))
				])
			];
		}
	}
}

function readLine(lesson: Lesson): string {
	const [first, last] = lesson.paragraphs;
	return htmlParagraph(
		`Read ${first === last ? `¶${first}` : `¶${first}–¶${last}`} of the article.`
	);
}

/** The children every Moodle question starts with, then the type's own, then the hints. */
function question(
	type: string,
	q: Question,
	id: string,
	name: string,
	stem: string,
	points: number,
	own: Node[]
): Element {
	return el(
		'question',
		{ type },
		el('name', {}, el('text', {}, name)),
		html('questiontext', stem),
		html('generalfeedback', explanationHtml(q)),
		el('defaultgrade', {}, String(points)),
		el('penalty', {}, PENALTY),
		el('hidden', {}, '0'),
		el('idnumber', {}, id),
		own,
		q.hints.map((h) => html('hint', htmlParagraph(h)))
	);
}

interface Option {
	id: string;
	text: string;
	rationale?: string;
	/** Shown in bold before the text (evidence: "¶2, sentence 1"). */
	label?: string;
}

function multichoice(
	q: Question,
	id: string,
	name: string,
	stem: string,
	points: number,
	single: boolean,
	options: readonly (Option | Choice)[],
	keys: readonly string[],
	{ shuffle = true, numbering = 'abc' } = {}
): Element {
	const k = keys.length;
	const fraction = (o: Option) =>
		keys.includes(o.id) ? (single ? '100' : percent(1 / k)) : single ? '0' : `-${percent(1 / k)}`;
	return question('multichoice', q, id, name, stem, points, [
		el('single', {}, String(single)),
		el('shuffleanswers', {}, String(shuffle)),
		el('answernumbering', {}, numbering),
		el('showstandardinstruction', {}, '1'),
		combinedFeedback(),
		options.map((o: Option) =>
			el(
				'answer',
				{ fraction: fraction(o), format: 'html' },
				el(
					'text',
					{},
					cdata(
						o.label
							? `<p><strong>${escapeText(o.label)}</strong> ${escapeText(o.text)}</p>`
							: htmlParagraph(o.text)
					)
				),
				html('feedback', o.rationale ? htmlParagraph(o.rationale) : '')
			)
		)
	]);
}

/** Moodle's own default wording; Citewise's explanation is the general feedback. */
function combinedFeedback(): Node[] {
	return [
		html('correctfeedback', htmlParagraph('Your answer is correct.')),
		html('partiallycorrectfeedback', htmlParagraph('Your answer is partially correct.')),
		html('incorrectfeedback', htmlParagraph('Your answer is incorrect.')),
		el('shownumcorrect')
	];
}
