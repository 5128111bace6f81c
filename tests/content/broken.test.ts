/**
 * The validator against a corpus of small modules on disk.
 *
 * `broken/<case>/` is the base module (`accepted/base-module/`), for the newer question types with
 * one question of that type added, and for the `claim-*` cases with the claims of
 * `accepted/claims-all-pass/` (claims.yaml, and questions naming them), with exactly one defect; its
 * `expected.txt` lists, in order, every problem the validator must report, one per line as
 * `<case>/<file>:<line>:<column> <part of the message>` (`#` lines describe the defect). The
 * location must match exactly; the message must contain the given text.
 *
 * `accepted/<case>/` must load with no problems: edge cases the validator has to let through.
 *
 * Every module.yaml in the corpus ends with a `coverage:` block. Most switch the coverage rules off,
 * so that each case tests one thing; the coverage cases and the newer question types' accepted
 * cases switch them on.
 *
 * Cases are found with readdir, so adding a folder adds a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { QUESTION_TYPES, SKILLS } from '../../src/lib/content/schema.ts';
import { caseNames, escapeRegExp, readExpected } from './corpus.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const brokenRoot = join(here, 'broken');
const acceptedRoot = join(here, 'accepted');

const escape = escapeRegExp;

const brokenCases = caseNames(brokenRoot);
const acceptedCases = caseNames(acceptedRoot);

describe('broken modules', () => {
	it('has a case for at least 24 rules and edge cases', () => {
		expect(brokenCases.length).toBeGreaterThanOrEqual(24);
	});

	describe.each(brokenCases)('%s', (name) => {
		const dir = join(brokenRoot, name);

		it('reports exactly the problems in expected.txt, at their exact positions', () => {
			const expected = readExpected(dir);
			expect(expected.length, 'expected.txt lists at least one problem').toBeGreaterThan(0);
			const { problems } = loadModuleDir(dir, brokenRoot);
			expect(problems.map(formatProblem)).toEqual(
				expected.map((e) =>
					expect.stringMatching(new RegExp(`^${escape(e.location)} .*${escape(e.message)}`))
				)
			);
		});

		it('yields no module', () => {
			expect(loadModuleDir(dir, brokenRoot).module).toBeUndefined();
		});
	});
});

describe('accepted edge cases', () => {
	it.each(acceptedCases)('%s loads with no problems', (name) => {
		const { module, problems } = loadModuleDir(join(acceptedRoot, name), acceptedRoot);
		expect(problems.map(formatProblem)).toEqual([]);
		expect(module?.slug).toBe(name);
	});

	// The accepted cases only prove something while their files hold the characters they are about.
	const read = (name: string, file: string) => readFileSync(join(acceptedRoot, name, file), 'utf8');

	it('base-module has curly quotes and one non-breaking space in its article', () => {
		const article = read('base-module', 'article.md');
		expect(article).toContain('“People asked for evenings, and we listened,”');
		expect(article).toContain('It’s');
		expect(article.match(/\u00a0/g)).toHaveLength(1);
		expect(article).toContain('9\u00a0p.m.');
	});

	it('quote-normal-space-for-nbsp quotes "9 p.m." with a normal space', () => {
		expect(read('quote-normal-space-for-nbsp', 'article.md')).toContain('9\u00a0p.m.');
		expect(read('quote-normal-space-for-nbsp', 'questions.yaml')).toContain(
			'quote: "keep the Alder Street library open until 9 p.m. on weekdays"'
		);
	});

	it('quote-nbsp-for-normal-space quotes "Alder Street" with a non-breaking space', () => {
		expect(read('quote-nbsp-for-normal-space', 'article.md')).toContain('Alder Street library');
		expect(read('quote-nbsp-for-normal-space', 'questions.yaml')).toContain(
			'Alder\u00a0Street library'
		);
	});

	it('quote-spans-line-break quotes across the line break inside ¶3', () => {
		expect(read('quote-spans-line-break', 'article.md')).toContain(
			'said one\ncouncillor, who voted'
		);
		expect(read('quote-spans-line-break', 'questions.yaml')).toContain(
			'said one councillor, who voted'
		);
	});

	const loaded = (name: string) => loadModuleDir(join(acceptedRoot, name), acceptedRoot).module!;

	it.each(['ordering', 'matching', 'evidence', 'two-part'] as const)(
		'%s holds a question of that type and loads with every coverage rule but the skill count on',
		(type) => {
			expect(loaded(type).questions.map((q) => q.type)).toContain(type);
			expect(read(type, 'module.yaml')).toMatch(
				/^coverage:\n {2}everyParagraphCited: true\n {2}minQuestionsPerSkill: 0\n {2}rationales: true\n$/m
			);
		}
	);

	it('evidence chooses a sentence within its own range, and a paragraph within its lesson', () => {
		const { questions, lessons } = loaded('evidence');
		const evidence = questions.filter((q) => q.type === 'evidence');
		expect(evidence.map((q) => [q.id, q.select, q.within])).toEqual([
			['cost-of-the-hours', 'sentence', [1, 2]],
			['where-the-library-began', 'paragraph', lessons[1]!.paragraphs]
		]);
		expect(read('evidence', 'questions.yaml').match(/within:/g)).toHaveLength(1);
	});

	it('coverage-every-rule-met uses every question type, every skill, and every coverage rule', () => {
		const module = loaded('coverage-every-rule-met');
		expect(new Set(module.questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
		expect(new Set(module.questions.map((q) => q.skill))).toEqual(new Set(SKILLS));
		expect(read('coverage-every-rule-met', 'module.yaml')).toContain(
			'coverage:\n  everyParagraphCited: true\n  minQuestionsPerSkill: 1\n  rationales: true\n'
		);
	});

	it('the double-space cases hold runs of spaces in the quote and in the article', () => {
		expect(read('quote-with-double-space', 'questions.yaml')).toContain(
			'who  voted against   the plan'
		);
		expect(read('article-with-double-space', 'article.md')).toContain('has moved  twice since');
	});
});
