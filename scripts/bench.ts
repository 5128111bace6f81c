/**
 * `npm run bench`: builds the app, serves it on a local port with a fresh database, and measures
 * the budgets from the foundation issue. One line per figure: `name: value unit (budget B)`.
 * Exits non-zero when a figure is over its budget.
 *
 * Self-study practice on a slow network (Chromium DevTools Protocol: 150 ms round trip,
 * 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×), a learner part-way through practice:
 *   first-question-js-gzip   gzipped JavaScript loaded before the first question is
 *                            interactive                                     (budget 45 KB)
 *   module-page-js-idle-gzip all of it once the page is idle (the practice engine too) (budget 90 KB)
 *   first-question-interactive  navigation → the practice panel hydrated, on a return visit
 *                            (the app's files from the service worker)      (budget 1,000 ms)
 *   answer-to-feedback-emulated  "Check answer" → feedback painted, median  (budget 30 ms)
 *   answer-to-feedback-loopback  the same on loopback, no emulation         (budget 30 ms)
 *   module-page-render    server render time of the module page, median of
 *                         200 requests from a learner part-way through       (budget 20 ms)
 *   answer-to-feedback    submit an answer → feedback on screen in Chromium,
 *                         median over the quiz's questions                   (budget 100 ms)
 *   assessment-page-render-N  server render time of a student's assessment page with N
 *                         events in the attempt's log (N = 10, 100, 1,000), median of 100
 *                         requests                                           (budget 20 ms)
 *   results-page-render   the teacher's results page for 500 submitted attempts on the
 *                         whole-module assignment, median of 20 requests     (budget 150 ms)
 *   results-csv           the marks-per-question CSV for the same, median of 20 (budget 500 ms)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { loadModuleDir } from '../src/lib/content/files.ts';
import { chromiumArgs, chromiumPath } from './chromium.ts';
import {
	AssessmentStudent,
	formHeaders,
	setUpAssessment,
	setUpAssignment
} from './simulated-assessment.ts';
import { HttpClient, seededRng, Stats } from './simulated-student.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4180);
const BASE = `http://127.0.0.1:${PORT}`;
const MODULE = '/modules/fleeing-kazakhs-and-puff-pieces';
/** Every question of the module, as the whole-module assignment asks them. */
const QUESTION_COUNT = loadModuleDir('questions/fleeing-kazakhs-and-puff-pieces').module!.questions
	.length;
const results: { name: string; value: number; unit: string; budget: number }[] = [];

if (!process.argv.includes('--no-build')) {
	const build = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) process.exit(1);
}

const server = spawn('node', ['scripts/start.ts'], {
	env: {
		...process.env,
		PORT: String(PORT),
		ORIGIN: BASE,
		DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'citewise-bench-')), 'bench.sqlite')
	},
	stdio: 'ignore'
});

/** `BENCH_ONLY=feedback,slow npm run bench` runs only those groups (while working on one). */
const only = process.env.BENCH_ONLY?.split(',');
const groups: [string, () => Promise<void>][] = [
	['render', measureRender],
	['slow', measureSlowNetwork],
	['feedback', () => measureFeedback('answer-to-feedback-loopback', false)],
	['feedback', () => measureFeedback('answer-to-feedback-emulated', true)],
	['assessment', measureAssessmentRender],
	['results', measureResults]
];

try {
	await waitForServer();
	for (const [group, measure] of groups) if (!only || only.includes(group)) await measure();
} finally {
	server.kill();
}

let over = 0;
for (const r of results) {
	const ok = r.value <= r.budget;
	if (!ok) over++;
	console.log(
		`${r.name}: ${r.value} ${r.unit} (budget ${r.budget} ${r.unit})${ok ? '' : '  OVER BUDGET'}`
	);
}
process.exit(over ? 1 : 0);

async function waitForServer(): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(BASE)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('server did not start');
}

function launch() {
	return chromium.launch({
		executablePath: chromiumPath,
		args: chromiumArgs
	});
}

/** Render time as the server sees it from a client on loopback, for a learner part-way through. */
async function measureRender(): Promise<void> {
	const start = await fetch(`${BASE}${MODULE}?/start`, {
		method: 'POST',
		headers: {
			origin: BASE,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: '',
		redirect: 'manual'
	});
	const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
	// Answer a few questions so the render replays a real log.
	for (let i = 0; i < 6; i++) {
		const page = await (await fetch(BASE + MODULE, { headers: { cookie } })).text();
		const seq = /name="seq" value="(\d+)"/.exec(page)![1]!;
		const question = /name="question" value="([^"]+)"/.exec(page)?.[1];
		const post = (action: string, body: string) =>
			fetch(`${BASE}${MODULE}?/${action}`, {
				method: 'POST',
				headers: {
					origin: BASE,
					cookie,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body,
				redirect: 'manual'
			});
		if (question) {
			const choice = /name="choice" value="([^"]+)"/.exec(page)?.[1];
			await post(
				'answer',
				`seq=${seq}&question=${question}&${choice ? `choice=${choice}` : 'text=unsure'}`
			);
		} else {
			await post('next', `seq=${seq}`);
		}
	}
	for (let i = 0; i < 20; i++) await (await fetch(BASE + MODULE, { headers: { cookie } })).text();
	const times: number[] = [];
	for (let i = 0; i < 200; i++) {
		const t0 = performance.now();
		await (await fetch(BASE + MODULE, { headers: { cookie } })).text();
		times.push(performance.now() - t0);
	}
	results.push({
		name: 'module-page-render',
		value: round(median(times), 2),
		unit: 'ms',
		budget: 20
	});
}

/** The slow network and slow device the self-study figures are measured on. */
async function emulateSlowDevice(page: import('@playwright/test').Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 150,
		downloadThroughput: (1.6 * 1024 * 1024) / 8,
		uploadThroughput: (750 * 1024) / 8
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** A browser context of a learner who has started practice (so the page opens on a question). */
async function startedLearner(browser: import('@playwright/test').Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(BASE + MODULE);
	await page.getByRole('button', { name: 'Start practice' }).click();
	await page.getByRole('heading', { name: /^Question \d+ of \d+$/ }).waitFor();
	return { context, page };
}

async function gzippedKB(urls: Iterable<string>): Promise<number> {
	let bytes = 0;
	for (const url of urls) {
		bytes += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
	}
	return round(bytes / 1024, 1);
}

/**
 * Opens the module page on the emulated slow network as a learner part-way through, coming back to
 * it: a new tab of the browser (a new context each time) where they started the practice, so the
 * service worker their first visit installed serves the app's scripts and styles from its cache,
 * while the page itself comes over the slow network (the worker fetches pages network first).
 * Reported: the scripts the page loads before the practice panel is interactive (the
 * `practice-interactive` mark) and all of them once the engine is ready and the network idle,
 * gzipped whether or not they came from the cache, and the time to that mark (median of 9 loads).
 * A first visit with nothing cached shows the intro, not a question, and is not measured here.
 */
async function measureSlowNetwork(): Promise<void> {
	const browser = await launch();
	try {
		const times: number[] = [];
		let before = 0;
		let idle = 0;
		for (let i = 0; i < 9; i++) {
			const { context, page } = await startedLearner(browser);
			const fresh = await context.newPage();
			await page.close();
			await emulateSlowDevice(fresh);
			const scripts = new Set<string>();
			fresh.on('response', (response) => {
				if (response.request().resourceType() === 'script') scripts.add(response.url());
			});
			await fresh.goto(BASE + MODULE);
			await fresh.waitForFunction(
				() => performance.getEntriesByName('practice-interactive').length
			);
			const timing = await fresh.evaluate(() => ({
				interactive: performance.getEntriesByName('practice-interactive')[0]!.startTime,
				scripts: performance
					.getEntriesByType('resource')
					.filter(
						(e) =>
							(e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js')
					)
					.map((e) => ({ url: e.name, end: (e as PerformanceResourceTiming).responseEnd }))
			}));
			times.push(timing.interactive);
			await fresh.locator('#practice[data-local="ready"]').waitFor();
			await fresh.waitForLoadState('networkidle');
			if (i === 0) {
				before = await gzippedKB(
					timing.scripts.filter((s) => s.end <= timing.interactive).map((s) => s.url)
				);
				idle = await gzippedKB(scripts);
			}
			await context.close();
		}
		results.push(
			{ name: 'first-question-js-gzip', value: before, unit: 'KB', budget: 45 },
			{ name: 'module-page-js-idle-gzip', value: idle, unit: 'KB', budget: 90 },
			{
				name: 'first-question-interactive',
				value: round(median(times), 0),
				unit: 'ms',
				budget: 1000
			}
		);
	} finally {
		await browser.close();
	}
}

/**
 * Click "Check answer" → the feedback heading is in the DOM and a frame has been painted, with
 * the page's own practice engine ready (as it is once the page is idle), median over 16 answers.
 */
async function measureFeedback(name: string, slow: boolean): Promise<void> {
	const browser = await launch();
	try {
		const { page } = await startedLearner(browser);
		await page.reload();
		if (slow) await emulateSlowDevice(page);
		await page.locator('#practice[data-local="ready"]').waitFor();
		const times: number[] = [];
		for (let i = 0; i < 16; i++) {
			const heading = page.getByRole('heading', { name: /^Question \d+ of \d+$/ });
			await heading.waitFor();
			await fillAnyAnswer(page);
			await page.evaluate(() => {
				const form = document.querySelector<HTMLFormElement>('form.answer-form')!;
				(window as unknown as { measured: Promise<number> }).measured = new Promise((resolve) => {
					form.addEventListener(
						'submit',
						() => {
							const t0 = performance.now();
							const observer = new MutationObserver(() => {
								if (!document.getElementById('feedback')) return;
								observer.disconnect();
								requestAnimationFrame(() => resolve(performance.now() - t0));
							});
							observer.observe(document.body, { childList: true, subtree: true });
						},
						{ capture: true, once: true }
					);
				});
			});
			await page.getByRole('button', { name: 'Check answer' }).click();
			times.push(
				await page.evaluate(() => (window as unknown as { measured: Promise<number> }).measured)
			);
			await page.locator('#feedback').waitFor();
			const next = page.getByRole('button', {
				name: /Next question|Skip to the next question|See your results/
			});
			await next.click();
		}
		results.push({ name, value: round(median(times), 1), unit: 'ms', budget: 30 });
	} finally {
		await browser.close();
	}
}

/** Gives the current question some valid answer, whatever its type (right or wrong is irrelevant). */
async function fillAnyAnswer(page: import('@playwright/test').Page): Promise<void> {
	await page.evaluate(() => {
		const form = document.querySelector<HTMLFormElement>('form.answer-form')!;
		const controls = [...form.elements, ...document.querySelectorAll('[form="answer-form"]')];
		const picked = new Set<string>();
		for (const el of controls) {
			if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
				if (!picked.has(el.name)) el.checked = true;
				picked.add(el.name);
			} else if (el instanceof HTMLInputElement && el.type === 'text') el.value = 'not sure';
			else if (el instanceof HTMLSelectElement)
				el.selectedIndex = Math.min(1, el.options.length - 1);
		}
	});
}

/**
 * A student's assessment page, rendered by the server, as the attempt's log grows: one student
 * joins a teacher's assessment and saves an answer to its first question again and again
 * (each save one `answer.record` event), and at 10, 100 and 1,000 events the page is fetched 100
 * times with their cookie (after 20 unmeasured). The log is replayed when an attempt is first
 * opened; after that the server keeps its actor, so this is what a student waits for on each load.
 */
async function measureAssessmentRender(): Promise<void> {
	const client = new HttpClient(PORT, 30_000);
	try {
		const code = await setUpAssessment(client);
		const form = (cookie?: string) => formHeaders(client, cookie, false);
		const joined = await client.request(
			'POST',
			`/join/${code}?/join`,
			form(),
			'name=Bench+Student'
		);
		const resume = (joined.headers['set-cookie'] ?? [])
			.find((c) => c.startsWith(`cw_join_${code}=`))
			?.split(';', 1)[0];
		if (joined.status !== 303 || !resume) throw new Error(`join answered ${joined.status}`);
		const quiz = `/join/${code}/quiz`;
		await client.request('POST', `${quiz}?/start`, form(resume), '');
		const page = (await client.request('GET', quiz, { cookie: resume })).body;
		let seq = Number(/name="seq" value="(\d+)"/.exec(page)![1]);
		const question = /name="question" value="([^"]+)"/.exec(page)![1]!;
		for (const events of [10, 100, 1000]) {
			while (seq < events) {
				const saved = await client.request(
					'POST',
					`${quiz}?/answer`,
					form(resume),
					new URLSearchParams({
						seq: String(seq),
						question,
						text: `answer ${seq % 2}`,
						then: 'stay'
					}).toString()
				);
				if (saved.status !== 303) throw new Error(`saving answered ${saved.status}`);
				seq++;
			}
			const shown = (await client.request('GET', quiz, { cookie: resume })).body;
			if (!shown.includes(`name="seq" value="${events}"`)) {
				throw new Error(`the page does not show step ${events}`);
			}
			for (let i = 0; i < 20; i++) await client.request('GET', quiz, { cookie: resume });
			const times: number[] = [];
			for (let i = 0; i < 100; i++) {
				const t0 = performance.now();
				const res = await client.request('GET', quiz, { cookie: resume });
				times.push(performance.now() - t0);
				if (res.status !== 200) throw new Error(`the page answered ${res.status}`);
			}
			results.push({
				name: `assessment-page-render-${events}`,
				value: round(median(times), 2),
				unit: 'ms',
				budget: 20
			});
		}
	} finally {
		client.close();
	}
}

/**
 * A class of 500 takes the whole module (every question) as an assessment through the requests a
 * browser makes (16 at a time, no pauses: setting up, not measured), all submitted; then the
 * teacher's results page and the marks CSV are each fetched 20 times (after 3 unmeasured).
 */
async function measureResults(): Promise<void> {
	const client = new HttpClient(PORT, 60_000);
	try {
		const { code, cookie, assignmentPath } = await setUpAssignment(client, 'all');
		const stats = new Stats();
		const rng = seededRng(7);
		let next = 0;
		const students: AssessmentStudent[] = [];
		const t0 = performance.now();
		await Promise.all(
			Array.from({ length: 16 }, async () => {
				while (next < 500) {
					next++;
					const student = new AssessmentStudent({
						client,
						stats,
						rng: seededRng(Math.floor(rng() * 2 ** 32)),
						code,
						thinkMs: [0, 0],
						recoverMs: 10_000,
						restart: false
					});
					students.push(student);
					await student.run(performance.now() + 120_000);
				}
			})
		);
		const submitted = students.filter((s) => s.state?.assessment?.status === 'submitted').length;
		if (submitted !== 500 || stats.errorCount) {
			throw new Error(`results: ${submitted} of 500 submitted; errors ${stats.errorSummary()}`);
		}
		console.log(
			`(results: 500 students took ${QUESTION_COUNT} questions and submitted in ${round((performance.now() - t0) / 1000, 1)} s)`
		);
		for (const [name, path, budget] of [
			['results-page-render', `${assignmentPath}/results`, 150],
			['results-csv', `${assignmentPath}/results/marks.csv`, 500]
		] as const) {
			const times: number[] = [];
			for (let i = 0; i < 23; i++) {
				const t = performance.now();
				const res = await client.request('GET', path, { cookie });
				if (i >= 3) times.push(performance.now() - t);
				if (res.status !== 200 || !res.body.includes(`Q${QUESTION_COUNT}`)) {
					throw new Error(`${path} answered ${res.status}`);
				}
			}
			results.push({ name, value: round(median(times), 1), unit: 'ms', budget });
		}
	} finally {
		client.close();
	}
}

function median(values: number[]): number {
	const sorted = values.slice().sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(n: number, digits: number): number {
	return Math.round(n * 10 ** digits) / 10 ** digits;
}
