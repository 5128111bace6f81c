/**
 * `npm test`: every check and every test, in the order a failure is cheapest to find:
 * content validator, types, lint, unit and component tests (Vitest), build, browser tests
 * (Playwright in Debian's Chromium). Ends with one line, `N passed, N failed`, counting every
 * test case plus each gate (validator, types, lint, build) as one check.
 *
 * On a fresh machine of our kind Chromium and xmllint are missing: as root we install Debian's
 * packages; otherwise we stop and name the one command to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

import { chromiumPath as chromium } from './chromium.ts';

let passed = 0;
let failed = 0;
let skipped = 0;

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
	console.log(`\n$ ${[command, ...args].join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status === 0;
}

function gate(name: string, ok: boolean): void {
	if (ok) passed++;
	else {
		failed++;
		console.error(`✗ ${name} failed`);
	}
}

/**
 * A Debian package the tests need: present, installed now (as root), or a clear message naming
 * the one command to run.
 */
function ensureDebianPackage(binary: string, pkg: string, why: string): boolean {
	if (existsSync(binary)) return true;
	if (process.getuid?.() !== 0) {
		console.error(`${why} and is not installed.\nRun: sudo apt-get install -y ${pkg}`);
		return false;
	}
	console.log(`${pkg} is missing; installing Debian’s package…`);
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	return (
		run('apt-get', ['update', '-q'], env) &&
		run('apt-get', ['install', '-y', '-q', pkg], env) &&
		existsSync(binary)
	);
}

function ensureChromium(): boolean {
	return ensureDebianPackage(
		chromium,
		'chromium',
		'Chromium is needed for the browser tests (or set CHROMIUM_PATH to a Chromium binary)'
	);
}

function readJson(path: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return undefined;
	}
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

gate('content validator', run('node', ['scripts/check-questions.ts']));
gate('type check', run('npm', ['run', 'check', '--silent']));
gate('lint', run('npm', ['run', 'lint', '--silent']));

// Unit and component tests. The QTI export tests validate against the XSDs with xmllint.
ensureDebianPackage(
	'/usr/bin/xmllint',
	'libxml2-utils',
	'xmllint is needed to validate the QTI export against its XSDs'
);
const vitestOk = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=test-results/vitest.json'
]);
const vitest = readJson('test-results/vitest.json') as
	| {
			numPassedTests: number;
			numFailedTests: number;
			numPendingTests: number;
			numTodoTests: number;
	  }
	| undefined;
if (vitest) {
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
	skipped += vitest.numPendingTests + vitest.numTodoTests;
	if (!vitestOk && vitest.numFailedTests === 0) failed++; // e.g. a suite that failed to load
} else {
	failed++;
	console.error('✗ Vitest produced no report');
}

// Browser tests against the built app.
const built = run('npx', ['vite', 'build']);
gate('build', built);
if (built && ensureChromium()) {
	const ok = run('npx', ['playwright', 'test', '--reporter=list,json'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json',
		CHROMIUM_PATH: chromium
	});
	const report = readJson('test-results/playwright.json') as
		{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | undefined;
	if (report) {
		passed += report.stats.expected;
		failed += report.stats.unexpected + report.stats.flaky;
		skipped += report.stats.skipped;
		if (!ok && report.stats.unexpected === 0) failed++;
	} else {
		failed++;
		console.error('✗ Playwright produced no report');
	}
} else {
	failed++;
	console.error('✗ browser tests could not run');
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
