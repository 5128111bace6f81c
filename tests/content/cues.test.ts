/**
 * Item-writing cues (src/lib/content/cues.ts) against a corpus of small modules on disk.
 *
 * `cues/<case>/` is the base module (`accepted/base-module/`, its "always" distractor reworded)
 * with questions added that show one cue; `clean/` adds questions that show none. Every case loads
 * with no problems: cues are warnings. Its `expected.txt` lists, in order, every warning the cue
 * report must give, one per line as `<case>/<file>:<line>:<column> <part of the message>` (`#`
 * lines describe the case; `clean/` lists none). The location must match exactly; the message must
 * contain the given text.
 *
 * Cases are found with readdir, so adding a folder adds a test.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	contentWords,
	cueSummary,
	formatWarning,
	QUESTION_RULES,
	stem,
	stemConflict,
	type CueRule
} from '../../src/lib/content/cues.ts';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { loadModule } from '../../src/lib/content/load.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { moduleFileSchema } from '../../src/lib/content/schema.ts';
import { caseNames, escapeRegExp, readExpected } from './corpus.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
const root = join(here, 'cues');
const realModule = 'questions/fleeing-kazakhs-and-puff-pieces';

const cases = caseNames(root);

const escape = escapeRegExp;
const load = (name: string) => loadModuleDir(join(root, name), root);

describe('cue corpus', () => {
	describe.each(cases)('%s', (name) => {
		it('loads with no problems: cues are warnings', () => {
			const { module, problems, cues } = load(name);
			expect(problems.map(formatProblem)).toEqual([]);
			expect(module?.slug).toBe(name);
			expect(cues).toBeDefined();
		});

		it('gives exactly the warnings in expected.txt, at their exact positions', () => {
			const expected = readExpected(join(root, name));
			expect(load(name).cues!.warnings.map(formatWarning)).toEqual(
				expected.map((e) =>
					expect.stringMatching(
						new RegExp(`^${escape(e.location)} warning: .*${escape(e.message)}`)
					)
				)
			);
		});
	});

	it('has a clean case, and a case for every rule', () => {
		expect(readExpected(join(root, 'clean'))).toEqual([]);
		const rules = new Set(cases.flatMap((name) => load(name).cues!.warnings.map((w) => w.rule)));
		const all: CueRule[] = [...QUESTION_RULES, 'longest-key-rate', 'truth-balance', 'key-position'];
		expect([...rules].sort()).toEqual([...all].sort());
	});

	it('each case other than clean shows its cue in exactly one rule', () => {
		for (const name of cases.filter((n) => n !== 'clean')) {
			const rules = new Set(load(name).cues!.warnings.map((w) => w.rule));
			expect(rules.size, name).toBe(1);
		}
	});
});

describe('module.yaml cues thresholds', () => {
	const files = (name: string) =>
		Object.fromEntries(
			readdirSync(join(root, name)).map((f) => [f, readFileSync(join(root, name, f), 'utf8')])
		);

	it('default when the block is absent', () => {
		const parsed = moduleFileSchema.parse({
			title: 't',
			summary: 's',
			readingMinutes: 1,
			objectives: ['o'],
			lessons: [{ id: 'l', title: 'l', paragraphs: [1, 1], questions: ['q'] }]
		});
		expect(parsed.cues).toEqual({
			longerBy: 0.1,
			partBRepeats: 0.5,
			claimRepeats: 0.6,
			truthShare: 0.6,
			truthPoints: 0.5,
			keyPosition: 0.5
		});
	});

	it('are read from module.yaml: a higher threshold silences a warning', () => {
		const f = files('longer-key');
		expect(loadModule('cues/longer-key', f).cues!.warnings).toHaveLength(1);
		f['module.yaml'] += 'cues:\n  longerBy: 1\n';
		const { problems, cues } = loadModule('cues/longer-key', f);
		expect(problems).toEqual([]);
		expect(cues!.warnings).toEqual([]);
	});

	it('a fixed longestKeyRate replaces chance + 10%', () => {
		const f = files('longest-key-rate');
		f['module.yaml'] += 'cues:\n  longestKeyRate: 0.7\n';
		const { cues } = loadModule('cues/longest-key-rate', f);
		expect(cues!.longestKey.threshold).toBe(0.7);
		expect(cues!.warnings).toEqual([]);
	});

	it('an unknown key in the block is a problem, like anywhere in module.yaml', () => {
		const f = files('clean');
		f['module.yaml'] += 'cues:\n  longestKey: 0.3\n';
		const { problems } = loadModule('cues/clean', f);
		expect(problems.map(formatProblem)).toEqual([
			expect.stringMatching(/^cues\/clean\/module\.yaml:\d+:3 cues: unknown field "longestKey"$/)
		]);
	});
});

describe('words', () => {
	it('stems enough to match inflections', () => {
		expect(stem('voted')).toBe(stem('vote'));
		expect(stem('libraries')).toBe(stem('library'));
		expect(stem('stopped')).toBe(stem('stop'));
		expect(stem('1911')).toBe('1911');
	});

	it('drops stop words and keeps numbers and hyphenated words', () => {
		expect(contentWords('The library opened in 1911 with two part-time staff.')).toEqual([
			'library',
			'open',
			'1911',
			'two',
			'part-tim',
			'staff'
		]);
	});
});

describe('the stem against a distractor', () => {
	// Names: capitalised and not sentence-initial (the article's vocabulary is not consulted here).
	const isName = (_word: string, initial: boolean) => !initial;

	it('catches a swapped year, amount or name next to the same word', () => {
		expect(stemConflict('The library opened in 1911. Where?', 'It opened in 1974', isName)).toMatch(
			/year 1974 where the stem gives 1911 \(both next to "opened"\)/
		);
		expect(
			stemConflict(
				'It will cost $12,000 a year. Who pays?',
				'The council, at $9,000 a year',
				isName
			)
		).toMatch(/amount \$9,000 where the stem gives \$12,000/);
		expect(
			stemConflict(
				'As librarian Ruth Okafor said, why?',
				'Because librarian Mara Quill asked',
				isName
			)
		).toMatch(/name Mara where the stem gives Ruth/);
	});

	it('catches a distractor that asserts what a statement in the stem negates', () => {
		expect(
			stemConflict('The library never closed. Why?', 'Because it closed for repairs', isName)
		).toMatch(/says "closed" where the stem negates it/);
	});

	it('lets through what it cannot tell apart', () => {
		// Different things: the same kind of number next to different words.
		expect(stemConflict('It opened in 1911. When did it move?', 'It moved in 1974', isName)).toBe(
			undefined
		);
		// The same number, or none.
		expect(stemConflict('It opened in 1911. Where?', 'It opened in 1911 downtown', isName)).toBe(
			undefined
		);
		// A negation in the question itself frames it; it states nothing.
		expect(
			stemConflict('Which is not a reason the council gave?', 'A reason about cost', isName)
		).toBe(undefined);
		// The distractor negates the word too.
		expect(
			stemConflict('The library never closed. Why?', 'It has not closed since 1974', isName)
		).toBe(undefined);
	});
});

describe('the real module', () => {
	const { module, cues } = loadModuleDir(join(repo, realModule), repo);

	it('has a cue report whose numbers agree with the bank', () => {
		expect(module).toBeDefined();
		const report = cues!;
		const qs = module!.questions;
		const count = (type: string) => qs.filter((q) => q.type === type).length;
		const k = report.longestKey;
		expect(k.total).toBe(count('single-choice') + count('multiple-choice') + 2 * count('two-part'));
		expect(k.count).toBeLessThanOrEqual(k.total);
		expect(k.rate).toBeCloseTo(k.count / k.total);
		expect(k.chance).toBeGreaterThan(0);
		expect(k.chance).toBeLessThan(1);
		expect(k.over).toBe(k.rate > k.threshold);

		const t = report.truth;
		expect(t.total).toBe(count('true-false-not-stated'));
		expect(t.counts.true + t.counts.false + t.counts['not-stated']).toBe(t.total);
		expect(t.points.true + t.points.false + t.points['not-stated']).toBe(t.totalPoints);

		const p = report.keyPositions;
		expect(p.total).toBe(count('single-choice'));
		expect(p.counts.reduce((a, b) => a + b, 0)).toBe(p.total);

		// Every flagged question has a warning of that rule pointing into questions.yaml, and back.
		const ids = new Set(qs.map((q) => q.id));
		for (const rule of QUESTION_RULES) {
			const warned = new Set(report.warnings.filter((w) => w.rule === rule).map((w) => w.question));
			expect([...warned].sort(), rule).toEqual([...report.flagged[rule]].sort());
			for (const id of report.flagged[rule]) expect(ids.has(id)).toBe(true);
		}
		for (const w of report.warnings) {
			expect(w.file).toMatch(/^questions\/fleeing-kazakhs-and-puff-pieces\/\S+\.yaml$/);
			expect(w.line).toBeGreaterThan(0);
		}
	});

	it('summarises the report in lines whose counts match', () => {
		const lines = cueSummary(cues!);
		const k = cues!.longestKey;
		expect(lines[0]).toContain(
			`cues: key is the longest choice in ${k.count} of ${k.total} choice lists (${Math.round(k.rate * 100)}%`
		);
		const t = cues!.truth;
		expect(lines.join('\n')).toContain(
			`true / false / not stated:`.padEnd(44) +
				` ${t.counts.true} / ${t.counts.false} / ${t.counts['not-stated']} of ${t.total}`
		);
	});
});

describe('npm run check:questions', () => {
	const run = (...folders: string[]) => {
		const result = spawnSync(process.execPath, ['scripts/check-questions.ts', ...folders], {
			cwd: repo,
			encoding: 'utf8',
			timeout: 30_000
		});
		if (result.error) throw result.error;
		return result;
	};

	it('prints the real module’s cue report after its coverage, and still exits 0', () => {
		const { status, stdout, stderr } = run(realModule);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		const lines = stdout.split('\n');
		const cuesAt = lines.findIndex((l) => l.startsWith('  cues: key is the longest choice in '));
		expect(cuesAt).toBeGreaterThan(lines.findIndex((l) => l.startsWith('  by lesson: ')));
		expect(lines[cuesAt]).toMatch(
			/^ {2}cues: key is the longest choice in \d+ of \d+ choice lists/
		);
		expect(stdout).toMatch(/^ {4}true \/ false \/ not stated: +\d+ \/ \d+ \/ \d+ of \d+/m);
		const { cues } = loadModuleDir(join(repo, realModule), repo);
		for (const w of cues!.warnings) expect(lines).toContain(formatWarning(w));
	});

	it('prints warnings as file:line:column warning: … on stdout, and exits 0', () => {
		const folder = 'tests/content/cues/truth-share';
		const { status, stdout, stderr } = run(folder);
		expect(status).toBe(0);
		expect(stderr).toBe('');
		expect(stdout.split('\n')).toContain(
			`${folder}/module.yaml:28:15 warning: 4 of 5 true / false / not stated answers are "false" (80%; cues.truthShare 60%)`
		);
		expect(stdout).toMatch(
			/^ {4}true \/ false \/ not stated: +1 \/ 4 \/ 0 of 5 \(20% \/ 80% \/ 0%\) ⚠$/m
		);
	});
});
