import { readFileSync } from 'node:fs';
// @vitest-environment jsdom
/**
 * The Moodle XML export: parsed back with a real XML parser, checked against the shape Moodle's own
 * exporter writes, and read back into answer keys that must equal the module's.
 *
 * jsdom gives the test a DOMParser for both XML and the HTML inside the CDATA sections.
 */
import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { findQuote } from '../../src/lib/content/quote.ts';
import type { Module, Question } from '../../src/lib/content/schema.ts';
import { citationLine, evidenceCandidates } from '../../src/lib/export/common.ts';
import { moodleXml } from '../../src/lib/export/moodleXml.ts';
import { answerInWords, score } from '../../src/lib/quiz/questions.ts';

/** Questions as the content file declares them, counted apart from the loader that could drop one. */
const DECLARED = (
	readFileSync('questions/fleeing-kazakhs-and-puff-pieces/questions.yaml', 'utf8').match(
		/^ {2}- id: /gm
	) ?? []
).length;

function load(dir: string): Module {
	const result = loadModuleDir(dir);
	expect(result.problems).toEqual([]);
	return result.module!;
}

const fixture = load('tests/fixtures/export-every-type');
const real = load('questions/fleeing-kazakhs-and-puff-pieces');

function parse(xml: string): Document {
	const doc = new DOMParser().parseFromString(xml, 'text/xml');
	expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
	expect(doc.documentElement.tagName).toBe('quiz');
	return doc;
}

function children(parent: Element, name?: string): Element[] {
	return [...parent.children].filter((c) => name === undefined || c.tagName === name);
}

function child(parent: Element, name: string): Element {
	const found = children(parent, name);
	expect(found, `<${parent.tagName}> has one <${name}>`).toHaveLength(1);
	return found[0]!;
}

/** An element's text, such as `<idnumber>`'s. */
function valueOf(parent: Element, name: string): string {
	return child(parent, name).textContent ?? '';
}

/** The text of `<name><text>…</text></name>` as XML gives it (for html fields: the markup). */
function textOf(parent: Element, name: string): string {
	return child(child(parent, name), 'text').textContent ?? '';
}

function htmlDoc(markup: string): Document {
	return new DOMParser().parseFromString(markup, 'text/html');
}

/** Each paragraph's text, decoded, of an html field such as questiontext. */
function paragraphs(parent: Element, name: string): string[] {
	return [...htmlDoc(textOf(parent, name)).querySelectorAll('p')].map((p) => p.textContent ?? '');
}

function questionsOf(doc: Document): Element[] {
	return children(doc.documentElement, 'question');
}

function byIdnumber(doc: Document, id: string): Element {
	const found = questionsOf(doc).filter(
		(q) => children(q, 'idnumber')[0]?.textContent === id && q.getAttribute('type') !== 'category'
	);
	expect(found, `one question with idnumber ${id}`).toHaveLength(1);
	return found[0]!;
}

interface Answer {
	fraction: number;
	/** Decoded text (html answers) or the text as written (plain answers). */
	text: string;
	feedback: string;
	element: Element;
}

function answers(q: Element, html = true): Answer[] {
	return children(q, 'answer').map((a) => {
		const raw = valueOf(a, 'text');
		const feedback = children(a, 'feedback')[0];
		return {
			fraction: Number(a.getAttribute('fraction')),
			text: html ? (htmlDoc(raw).body.textContent ?? '') : raw,
			feedback: feedback ? (htmlDoc(textOf(a, 'feedback')).body.textContent ?? '') : '',
			element: a
		};
	});
}

const positive = (q: Element) => answers(q).filter((a) => a.fraction > 0);

/** The Moodle questions a Citewise question becomes. */
function moodleQuestions(doc: Document, q: Question): Element[] {
	return q.type === 'two-part'
		? [byIdnumber(doc, `${q.id}-part-a`), byIdnumber(doc, `${q.id}-part-b`)]
		: [byIdnumber(doc, q.id)];
}

/** The answer key read back from the XML, worded as `answerInWords` words it. */
function keyFromXml(doc: Document, q: Question): string[] {
	const [first, second] = moodleQuestions(doc, q) as [Element, Element | undefined];
	switch (q.type) {
		case 'single-choice':
		case 'multiple-choice':
		case 'true-false-not-stated':
			return positive(first).map((a) => a.text);
		case 'short-answer':
			return [answers(first, false)[0]!.text.replace(/\\\*/g, '*')];
		case 'ordering':
			return answers(first)
				.sort((a, b) => a.fraction - b.fraction)
				.map((a, i) => `${i + 1}. ${a.text}`);
		case 'matching':
			return children(first, 'subquestion')
				.filter((s) => valueOf(s, 'text') !== '')
				.map((s) => `${htmlDoc(valueOf(s, 'text')).body.textContent} → ${textOf(s, 'answer')}`);
		case 'evidence':
			// The candidates worth marks, as "¶n: “quote”" for each cite they hold.
			return q.cites
				.filter((c) =>
					positive(first).some(
						(a) =>
							a.element.querySelector('text')!.textContent!.includes(`<strong>¶${c.paragraph}`) &&
							findQuote(a.text, c.quote) !== null
					)
				)
				.map(citationLine);
		case 'two-part':
			return [`Part A: ${positive(first)[0]!.text}`, `Part B: ${positive(second!)[0]!.text}`];
	}
}

const doc = parse(moodleXml(fixture));
const top = '$course$/top/Citewise/Books & <Hours>: every question type';
const find = (id: string) => fixture.questions.find((q) => q.id === id)!;

describe('moodleXml: the fixture with one question of every type', () => {
	it('opens with the module category, its summary, and the article as a description', () => {
		const [category, article] = questionsOf(doc) as [Element, Element];
		expect(category.getAttribute('type')).toBe('category');
		expect(textOf(category, 'category')).toBe(top);
		expect(child(category, 'info').getAttribute('format')).toBe('html');
		expect(paragraphs(category, 'info')).toEqual([fixture.summary]);

		expect(article.getAttribute('type')).toBe('description');
		expect(textOf(article, 'name')).toBe(`Article: ${fixture.article.title}`);
		expect(child(article, 'questiontext').getAttribute('format')).toBe('html');
		const html = htmlDoc(textOf(article, 'questiontext'));
		expect(html.querySelector('h2')!.textContent).toBe(fixture.article.title);
		const numbered = [...html.querySelectorAll('p[id]')].map((p) => [p.id, p.textContent]);
		expect(numbered).toEqual(
			fixture.article.paragraphs.map((p) => [`p${p.n}`, `¶${p.n} ${p.text}`])
		);
		expect(numbered).toHaveLength(4);
	});

	it('puts each lesson’s questions under a subcategory named "<n>. <lesson title>"', () => {
		let current = '';
		const categoryOf = new Map<string, string>();
		for (const q of questionsOf(doc)) {
			if (q.getAttribute('type') === 'category') current = textOf(q, 'category');
			else categoryOf.set(valueOf(q, 'idnumber'), current);
		}
		expect(categoryOf.get('export-every-type-article')).toBe(top);
		fixture.lessons.forEach((lesson, i) => {
			for (const id of lesson.questions) {
				const ids = find(id).type === 'two-part' ? [`${id}-part-a`, `${id}-part-b`] : [id];
				for (const moodleId of ids) {
					expect(categoryOf.get(moodleId)).toBe(`${top}/${i + 1}. ${lesson.title}`);
				}
			}
		});
	});

	it('doubles a slash in a category name, as Moodle reads it', () => {
		const slashed = {
			...fixture,
			title: 'Before/after',
			lessons: fixture.lessons.map((l) => ({ ...l, title: `${l.title} 1/2` }))
		};
		const categories = questionsOf(parse(moodleXml(slashed)))
			.filter((q) => q.getAttribute('type') === 'category')
			.map((q) => textOf(q, 'category'));
		expect(categories).toEqual([
			'$course$/top/Citewise/Before//after',
			'$course$/top/Citewise/Before//after/1. The decision & its cost 1//2',
			'$course$/top/Citewise/Before//after/2. Reactions <and> history 1//2'
		]);
	});

	it('writes each type as the Moodle type FIDELITY names, with the right answers and fractions', () => {
		const shape = (id: string) => {
			const q = byIdnumber(doc, id);
			return {
				type: q.getAttribute('type'),
				single: children(q, 'single')[0]?.textContent,
				shuffle: children(q, 'shuffleanswers')[0]?.textContent,
				fractions: answers(q).map((a) => a.fraction)
			};
		};
		expect(shape('who-said-it')).toEqual({
			type: 'multichoice',
			single: 'true',
			shuffle: 'true',
			fractions: [100, 0, 0]
		});
		expect(shape('what-it-pays-for')).toEqual({
			type: 'multichoice',
			single: 'false',
			shuffle: 'true',
			fractions: [50, 50, -50, -50]
		});
		expect(shape('vote-margin')).toEqual({
			type: 'multichoice',
			single: 'true',
			shuffle: 'false',
			fractions: [0, 100, 0]
		});
		expect(answers(byIdnumber(doc, 'vote-margin')).map((a) => a.text)).toEqual([
			'True',
			'False',
			'Not stated'
		]);
		expect(shape('closing-time')).toMatchObject({
			type: 'shortanswer',
			fractions: [100, 100, 100]
		});
		expect(shape('library-history')).toMatchObject({
			type: 'ordering',
			fractions: [1, 2, 3, 4]
		});
		expect(shape('who-said-what')).toMatchObject({ type: 'matching', shuffle: 'true' });
		for (const part of ['councillor-objection-part-a', 'councillor-objection-part-b']) {
			expect(shape(part)).toEqual({
				type: 'multichoice',
				single: 'true',
				shuffle: 'true',
				fractions: [100, 0]
			});
		}
		// Ten Citewise questions less one two-part written as two, plus the article.
		const real = questionsOf(doc).filter((q) => q.getAttribute('type') !== 'category');
		expect(real.map((q) => q.getAttribute('type'))).toEqual([
			'description',
			'shortanswer',
			'multichoice',
			'multichoice',
			'multichoice',
			'multichoice',
			'ordering',
			'matching',
			'multichoice',
			'multichoice',
			'multichoice'
		]);
	});

	it('escapes a literal * in a short answer, which Moodle would read as a wildcard', () => {
		const q = byIdnumber(doc, 'closing-time');
		expect(valueOf(q, 'usecase')).toBe('0');
		expect(answers(q, false).map((a) => a.text)).toEqual(['9 p.m.', '9pm', '9 p.m. = 21:00 \\*']);
		expect(child(children(q, 'answer')[0]!, 'text').textContent).toBe('9 p.m.');
	});

	it('writes ordering with the neighbouring-pairs grading and the items in the correct order', () => {
		const q = byIdnumber(doc, 'library-history');
		const options = Object.fromEntries(
			[
				'layouttype',
				'selecttype',
				'selectcount',
				'gradingtype',
				'showgrading',
				'numberingstyle'
			].map((n) => [n, child(q, n).textContent])
		);
		expect(options).toEqual({
			layouttype: 'VERTICAL',
			selecttype: 'ALL',
			selectcount: '0',
			gradingtype: 'RELATIVE_NEXT_EXCLUDE_LAST',
			showgrading: 'SHOW',
			numberingstyle: 'none'
		});
		const question = find('library-history');
		if (question.type !== 'ordering') throw new Error('fixture changed');
		expect(children(q, 'answer').map((a) => a.getAttribute('fraction'))).toEqual([
			'1.0000000',
			'2.0000000',
			'3.0000000',
			'4.0000000'
		]);
		expect(answers(q).map((a) => a.text)).toEqual(question.items.map((i) => i.text));
	});

	it('writes matching pairs, and the option no item matches as a distractor', () => {
		const q = byIdnumber(doc, 'who-said-what');
		const pairs = children(q, 'subquestion').map((s) => [
			htmlDoc(valueOf(s, 'text')).body.textContent,
			textOf(s, 'answer')
		]);
		expect(pairs).toEqual([
			['“People asked for evenings”', 'Ruth Okafor'],
			['“It’s a lot of money for a quiet room”', 'A councillor'],
			['Costs must be < {last year}', 'A councillor'],
			['', 'The mayor -> nobody']
		]);
		expect(children(q, 'subquestion').every((s) => s.getAttribute('format') === 'html')).toBe(true);
	});

	it('lists the evidence candidates in article order, labelled, with full marks on the cited one', () => {
		const question = find('evidence-of-cost');
		if (question.type !== 'evidence') throw new Error('fixture changed');
		const candidates = evidenceCandidates(question, fixture.article.paragraphs);
		const q = byIdnumber(doc, 'evidence-of-cost');
		const got = answers(q);
		expect(got.map((a) => a.text)).toEqual(candidates.map((c) => `${c.label} ${c.text}`));
		expect(got.map((a) => a.fraction)).toEqual(candidates.map((c) => (c.correct ? 100 : 0)));
		expect(got.filter((a) => a.fraction === 100).map((a) => a.text)).toEqual([
			'¶2, sentence 2 She said the longer hours would cost about\u00a0$12,000 a year & most of it would pay for two part-time staff.'
		]);
		expect(got[0]!.element.querySelector('text')!.textContent).toMatch(
			/^<p><strong>¶1, sentence 1<\/strong> /
		);
		expect(answers(byIdnumber(doc, 'evidence-paragraph')).map((a) => a.fraction)).toEqual([0, 100]);
	});

	it('splits a two-part question into Part A and Part B, each worth half, Part B repeating Part A', () => {
		const question = find('councillor-objection');
		if (question.type !== 'two-part') throw new Error('fixture changed');
		const [a, b] = moodleQuestions(doc, question) as [Element, Element];
		expect(textOf(a, 'name')).toMatch(/\(Part A\)$/);
		expect(textOf(b, 'name')).toMatch(/\(Part B\)$/);
		expect([valueOf(a, 'defaultgrade'), valueOf(b, 'defaultgrade')].map(Number)).toEqual([
			question.points / 2,
			question.points / 2
		]);
		expect(paragraphs(a, 'questiontext')).toEqual(['Read ¶3–¶4 of the article.', question.prompt]);
		expect(paragraphs(b, 'questiontext')).toEqual([
			'Read ¶3–¶4 of the article.',
			question.prompt,
			question.partB.prompt
		]);
		expect(answers(b).map((x) => x.feedback)).toEqual(
			question.partB.choices.map((c) => c.rationale ?? '')
		);
		expect(textOf(a, 'generalfeedback')).toBe(textOf(b, 'generalfeedback'));
	});

	it('gives every question its points, Moodle’s penalty, its id, and its hints', () => {
		for (const q of fixture.questions) {
			for (const m of moodleQuestions(doc, q)) {
				const points = q.type === 'two-part' ? q.points / 2 : q.points;
				expect(Number(valueOf(m, 'defaultgrade'))).toBe(points);
				expect(valueOf(m, 'penalty')).toBe('0.3333333');
				expect(valueOf(m, 'hidden')).toBe('0');
				expect(textOf(m, 'name')).toContain(q.id);
				expect(
					children(m, 'hint').map((h) => htmlDoc(valueOf(h, 'text')).body.textContent)
				).toEqual(q.hints);
			}
		}
		expect(byIdnumber(doc, 'closing-time').getElementsByTagName('hint')).toHaveLength(1);
	});
});

/**
 * Child sequences as Moodle's exporter writes them: the common part from
 * question/format/xml/format.php (writequestion, write_combined_feedback, write_answer) and the
 * fixtures question/format/xml/tests/fixtures/multichoice.xml and
 * nested_categories_with_questions.xml; ordering from
 * question/type/ordering/tests/fixtures/testexport.moodle.xml.
 */
const HEAD = [
	'name',
	'questiontext',
	'generalfeedback',
	'defaultgrade',
	'penalty',
	'hidden',
	'idnumber'
];
const COMBINED = [
	'correctfeedback',
	'partiallycorrectfeedback',
	'incorrectfeedback',
	'shownumcorrect'
];

describe('moodleXml: the shape of Moodle’s own export', () => {
	const hinted = {
		...fixture,
		questions: fixture.questions.map((q) =>
			q.id === 'who-said-it' || q.id === 'library-history' ? { ...q, hints: ['One', 'Two'] } : q
		)
	};
	const shaped = parse(moodleXml(hinted));
	const sequence = (id: string) => children(byIdnumber(shaped, id)).map((c) => c.tagName);

	it('category: category, info, idnumber', () => {
		const category = questionsOf(shaped)[0]!;
		expect(children(category).map((c) => c.tagName)).toEqual(['category', 'info', 'idnumber']);
	});

	it('multichoice', () => {
		expect(sequence('who-said-it')).toEqual([
			...HEAD,
			'single',
			'shuffleanswers',
			'answernumbering',
			'showstandardinstruction',
			...COMBINED,
			'answer',
			'answer',
			'answer',
			'hint',
			'hint'
		]);
		for (const a of children(byIdnumber(shaped, 'who-said-it'), 'answer')) {
			expect(children(a).map((c) => c.tagName)).toEqual(['text', 'feedback']);
			expect(a.getAttribute('format')).toBe('html');
		}
	});

	it('ordering', () => {
		expect(sequence('library-history')).toEqual([
			...HEAD,
			'layouttype',
			'selecttype',
			'selectcount',
			'gradingtype',
			'showgrading',
			'numberingstyle',
			...COMBINED,
			'answer',
			'answer',
			'answer',
			'answer',
			'hint',
			'hint'
		]);
		for (const a of children(byIdnumber(shaped, 'library-history'), 'answer')) {
			expect(children(a).map((c) => c.tagName)).toEqual(['text']);
			expect(a.getAttribute('format')).toBe('html');
		}
	});

	it('shortanswer, matching and description', () => {
		expect(sequence('closing-time')).toEqual([
			...HEAD,
			'usecase',
			'answer',
			'answer',
			'answer',
			'hint'
		]);
		expect(sequence('who-said-what')).toEqual([
			...HEAD,
			'shuffleanswers',
			...COMBINED,
			'subquestion',
			'subquestion',
			'subquestion',
			'subquestion'
		]);
		for (const s of children(byIdnumber(shaped, 'who-said-what'), 'subquestion')) {
			expect(children(s).map((c) => c.tagName)).toEqual(['text', 'answer']);
		}
		expect(sequence('export-every-type-article')).toEqual(HEAD);
	});

	it('every html field is marked format="html"', () => {
		const fields = ['questiontext', 'generalfeedback', ...COMBINED.slice(0, 3), 'feedback', 'hint'];
		for (const name of fields) {
			const found = [...shaped.getElementsByTagName(name)];
			expect(found.length).toBeGreaterThan(0);
			expect(found.every((f) => f.getAttribute('format') === 'html')).toBe(true);
		}
	});
});

describe('moodleXml: read back', () => {
	for (const module of [fixture, real]) {
		const exported = parse(moodleXml(module));

		it(`${module.slug}: the key read from the XML is the module’s key`, () => {
			for (const q of module.questions) {
				expect(keyFromXml(exported, q), q.id).toEqual(answerInWords(q));
			}
		});

		it(`${module.slug}: prompts, choices, rationales and short answers come back word for word`, () => {
			for (const q of module.questions) {
				const [first] = moodleQuestions(exported, q) as [Element];
				expect(paragraphs(first, 'questiontext').at(q.type === 'two-part' ? 1 : -1), q.id).toBe(
					q.prompt
				);
				if (q.type === 'single-choice' || q.type === 'multiple-choice' || q.type === 'two-part') {
					expect(answers(first).map((a) => [a.text, a.feedback])).toEqual(
						q.choices.map((c) => [c.text, c.rationale ?? ''])
					);
				}
				if (q.type === 'short-answer') {
					// Accepted answers earn credit; the listed wrong answers come after them at 0%.
					const read = answers(first, false).map((a) => ({
						text: a.text.replace(/\\\*/g, '*'),
						fraction: a.fraction
					}));
					expect(read.filter((a) => a.fraction > 0).map((a) => a.text)).toEqual(q.accepted);
					expect(read.filter((a) => a.fraction === 0).map((a) => a.text)).toEqual(
						(q.wrong ?? []).map((w) => w.answer)
					);
				}
			}
		});

		it(`${module.slug}: the general feedback is the explanation and "¶n: “quote”" for every cite`, () => {
			for (const q of module.questions) {
				for (const m of moodleQuestions(exported, q)) {
					const feedback = htmlDoc(textOf(m, 'generalfeedback'));
					expect(feedback.querySelector('p')!.textContent).toBe(q.explanation);
					expect([...feedback.querySelectorAll('li')].map((li) => li.textContent)).toEqual(
						q.cites.map(citationLine)
					);
				}
			}
		});

		it(`${module.slug}: multiple-choice fractions give the points Citewise's score() gives`, () => {
			const multiple = module.questions.filter((q) => q.type === 'multiple-choice');
			expect(multiple.length).toBeGreaterThan(0);
			for (const q of multiple) {
				const fractions = answers(byIdnumber(exported, q.id)).map((a) => a.fraction);
				const ids = q.choices.map((c) => c.id);
				for (let mask = 1; mask < 1 << ids.length; mask++) {
					const picked = ids.filter((_, i) => mask & (1 << i));
					const sum = ids.reduce((s, _, i) => (mask & (1 << i) ? s + fractions[i]! : s), 0);
					const moodle = Math.round(Math.max(0, sum / 100) * q.points * 10000) / 10000;
					const citewise = score(q, { type: 'multiple-choice', choices: picked });
					expect(citewise).toEqual({ kind: 'scored', earned: moodle, total: q.points });
				}
			}
		});
	}
});

describe('moodleXml: special characters', () => {
	const xml = moodleXml(fixture);

	it('the fixture really holds the characters under test', () => {
		const all = JSON.stringify(fixture);
		for (const c of ['&', '<', '“', '’', '\u00a0', '{', '}', '~', '=', '#', ':', '*']) {
			expect(all).toContain(c);
		}
	});

	it('keep the non-breaking space of ¶2 as a character', () => {
		expect(xml).toMatch(/about(\u00a0|&#160;)\$12,000/);
		const article = byIdnumber(doc, 'export-every-type-article');
		const p2 = htmlDoc(textOf(article, 'questiontext')).getElementById('p2')!.textContent;
		expect(p2).toContain('about\u00a0$12,000 a year & most');
		expect(p2).toBe(`¶2 ${fixture.article.paragraphs[1]!.text}`);
	});

	it('&, <, curly quotes and { } ~ = # : come back exactly from names, texts and answers', () => {
		expect(textOf(byIdnumber(doc, 'export-every-type-article'), 'name')).toBe(
			'Article: The Library That Stayed Open Late: Books & <Hours>'
		);
		expect(paragraphs(byIdnumber(doc, 'closing-time'), 'questiontext')[1]).toBe(
			'Until what time will the library stay open on weekdays? (Write it as {the article} does.)'
		);
		expect(answers(byIdnumber(doc, 'who-said-it')).map((a) => a.text)).toEqual([
			'Ruth Okafor, the head librarian',
			'A councillor who wrote “< {last year}” on the agenda',
			'The mayor of Millbrook ~ #1'
		]);
		expect(answers(byIdnumber(doc, 'what-it-pays-for'))[2]!.text).toBe('A new building = 1974');
		const feedback = htmlDoc(textOf(byIdnumber(doc, 'who-said-what'), 'generalfeedback'));
		expect(feedback.querySelectorAll('li')[1]!.textContent).toBe(
			'¶3: “said one councillor, who wrote on the agenda that costs must be < {last year} ~ 1:1 = #fair”'
		);
		expect(paragraphs(questionsOf(doc)[0]!, 'info')[0]).toContain('&, <, and GIFT’s ~ = # { } :');
	});

	it('never leaves a bare & or < in the html inside CDATA', () => {
		const sections = [...xml.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]!);
		expect(sections.length).toBeGreaterThan(20);
		for (const html of sections) {
			expect(html).not.toMatch(/&(?![a-z]+;|#\d+;)/);
			expect(html).not.toMatch(/<(?![a-z/])/);
		}
	});
});

describe('moodleXml: the real module', () => {
	const exported = parse(moodleXml(real));

	it('exports every declared question, two-part ones as Part A and Part B, none dropped', () => {
		expect(real.questions).toHaveLength(DECLARED);
		const expected = real.questions.flatMap((q) =>
			q.type === 'two-part' ? [`${q.id}-part-a`, `${q.id}-part-b`] : [q.id]
		);
		const ids = questionsOf(exported)
			.filter((q) => !['category', 'description'].includes(q.getAttribute('type')!))
			.map((q) => valueOf(q, 'idnumber'));
		expect(ids).toEqual(expected);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toHaveLength(DECLARED + real.questions.filter((q) => q.type === 'two-part').length);
	});

	it('has one category per lesson after the module’s, and the article once', () => {
		const types = questionsOf(exported).map((q) => q.getAttribute('type'));
		expect(types.filter((t) => t === 'category')).toHaveLength(real.lessons.length + 1);
		expect(types.filter((t) => t === 'description')).toHaveLength(1);
		const article = htmlDoc(textOf(byIdnumber(exported, `${real.slug}-article`), 'questiontext'));
		expect(article.querySelectorAll('p[id]')).toHaveLength(real.article.paragraphs.length);
	});
});
