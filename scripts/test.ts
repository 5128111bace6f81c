/**
 * `npm test`: every check and every test, in the order a failure is cheapest to find:
 * content validator, types, lint, unit and component tests (Vitest), build, browser tests
 * (Playwright in Debian's Chromium). Ends with one line, `N passed, N failed`, counting every
 * test case plus each gate (validator, types, lint, build) as one check.
 *
 * On a fresh machine of our kind Chromium is missing: as root we install Debian's package;
 * otherwise we stop and name the one command to run.
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

function ensureChromium(): boolean {
	if (existsSync(chromium)) return true;
	if (process.getuid?.() !== 0) {
		console.error(
			`Chromium is needed for the browser tests and is not installed.\n` +
				`Run: sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary)`
		);
		return false;
	}
	console.log('Chromium is missing; installing Debian’s chromium package…');
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	return (
		run('apt-get', ['update', '-q'], env) &&
		run('apt-get', ['install', '-y', '-q', 'chromium'], env) &&
		existsSync(chromium)
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

// Unit and component tests.
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
