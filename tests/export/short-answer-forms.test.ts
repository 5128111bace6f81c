/**
 * Short-answer keys beyond plain texts, in each export: a pattern keeps `*` as the format's own
 * wildcard (QTI: qti-pattern-match), a number with a tolerance becomes its exact number, and
 * listed wrong answers become Moodle/GIFT answers worth 0% with their feedback (QTI: a comment).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, type TextChoice } from 'gift-pegjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { gift } from '../../src/lib/export/gift.ts';
import { moodleXml } from '../../src/lib/export/moodleXml.ts';
import { itemPath, patternRegex, qti3Files } from '../../src/lib/export/qti3.ts';

const loaded = loadModuleDir('tests/content/accepted/short-answer-forms');
if (!loaded.module) throw new Error(JSON.stringify(loaded.problems));
const module = loaded.module;
const ID = 'new-closing-time';

const work = mkdtempSync(join(tmpdir(), 'citewise-short-answer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('short-answer keys in the exports', () => {
	it('QTI: a pattern as a case-blind qti-pattern-match, a number exact, wrong answers noted; valid', () => {
		const files = qti3Files(module);
		const item = files.get(itemPath(ID))!;
		expect(item).toContain(`<qti-pattern-match pattern="9.*[pP][mM]">`);
		expect(item).toContain('map-key="21"');
		expect(item).toContain('<!-- Citewise lists a wrong answer: “6 p.m.”');
		expect(patternRegex('Radio (RFA)*')).toBe('[rR][aA][dD][iI][oO] \\([rR][fF][aA]\\).*');
		const dir = join(work, 'qti');
		for (const [path, body] of files) {
			mkdirSync(dirname(join(dir, path)), { recursive: true });
			writeFileSync(join(dir, path), body);
		}
		const xsd = join(import.meta.dirname, '../fixtures/qti3-xsd/imsqti_asiv3p0p1_v1p0.xsd');
		const run = spawnSync('xmllint', ['--noout', '--schema', xsd, itemPath(ID)], {
			cwd: dir,
			encoding: 'utf8'
		});
		expect(run.stderr).toContain(`${itemPath(ID)} validates`);
	});

	it('Moodle XML: the pattern keeps its wildcard, wrong answers are worth 0% with feedback', () => {
		const xml = moodleXml(module);
		const start = xml.indexOf(`<idnumber>${ID}</idnumber>`);
		const question = xml.slice(
			xml.lastIndexOf('<question type="shortanswer">', start),
			xml.indexOf('</question>', start)
		);
		expect(question).toContain('<text>9*pm</text>');
		expect(question).toContain('<text>21</text>');
		expect(question).toMatch(
			/<answer fraction="0" format="moodle_auto_format">\s*<text>6 p\.m\.<\/text>\s*<feedback format="html">\s*<text><!\[CDATA\[<p>That was the closing time before the vote\.<\/p>\]\]><\/text>/
		);
		expect(question).toContain('¶2: “the longer hours would cost about $12,000 a year”');
	});

	it('GIFT: =%0%answer#feedback for wrong answers, read back by gift-pegjs', () => {
		const questions = parse(gift(module));
		const q = questions.find((x) => 'title' in x && x.title === ID)!;
		expect(q.type).toBe('Short');
		const choices = (q as unknown as { choices: TextChoice[] }).choices;
		const texts = choices.map((c) => [c.text.text, c.weight]);
		expect(texts).toContainEqual(['9*pm', null]);
		expect(texts).toContainEqual(['21', null]);
		expect(texts).toContainEqual(['6 p.m.', 0]);
		const wrong = choices.find((c) => c.text.text === '12000')!;
		expect(wrong.weight).toBe(0);
		expect(wrong.feedback?.text).toContain('That is the yearly cost, not a time.');
	});
});
