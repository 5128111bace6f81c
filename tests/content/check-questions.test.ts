/**
 * `npm run check:questions` as an author runs it: problems on stderr as `file:line:column message`
 * with a non-zero exit, and a coverage report for modules that load.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const brokenCase = 'tests/content/broken/quote-off-by-one-word';
const realModule = 'questions/fleeing-kazakhs-and-puff-pieces';

function checkQuestions(...folders: string[]) {
	// Run from the repo root, as `npm run` does, so problems name files relative to it.
	const run = spawnSync(process.execPath, ['scripts/check-questions.ts', ...folders], {
		cwd: repo,
		encoding: 'utf8',
		timeout: 30_000
	});
	if (run.error) throw run.error;
	return run;
}

describe('check-questions', () => {
	it('exits 1 and prints the problem as file:line:column message on stderr for a broken module', () => {
		const { status, stdout, stderr } = checkQuestions(brokenCase);
		expect(status).toBe(1);
		const lines = stderr.split('\n');
		expect(lines).toContain(
			`${brokenCase}/questions.yaml:63:16 quote is not in ¶4: it matches up to "The library opened in 1911 in a former bakery and has moved" and then differs`
		);
		expect(
			lines.some((l) => l.startsWith('✗ ') && l.endsWith('quote-off-by-one-word: 1 problem'))
		).toBe(true);
		expect(stdout).toBe('');
	});

	it('exits 0 for the real module and prints its coverage', () => {
		const { status, stdout, stderr } = checkQuestions(realModule);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		expect(stdout).toMatch(
			/^✓ fleeing-kazakhs-and-puff-pieces: \d+ questions, 22 paragraphs, \d+ lessons$/m
		);
		expect(stdout).toMatch(/^ {2}paragraphs no question cites: none$/m);
		expect(stdout).toMatch(
			/^ {2}by type: +single-choice \d+, multiple-choice \d+, true-false-not-stated \d+, short-answer \d+, ordering \d+, matching \d+, evidence \d+, two-part \d+$/m
		);
		expect(stdout).toMatch(
			/^ {2}by skill: +recall \d+, vocabulary in context \d+, sequence \d+, inference \d+, /m
		);
	});

	it('reports a coverage problem at its position and exits 1', () => {
		const coverageCase = 'tests/content/broken/coverage-min-questions-per-skill';
		const { status, stdout, stderr } = checkQuestions(coverageCase);
		expect(status).toBe(1);
		expect(stderr.split('\n')).toContain(
			`${coverageCase}/module.yaml:26:25 skill "purpose" has 0 questions; coverage.minQuestionsPerSkill asks for at least 1`
		);
		expect(stdout).toBe('');
	});

	it('checks every module under questions/ when given no folder', () => {
		const { status, stdout } = checkQuestions();
		expect(status).toBe(0);
		expect(stdout).toContain('✓ fleeing-kazakhs-and-puff-pieces:');
	});

	it('still reports coverage for a good module when another one is broken, and exits 1', () => {
		const { status, stdout, stderr } = checkQuestions(brokenCase, realModule);
		expect(status).toBe(1);
		expect(stderr).toContain(`${brokenCase}/questions.yaml:63:16 `);
		expect(stdout).toContain('paragraphs no question cites: none');
	});
});
