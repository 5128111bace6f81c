/**
 * `npm run export`: writes the file a teacher asked for and says what the format kept and lost;
 * a wrong argument or a broken module is a clear message and no file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';

const real = loadModuleDir('questions/fleeing-kazakhs-and-puff-pieces').module!;
const all = real.questions.length;
const ordering = real.questions.filter((q) => q.type === 'ordering');

const out = mkdtempSync(join(tmpdir(), 'citewise-export-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function exportCli(...args: string[]) {
	const run = spawnSync(process.execPath, ['scripts/export.ts', ...args], { encoding: 'utf8' });
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run export', () => {
	it('writes each format for the bundled module and prints what it kept and lost', () => {
		const qti = exportCli('fleeing-kazakhs-and-puff-pieces', '--format', 'qti3', '--out', out);
		expect(qti.stderr).toBe('');
		expect(qti.status).toBe(0);
		expect(qti.stdout).toContain(`QTI 3.0 package: ${all} of ${all} questions`);
		expect(qti.stdout).toContain(`Put in order (${ordering.length}) → order interaction`);
		expect(qti.stdout).toMatch(/Short answer \(\d+\) → text entry interaction/);
		expect(
			readFileSync(join(out, 'fleeing-kazakhs-and-puff-pieces.qti3.zip')).subarray(0, 2).toString()
		).toBe('PK');

		const gift = exportCli('questions/fleeing-kazakhs-and-puff-pieces', '-f', 'gift', '-o', out);
		expect(gift.status).toBe(0);
		expect(gift.stdout).toContain(`GIFT: ${all - ordering.length} of ${all} questions`);
		expect(gift.stdout).toContain(`not exported (${ordering.length})`);
		for (const q of ordering) expect(gift.stdout).toContain(`${q.id} (Put in order)`);

		const moodle = exportCli(
			'fleeing-kazakhs-and-puff-pieces',
			'--format=moodle-xml',
			`--out=${out}`
		);
		expect(moodle.status).toBe(0);
		expect(moodle.stdout).toContain(`Moodle XML: ${all} of ${all} questions`);
		expect(moodle.stdout).toContain('lost: Part B earning credit only when Part A is right');
		expect(readdirSync(out).sort()).toEqual([
			'fleeing-kazakhs-and-puff-pieces.gift.txt',
			'fleeing-kazakhs-and-puff-pieces.moodle.xml',
			'fleeing-kazakhs-and-puff-pieces.qti3.zip'
		]);
	});

	it('refuses a missing or unknown format, naming the ones it knows', () => {
		const missing = exportCli('fleeing-kazakhs-and-puff-pieces');
		expect(missing.status).toBe(2);
		expect(missing.stderr).toContain('--format must be one of qti3, moodle-xml, gift');
		const unknown = exportCli('fleeing-kazakhs-and-puff-pieces', '--format', 'pdf');
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toContain('(got “pdf”)');
	});

	it('refuses an unknown module or a broken one, with file:line:column, writing nothing', () => {
		const dir = join(out, 'refused');
		const unknown = exportCli('no-such-module', '--format', 'gift', '--out', dir);
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toContain('no module folder “no-such-module”');
		const broken = exportCli(
			'tests/content/broken/article-half-blockquote',
			'--format',
			'gift',
			'--out',
			dir
		);
		expect(broken.status).toBe(2);
		expect(broken.stderr).toMatch(/article\.md:12:1 a paragraph is either all block quote/);
		expect(broken.stderr).toContain('nothing exported');
		expect(existsSync(dir)).toBe(false);
	});
});
