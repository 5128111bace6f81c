// @vitest-environment jsdom
/**
 * The QTI 3.0 export: every file valid against 1EdTech's XSDs (with Debian's xmllint), the
 * passage and citations intact, and every item scoring what Citewise scores.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import type { Module, Question } from '../../src/lib/content/schema.ts';
import { evidenceCandidates } from '../../src/lib/export/common.ts';
import {
	hottextId,
	itemId,
	itemPath,
	qti3,
	qti3Files,
	STIMULUS_PATH,
	TEST_PATH
} from '../../src/lib/export/qti3.ts';
import { score, type Response } from '../../src/lib/quiz/questions.ts';
import { exampleAnswer } from '../../src/lib/quiz/types/shortAnswer/match.ts';
import { child, children, parseXml, runItem, type QtiValue } from './qti-interpreter.ts';

const XSD = join(import.meta.dirname, '../fixtures/qti3-xsd');

function load(dir: string): Module {
	const result = loadModuleDir(dir);
	if (!result.module) throw new Error(`${dir} does not load: ${JSON.stringify(result.problems)}`);
	return result.module;
}

const fixture = load('tests/fixtures/export-every-type');
const real = load('questions/fleeing-kazakhs-and-puff-pieces');

const work = mkdtempSync(join(tmpdir(), 'citewise-qti-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes a package's files to disk and runs xmllint over them; returns the files that failed. */
function validate(module: Module): { file: string; error: string }[] {
	const dir = join(work, module.slug);
	const files = qti3Files(module);
	for (const [path, body] of files) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), body);
	}
	const qti = [...files.keys()].filter((p) => p !== 'imsmanifest.xml');
	const failures: { file: string; error: string }[] = [];
	for (const [schema, paths] of [
		['imsqti_asiv3p0p1_v1p0.xsd', qti],
		['imsqtiv3p0_imscpv1p2_v1p0.xsd', ['imsmanifest.xml']]
	] as const) {
		const run = spawnSync('xmllint', ['--noout', '--schema', join(XSD, schema), ...paths], {
			cwd: dir,
			encoding: 'utf8'
		});
		if (run.error) throw run.error;
		for (const path of paths) {
			if (!run.stderr.includes(`${path} validates`)) {
				const error = run.stderr
					.split('\n')
					.filter((l) => l.startsWith(path))
					.join('\n');
				failures.push({ file: path, error });
			}
		}
	}
	return failures;
}

describe('the QTI 3.0 package validates against the 1EdTech XSDs', () => {
	it('has xmllint to validate with', () => {
		// `npm test` installs Debian's libxml2-utils when it is missing.
		const run = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
		expect(run.error, 'xmllint is missing: apt-get install libxml2-utils').toBeUndefined();
		expect(run.stderr).toMatch(/using libxml version \d+/);
	});

	for (const module of [fixture, real]) {
		it(`every file of ${module.slug} is valid`, () => {
			const files = qti3Files(module);
			expect(files.size).toBe(module.questions.length + 3);
			expect(validate(module)).toEqual([]);
		});
	}

	it('catches an invalid file (the validator really runs)', () => {
		const broken = { ...fixture, slug: 'broken-package' };
		const files = qti3Files(broken);
		const dir = join(work, broken.slug);
		mkdirSync(join(dir, 'items'), { recursive: true });
		const bad = files.get(itemPath('who-said-it'))!.replace('max-choices="1"', 'max-choices="one"');
		writeFileSync(join(dir, 'bad.xml'), bad);
		const run = spawnSync(
			'xmllint',
			['--noout', '--schema', join(XSD, 'imsqti_asiv3p0p1_v1p0.xsd'), 'bad.xml'],
			{ cwd: dir, encoding: 'utf8' }
		);
		expect(run.status).not.toBe(0);
		expect(run.stderr).toContain('max-choices');
	});
});

describe('the package', () => {
	it('zips every file, manifest first, the same bytes every time', () => {
		const file = qti3(fixture);
		expect(file.fileName).toBe('export-every-type.qti3.zip');
		const zipped = unzipSync(file.body as Uint8Array);
		const files = qti3Files(fixture);
		expect(Object.keys(zipped)[0]).toBe('imsmanifest.xml');
		expect(Object.keys(zipped).sort()).toEqual([...files.keys()].sort());
		for (const [path, body] of files) expect(strFromU8(zipped[path]!)).toBe(body);
		expect(qti3(fixture).body).toEqual(file.body);
	});

	it('lists every file in the manifest, items depending on the passage', () => {
		const manifest = parseXml(qti3Files(fixture).get('imsmanifest.xml')!);
		const resources = [...manifest.getElementsByTagName('resource')];
		const hrefs = resources.map((r) => r.getAttribute('href'));
		expect(hrefs.sort()).toEqual(
			[...qti3Files(fixture).keys()].filter((p) => p !== 'imsmanifest.xml').sort()
		);
		for (const r of resources.filter((r) => r.getAttribute('type') === 'imsqti_item_xmlv3p0')) {
			expect(children(r, 'dependency').map((d) => d.getAttribute('identifierref'))).toEqual([
				'r-article'
			]);
		}
	});

	it('the test has a section per lesson, every question once, in lesson order', () => {
		const test = parseXml(qti3Files(fixture).get(TEST_PATH)!);
		const sections = [...test.getElementsByTagName('qti-assessment-section')];
		expect(sections.map((s) => s.getAttribute('title'))).toEqual([
			'1. The decision & its cost (¶1–¶2)',
			'2. Reactions <and> history (¶3–¶4)'
		]);
		const refs = sections.map((s) =>
			children(s, 'qti-assessment-item-ref').map((r) => r.getAttribute('href'))
		);
		expect(refs).toEqual(fixture.lessons.map((l) => l.questions.map(itemPath)));
	});
});

describe('the passage keeps the article and its paragraph ids', () => {
	for (const module of [fixture, real]) {
		it(`${module.slug}: every paragraph, word for word, with the id citations point to`, () => {
			const passage = parseXml(qti3Files(module).get(STIMULUS_PATH)!);
			for (const p of module.article.paragraphs) {
				const node = passage.getElementById(`p${p.n}`);
				expect(node, `¶${p.n}`).not.toBeNull();
				expect(node!.textContent).toBe(`¶${p.n} ${p.text}`);
				expect(node!.parentElement!.localName).toBe(
					p.blockquote ? 'blockquote' : 'qti-stimulus-body'
				);
			}
		});
	}

	it('special characters survive: curly quotes, the non-breaking space, & and <', () => {
		const xml = qti3Files(fixture).get(STIMULUS_PATH)!;
		expect(xml).toContain('about\u00a0$12,000 a year &amp; most');
		expect(xml).toContain('costs must be &lt; {last year} ~ 1:1 = #fair');
		const passage = parseXml(xml);
		expect(passage.getElementById('p2')!.textContent).toContain('“People asked for evenings');
		expect(passage.documentElement.getAttribute('title')).toBe(
			'The Library That Stayed Open Late: Books & <Hours>'
		);
	});
});

describe('items', () => {
	for (const module of [fixture, real]) {
		it(`${module.slug}: each refers to the passage and carries its cited explanation`, () => {
			const files = qti3Files(module);
			const passage = parseXml(files.get(STIMULUS_PATH)!);
			for (const q of module.questions) {
				const doc = parseXml(files.get(itemPath(q.id))!);
				const root = doc.documentElement;
				expect(root.getAttribute('identifier')).toBe(itemId(q.id));
				expect(child(root, 'qti-assessment-stimulus-ref').getAttribute('href')).toBe(
					`../${STIMULUS_PATH}`
				);
				const feedback = child(root, 'qti-modal-feedback');
				expect(feedback.textContent).toContain(q.explanation);
				const cites = [...feedback.getElementsByTagName('li')];
				expect(cites.map((li) => li.textContent)).toEqual(
					q.cites.map((c) => `¶${c.paragraph}: “${c.quote}”`)
				);
				for (const [i, li] of cites.entries()) {
					const paragraph = passage.getElementById(li.getAttribute('data-paragraph')!);
					expect(paragraph, `${q.id} cite ${i}`).not.toBeNull();
					expect(li.getAttribute('data-quote')).toBe(q.cites[i]!.quote);
				}
			}
		});
	}

	it('each wrong choice keeps its rationale as inline feedback on that choice', () => {
		const doc = parseXml(qti3Files(fixture).get(itemPath('who-said-it'))!);
		const feedback = [...doc.getElementsByTagName('qti-feedback-inline')];
		expect(feedback.map((f) => [f.getAttribute('identifier'), f.textContent])).toEqual([
			['c-b', 'The councillor is quoted in paragraph 3 & objected to the cost.'],
			['c-c', 'The article never mentions a mayor.']
		]);
		expect(
			feedback.every(
				(f) => f.parentElement!.getAttribute('identifier') === f.getAttribute('identifier')
			)
		).toBe(true);
	});

	it('each question type becomes the interaction the summary says', () => {
		const files = qti3Files(fixture);
		const interactions = fixture.questions.map((q) => {
			const body = parseXml(files.get(itemPath(q.id))!).getElementsByTagName('qti-item-body')[0]!;
			return [
				q.type,
				[...body.querySelectorAll('*')]
					.filter((e) => e.localName.endsWith('-interaction'))
					.map((e) => e.localName)
			];
		});
		expect(Object.fromEntries(interactions)).toEqual({
			'short-answer': ['qti-text-entry-interaction'],
			'single-choice': ['qti-choice-interaction'],
			'multiple-choice': ['qti-choice-interaction'],
			'true-false-not-stated': ['qti-choice-interaction'],
			evidence: ['qti-hottext-interaction'],
			ordering: ['qti-order-interaction'],
			matching: ['qti-match-interaction'],
			'two-part': ['qti-choice-interaction', 'qti-choice-interaction']
		});
	});

	it('an evidence item offers the sentences of its range as hot text, in the article’s words', () => {
		const q = fixture.questions.find((x) => x.id === 'evidence-of-cost')!;
		const doc = parseXml(qti3Files(fixture).get(itemPath(q.id))!);
		const hot = [...doc.getElementsByTagName('qti-hottext')].map((h) => [
			h.getAttribute('identifier'),
			h.textContent
		]);
		expect(hot[0]).toEqual([
			'h-1-1',
			'The town council of Millbrook voted on Tuesday to keep the Alder Street library open until 9 p.m. on weekdays, starting in March.'
		]);
		expect(hot).toHaveLength(4);
		expect(hot.map(([, text]) => text)).toContain(
			'She said the longer hours would cost about\u00a0$12,000 a year & most of it would pay for two part-time staff.'
		);
	});
});

/** A Citewise response as the QTI response variables a delivery system would hand the item. */
function qtiResponse(q: Question, r: Response): Record<string, QtiValue> {
	switch (r.type) {
		case 'single-choice':
			return { RESPONSE: `c-${r.choice}` };
		case 'multiple-choice':
			return { RESPONSE: r.choices.map((c) => `c-${c}`) };
		case 'true-false-not-stated':
			return { RESPONSE: `c-${r.answer}` };
		case 'short-answer':
			return { RESPONSE: r.text };
		case 'ordering':
			return { RESPONSE: r.order.map((c) => `c-${c}`) };
		case 'matching':
			return { RESPONSE: Object.entries(r.matches).map(([i, o]) => `i-${i} o-${o}`) };
		case 'evidence':
			return { RESPONSE: hottextId(r.choice) };
		case 'two-part':
			return { RESPONSE_A: `c-${r.partA}`, RESPONSE_B: `b-${r.partB}` };
	}
	void q;
}

/** Every answer a learner could give, as an arbitrary (short answers: the keys in any case, or a wrong word). */
function responses(module: Module, q: Question): fc.Arbitrary<Response> {
	const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
	switch (q.type) {
		case 'single-choice':
			return pick(q.choices).map((c) => ({ type: q.type, choice: c.id }));
		case 'multiple-choice':
			return fc
				.subarray(
					q.choices.map((c) => c.id),
					{ minLength: 1 }
				)
				.map((choices) => ({ type: q.type, choices: choices.sort() }));
		case 'true-false-not-stated':
			return pick(['true', 'false', 'not-stated'] as const).map((answer) => ({
				type: q.type,
				answer
			}));
		case 'short-answer':
			return fc.oneof(
				pick(q.accepted.map(exampleAnswer)).chain((a) =>
					pick([a, a.toUpperCase(), a.toLowerCase()]).map((text) => ({ type: q.type, text }))
				),
				pick(['nine', 'March', '1974', 'no idea']).map((text) => ({ type: q.type, text }))
			);
		case 'ordering':
			return fc
				.shuffledSubarray(
					q.items.map((i) => i.id),
					{ minLength: q.items.length, maxLength: q.items.length }
				)
				.map((order) => ({ type: q.type, order }));
		case 'matching':
			return fc.tuple(...q.items.map(() => pick(q.options.map((o) => o.id)))).map((picked) => ({
				type: q.type,
				matches: Object.fromEntries(q.items.map((item, i) => [item.id, picked[i]!]))
			}));
		case 'evidence':
			return pick(evidenceCandidates(q, module.article.paragraphs)).map((c) => ({
				type: q.type,
				choice: c.id
			}));
		case 'two-part':
			return fc
				.tuple(pick(q.choices), pick(q.partB.choices))
				.map(([a, b]) => ({ type: q.type, partA: a.id, partB: b.id }));
	}
}

describe('response processing scores what Citewise scores', () => {
	for (const module of [fixture, real]) {
		it(`${module.slug}: every item, many answers, the same SCORE as score()`, () => {
			const files = qti3Files(module);
			for (const q of module.questions) {
				const doc = parseXml(files.get(itemPath(q.id))!);
				fc.assert(
					fc.property(responses(module, q), (r) => {
						const expected = score(q, r, module.article.paragraphs);
						if (expected.kind !== 'scored')
							throw new Error(`${q.id}: ${JSON.stringify(r)} is invalid`);
						const outcomes = runItem(doc, qtiResponse(q, r));
						expect(outcomes.SCORE as number, `${q.id} ${JSON.stringify(r)}`).toBeCloseTo(
							expected.earned,
							4
						);
						expect(outcomes.MAXSCORE).toBe(q.points);
						expect(outcomes.EXPLANATION).toBe('shown');
					}),
					{ numRuns: 40, seed: 12 }
				);
			}
		});
	}

	it('no response scores nothing', () => {
		const files = qti3Files(fixture);
		for (const q of fixture.questions) {
			const outcomes = runItem(parseXml(files.get(itemPath(q.id))!), {});
			expect(outcomes.SCORE, q.id).toBe(0);
		}
	});

	it('partial credit, worked: multiple choice, ordering, matching, two-part', () => {
		const files = qti3Files(fixture);
		const run = (id: string, r: Record<string, QtiValue>) =>
			runItem(parseXml(files.get(itemPath(id))!), r).SCORE;
		// 3 points, two keys: one right pick earns 1.5; a right and a wrong pick earn 0.
		expect(run('what-it-pays-for', { RESPONSE: ['c-a'] })).toBeCloseTo(1.5);
		expect(run('what-it-pays-for', { RESPONSE: ['c-a', 'c-c'] })).toBeCloseTo(0);
		expect(run('what-it-pays-for', { RESPONSE: ['c-a', 'c-b', 'c-c', 'c-d'] })).toBe(0);
		// Ordering by neighbouring pairs: the first two right and the last two swapped keep 1 of 3.
		expect(
			run('library-history', {
				RESPONSE: ['c-opened', 'c-alder-street', 'c-evening-hours', 'c-council-vote']
			})
		).toBeCloseTo(1 / 3);
		expect(
			run('library-history', {
				RESPONSE: ['c-evening-hours', 'c-council-vote', 'c-alder-street', 'c-opened']
			})
		).toBe(0);
		expect(
			run('who-said-what', {
				RESPONSE: ['i-evenings o-librarian', 'i-quiet-room o-mayor', 'i-costs o-councillor']
			})
		).toBeCloseTo(2 / 3);
		expect(run('councillor-objection', { RESPONSE_A: 'c-a', RESPONSE_B: 'b-b' })).toBe(0.5);
		expect(run('councillor-objection', { RESPONSE_A: 'c-b', RESPONSE_B: 'b-a' })).toBe(0);
	});

	it('short answers: the accepted words in any case, but not re-punctuated (a stated loss)', () => {
		const files = qti3Files(fixture);
		const run = (text: string) =>
			runItem(parseXml(files.get(itemPath('closing-time'))!), { RESPONSE: text }).SCORE;
		expect(run('9 P.M.')).toBe(2);
		expect(run('9PM')).toBe(2);
		expect(run('9 p.m. = 21:00 *')).toBe(2);
		// Citewise ignores the missing full stop; QTI compares the strings as written.
		const q = fixture.questions.find((x) => x.id === 'closing-time')!;
		expect(score(q, { type: 'short-answer', text: '9 p.m' })).toEqual({
			kind: 'scored',
			earned: 2,
			total: 2
		});
		expect(run('9 p.m')).toBe(0);
	});
});
