/**
 * `npm run bench`: builds the app, serves it on a local port with a fresh database, and measures
 * the budgets from the foundation issue. One line per figure: `name: value unit (budget B)`.
 * Exits non-zero when a figure is over its budget.
 *
 *   module-page-js-gzip   gzipped JavaScript the module page loads first     (budget 60 KB)
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

try {
	await waitForServer();
	await measureJavaScript();
	await measureRender();
	await measureFeedback();
	await measureAssessmentRender();
	await measureResults();
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

/**
 * Every script Chromium fetches to load the module page (entry, its imports, the route's
 * nodes), until the network is idle, gzipped at level 9 as a server would send them.
 */
async function measureJavaScript(): Promise<void> {
	const browser = await launch();
	try {
		const page = await browser.newPage();
		const scripts = new Set<string>();
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script') scripts.add(response.url());
		});
		await page.goto(BASE + MODULE, { waitUntil: 'networkidle' });
		let bytes = 0;
		for (const url of scripts) {
			bytes += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
		}
		results.push({
			name: 'module-page-js-gzip',
			value: round(bytes / 1024, 1),
			unit: 'KB',
			budget: 60
		});
		console.log(`(${scripts.size} scripts)`);
	} finally {
		await browser.close();
	}
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

/** Click "Check answer" → the feedback heading is in the DOM and a frame has been painted. */
async function measureFeedback(): Promise<void> {
	const browser = await launch();
	try {
		const page = await browser.newPage();
		await page.goto(BASE + MODULE);
		await page.getByRole('button', { name: 'Start practice' }).click();
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
		results.push({
			name: 'answer-to-feedback',
			value: round(median(times), 1),
			unit: 'ms',
			budget: 100
		});
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
