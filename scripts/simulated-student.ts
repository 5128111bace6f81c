/**
 * What `bench:load` and `bench:crash` share: a simulated student, the built server as a child
 * process, and the checks run on the SQLite file afterwards.
 *
 * A simulated student makes the HTTP requests a browser with JavaScript makes on the practice
 * page, no more: an enhanced form post (`POST /modules/<slug>?/answer` with `accept:
 * application/json` and `x-sveltekit-action: true`), then whatever SvelteKit's `enhance` would do
 * with the result. A `redirect` (or a `success` without the quiz in it) makes the browser reload
 * the page's data, `GET /modules/<slug>/__data.json?x-sveltekit-invalidated=…`; a result that
 * carries the new view (`data.view` or `data.state.view`) is used as is. So the simulator keeps
 * working, and keeps measuring what a learner waits for, whichever way the server answers.
 *
 * The generator shares a 2-core machine with the server, so it is kept cheap: `node:http` with a
 * keep-alive agent, one process, no per-request work beyond parsing the response it needs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parse as parseDevalue, unflatten } from 'devalue';
import type { PublicQuestion } from '../src/lib/quiz/questions.ts';
import type { QuizView } from '../src/lib/quiz/view.ts';
import { seededRandom } from '../src/lib/quiz/random.ts';

export const SLUG = 'fleeing-kazakhs-and-puff-pieces';
export const MODULE_PATH = `/modules/${SLUG}`;
/** The learner cookie (src/lib/server/learner.ts); its value is `learner_id` in the database. */
export const LEARNER_COOKIE = 'cw_learner';
/** The repository root: the server is started from here, as `npm start` would. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const COOKIE_VALUE = new RegExp(`^${LEARNER_COOKIE}=([^;]+)`);

/** Upper bound on a student's steps in one run, so no loop can run away. */
const MAX_STEPS = 100_000;

// ---------------------------------------------------------------------------------------------
// Seeded randomness, so a run can be repeated (the interleaving of requests cannot, of course).

export type Rng = () => number;

/** The quiz core's own seeded generator (mulberry32): good enough for think times and answers. */
export const seededRng: (seed: number) => Rng = seededRandom;

/** A seed for a child generator, so each student's choices do not depend on the others'. */
export function childSeed(rng: Rng): number {
	return Math.floor(rng() * 4294967296);
}

export function between(rng: Rng, [low, high]: readonly [number, number]): number {
	return low + (high - low) * rng();
}

function pick<T>(rng: Rng, items: readonly T[]): T {
	const item = items[Math.floor(rng() * items.length)];
	if (item === undefined) throw new Error('nothing to pick from');
	return item;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
	const copy = items.slice();
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[copy[i], copy[j]] = [copy[j]!, copy[i]!];
	}
	return copy;
}

// ---------------------------------------------------------------------------------------------
// HTTP on loopback.

export interface HttpResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A request that did not get a whole response: refused, reset, or out of time. */
export class NetworkError extends Error {
	readonly kind: string;
	/** Failed on a kept-alive connection before any of the response came back. */
	readonly staleConnection: boolean;
	constructor(kind: string, message: string, staleConnection = false) {
		super(message);
		this.kind = kind;
		this.staleConnection = staleConnection;
	}
}

/**
 * One keep-alive connection pool to the server, like a browser's. The agent honours the server's
 * `Keep-Alive: timeout=5` and drops idle sockets before the server closes them, so a student's
 * pause of a few seconds does not usually turn into a reset on a stale socket.
 */
export class HttpClient {
	readonly port: number;
	readonly origin: string;
	readonly timeoutMs: number;
	/** Requests sent again after a kept-alive connection turned out closed (see `request`). */
	staleRetries = 0;
	private readonly agent: http.Agent;

	constructor(port: number, timeoutMs: number) {
		this.port = port;
		this.origin = `http://127.0.0.1:${port}`;
		this.timeoutMs = timeoutMs;
		this.agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1024 });
	}

	/**
	 * Sends a request; resolves with the whole response, or rejects with a NetworkError. Like a
	 * browser (Chromium's ShouldResendRequest), a request that fails on a reused connection before
	 * any response arrives is sent again on another: the server closed that idle connection as
	 * the request went out (its keep-alive timer fires late when its event loop is busy). It is
	 * safe for posts too, since each carries its `seq`. The retry's time is in the latency.
	 */
	async request(
		method: 'GET' | 'POST',
		path: string,
		headers: http.OutgoingHttpHeaders,
		body?: string
	): Promise<HttpResponse> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.once(method, path, headers, body);
			} catch (e) {
				if (!(e instanceof NetworkError && e.staleConnection) || attempt >= 2) throw e;
				this.staleRetries++;
			}
		}
	}

	private once(
		method: string,
		path: string,
		headers: http.OutgoingHttpHeaders,
		body: string | undefined
	): Promise<HttpResponse> {
		return new Promise((resolve, reject) => {
			let settled = false;
			let responded = false;
			const fail = (e: Error) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				if (e instanceof NetworkError) return reject(e);
				const code = (e as NodeJS.ErrnoException).code ?? 'error';
				const stale = req.reusedSocket && !responded && (code === 'ECONNRESET' || code === 'EPIPE');
				reject(new NetworkError(code, e.message, stale));
			};
			const req = http.request(
				{
					host: '127.0.0.1',
					port: this.port,
					method,
					path,
					agent: this.agent,
					headers:
						body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) }
				},
				(res) => {
					responded = true;
					let text = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => (text += chunk));
					res.on('error', fail);
					res.on('close', () => {
						if (!res.complete) fail(new NetworkError('aborted', 'response cut short'));
					});
					res.on('end', () => {
						if (settled) return;
						settled = true;
						clearTimeout(timer);
						resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
					});
				}
			);
			const timer = setTimeout(
				() => req.destroy(new NetworkError('timeout', `no response in ${this.timeoutMs} ms`)),
				this.timeoutMs
			);
			req.on('error', fail);
			req.end(body);
		});
	}

	close(): void {
		this.agent.destroy();
	}
}

// ---------------------------------------------------------------------------------------------
// What SvelteKit sends back.

export type ActionResult =
	| { type: 'redirect'; status: number; location: string }
	| { type: 'success' | 'failure'; status: number; data: unknown }
	| { type: 'error'; status: number };

/** An enhanced form post's JSON result, with `data` decoded; undefined if it is not one. */
export function actionResult(res: HttpResponse): ActionResult | undefined {
	if (!String(res.headers['content-type']).startsWith('application/json')) return undefined;
	let json: { type?: unknown; status?: unknown; location?: unknown; data?: unknown };
	try {
		json = JSON.parse(res.body);
	} catch {
		return undefined;
	}
	const status = typeof json.status === 'number' ? json.status : res.status;
	switch (json.type) {
		case 'redirect':
			return { type: 'redirect', status, location: String(json.location) };
		case 'success':
		case 'failure':
			// `data` is devalue.stringify output (a string), as `deserialize` in $app/forms expects.
			return {
				type: json.type,
				status,
				data: typeof json.data === 'string' ? parseDevalue(json.data) : json.data
			};
		case 'error':
			return { type: 'error', status: res.status };
		default:
			return undefined;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function isView(value: unknown): value is QuizView {
	return isRecord(value) && typeof value.status === 'string' && typeof value.seq === 'number';
}

/**
 * The quiz view in page data or in an action's data: `view` at the top, or one level down
 * (`state.view`), whichever the app uses.
 */
export function findView(data: unknown): QuizView | undefined {
	if (!isRecord(data)) return undefined;
	if (isView(data.view)) return data.view;
	for (const value of Object.values(data)) {
		if (isRecord(value) && isView(value.view)) return value.view;
	}
	return undefined;
}

/**
 * The view in a `__data.json` response: the first line (later lines only carry streamed
 * promises), its route nodes from the page back to the root layout, each `data` a devalue
 * `flatten` array. Nodes are decoded only until the view is found: the others can be large.
 */
export function viewFromPageData(body: string): QuizView | undefined {
	const newline = body.indexOf('\n');
	const first = JSON.parse(newline < 0 ? body : body.slice(0, newline)) as {
		type?: string;
		nodes?: ({ type?: string; data?: unknown } | null)[];
	};
	if (first.type !== 'data' || !first.nodes) return undefined;
	for (let i = first.nodes.length - 1; i >= 0; i--) {
		const node = first.nodes[i];
		if (node?.type !== 'data' || !Array.isArray(node.data)) continue;
		const view = findView(unflatten(node.data));
		if (view) return view;
	}
	return undefined;
}

/** GET `__data.json` as the browser does to reload the page's data, and the view in it. */
export async function fetchView(
	client: HttpClient,
	invalidated: string,
	learner: string | undefined
): Promise<{ res: HttpResponse; view: QuizView | undefined }> {
	const res = await client.request(
		'GET',
		`${MODULE_PATH}/__data.json?x-sveltekit-invalidated=${invalidated}`,
		learner ? { cookie: `${LEARNER_COOKIE}=${learner}` } : {}
	);
	let view: QuizView | undefined;
	if (res.status === 200) {
		try {
			view = viewFromPageData(res.body);
		} catch {
			view = undefined;
		}
	}
	return { res, view };
}

/**
 * `x-sveltekit-invalidated` as `invalidateAll()` sends it: '1' for every route node with a
 * server load, '0' for the others. Read from a `__data.json` asked for without the parameter
 * (the server then runs every node, and a node without a server load comes back as null), so it
 * follows the app when someone adds or removes a `+layout.server.ts`.
 */
export async function invalidationMask(client: HttpClient): Promise<string> {
	const res = await client.request('GET', `${MODULE_PATH}/__data.json`, {});
	if (res.status !== 200) throw new Error(`__data.json answered ${res.status}`);
	const { nodes } = JSON.parse(res.body.split('\n', 1)[0]!) as { nodes: unknown[] };
	return nodes.map((node) => (node === null ? '0' : '1')).join('');
}

// ---------------------------------------------------------------------------------------------
// Answers: some valid answer for each question type, from the public question alone.

/**
 * Form fields for a valid answer, right or wrong. Names as the components post them
 * (src/lib/components/questions/*.svelte, FIELD in src/lib/quiz/questions.ts): radios and
 * checkboxes `choice`, the short answer `text`, ordering with JavaScript one hidden `order` per
 * item in the chosen order, matching a `match-<item>` select per item, two-part `choice` and
 * `part-b`, evidence a radio `evidence` in the article (a paragraph "12" or sentence "12.3").
 */
export function answerFields(question: PublicQuestion, rng: Rng): [string, string][] {
	switch (question.type) {
		case 'single-choice':
			return [['choice', pick(rng, question.choices).id]];
		case 'multiple-choice': {
			const some = shuffled(rng, question.choices).slice(
				0,
				1 + Math.floor(rng() * question.choices.length)
			);
			return some.map((c) => ['choice', c.id]);
		}
		case 'true-false-not-stated':
			return [['choice', pick(rng, ['true', 'false', 'not-stated'])]];
		case 'short-answer':
			return [['text', pick(rng, ['not sure', 'the ministry', 'Xinjiang', 'about 2,000'])]];
		case 'ordering':
			return shuffled(rng, question.items).map((item) => ['order', item.id]);
		case 'matching':
			return question.items.map((item) => [`match-${item.id}`, pick(rng, question.options).id]);
		case 'evidence':
			return [['evidence', pick(rng, question.options)]];
		case 'two-part':
			return [
				['choice', pick(rng, question.choices).id],
				['part-b', pick(rng, question.partB.choices).id]
			];
		default: {
			const unknown: never = question;
			throw new Error(`no answer for question type ${(unknown as { type: string }).type}`);
		}
	}
}

/** What a resumed page must show again: the step, and what is on screen at that step. */
export function viewSignature(view: QuizView): string {
	switch (view.status) {
		case 'answering':
			return `answering seq ${view.seq} ${view.question.id} try ${view.tryNumber}`;
		case 'feedback':
			return `feedback seq ${view.seq} ${view.question.id} ${view.result}`;
		default:
			return `${view.status} seq ${view.seq}`;
	}
}

// ---------------------------------------------------------------------------------------------
// Students.

/** Everything measured in one run, across its students. */
export class Stats {
	/** Answer POST sent → feedback view in hand, ms, one per acknowledged answer. */
	readonly latencies: number[] = [];
	/** Acknowledged answers per learner id; every learner a student got is here, even with 0. */
	readonly acknowledged = new Map<string, number>();
	/** Failed requests by kind: `failure 409`, `http 503`, `network ECONNREFUSED`, `timeout`… */
	readonly errors = new Map<string, number>();
	requests = 0;
	bytesReceived = 0;
	dataFetches = 0;
	dataBytes = 0;

	get answers(): number {
		let sum = 0;
		for (const n of this.acknowledged.values()) sum += n;
		return sum;
	}

	get errorCount(): number {
		let sum = 0;
		for (const n of this.errors.values()) sum += n;
		return sum;
	}

	error(kind: string): void {
		this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
	}

	errorSummary(): string {
		return [...this.errors]
			.sort((a, b) => b[1] - a[1])
			.map(([kind, n]) => `${kind} ×${n}`)
			.join(', ');
	}
}

export interface StudentOptions {
	client: HttpClient;
	stats: Stats;
	rng: Rng;
	/** `x-sveltekit-invalidated` for a reload of the page's data (see invalidationMask). */
	invalidated: string;
	/** Pause before each answer, ms (reading the question). */
	thinkMs: readonly [number, number];
	/** After a failed request: how long to keep trying to read the quiz again, ms. */
	recoverMs: number;
	/** Practise again after the summary; otherwise the student leaves. */
	restart: boolean;
}

export class Student {
	readonly options: StudentOptions;
	/** From the `cw_learner` cookie the server set. */
	learner: string | undefined;
	/** The quiz as this student last saw it; undefined after a failure until read again. */
	view: QuizView | undefined;
	/** Why the student stopped early, if it did. */
	gaveUp: string | undefined;
	/** Consecutive refusals that call for waiting (429, 5xx), for back-off. */
	private refusals = 0;

	constructor(options: StudentOptions) {
		this.options = options;
	}

	/**
	 * Start (or continue) practice, then answer until `deadline`; a step under way finishes. The
	 * student ends knowing where the quiz is (read again after a failure), unless it gave up.
	 */
	async run(deadline: number): Promise<void> {
		await this.play(deadline);
		if (!this.view && !this.gaveUp && !(await this.recover())) {
			this.gaveUp = 'could not read the quiz again';
		}
	}

	private async play(deadline: number): Promise<void> {
		const { rng, thinkMs, restart } = this.options;
		await this.act('start', []);
		for (let step = 0; step < MAX_STEPS && performance.now() < deadline; step++) {
			if (this.gaveUp) return;
			if (this.refusals) {
				const backOff = Math.min(8000, 500 * 2 ** this.refusals) * (0.5 + rng());
				await sleep(Math.max(0, Math.min(backOff, deadline - performance.now())));
				if (performance.now() >= deadline) break;
			}
			const view = this.view ?? (await this.recover());
			if (!view) {
				this.gaveUp = 'could not read the quiz again';
				return;
			}
			switch (view.status) {
				case 'intro':
					await this.act('start', []);
					break;
				case 'answering':
					// The pause ends at the deadline at the latest: no answer is sent after it.
					await sleep(Math.max(0, Math.min(between(rng, thinkMs), deadline - performance.now())));
					if (performance.now() >= deadline) return;
					await this.answer(view);
					break;
				case 'feedback':
					await this.act(this.afterFeedback(view), [['seq', String(view.seq)]]);
					break;
				case 'summary':
					if (!restart) return;
					await this.act('restart', []);
					break;
			}
		}
	}

	private async answer(view: Extract<QuizView, { status: 'answering' }>): Promise<void> {
		const { stats, rng } = this.options;
		let fields: [string, string][];
		try {
			fields = [
				['seq', String(view.seq)],
				['question', view.question.id],
				...answerFields(view.question, rng)
			];
		} catch (e) {
			stats.error((e as Error).message);
			this.gaveUp = (e as Error).message;
			return;
		}
		const t0 = performance.now();
		if (!(await this.act('answer', fields))) return;
		if (!this.learner) {
			stats.error('answer accepted without a learner cookie');
			return;
		}
		stats.acknowledged.set(this.learner, (stats.acknowledged.get(this.learner) ?? 0) + 1);
		// Only when the feedback is on screen; if the reload failed, the error is counted instead.
		if (this.view) stats.latencies.push(performance.now() - t0);
	}

	/** Mostly "next"; sometimes another try, or the answer shown, as the feedback allows. */
	private afterFeedback(view: Extract<QuizView, { status: 'feedback' }>): string {
		const r = this.options.rng();
		if (view.result === 'retry' && r < 0.5) return 'retry';
		if (view.result === 'exhausted' && r < 0.5) return 'reveal';
		return 'next';
	}

	/**
	 * One enhanced form post, and then what the browser does with the result. Returns whether the
	 * server accepted it (redirect or success); afterwards `view` is the quiz as the server says
	 * it is now, or undefined if that could not be read.
	 */
	private async act(action: string, fields: [string, string][]): Promise<boolean> {
		const { client, stats } = this.options;
		let res: HttpResponse;
		try {
			res = await client.request(
				'POST',
				`${MODULE_PATH}?/${action}`,
				{
					origin: client.origin,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					...this.cookieHeader()
				},
				new URLSearchParams(fields).toString()
			);
		} catch (e) {
			this.failed(e);
			return false;
		}
		this.received(res);
		const result = actionResult(res);
		const accepted = result?.type === 'redirect' || result?.type === 'success';
		if (accepted) {
			this.refusals = 0;
		} else {
			stats.error(
				result?.type === 'failure' ? `failure ${result.status}` : `http ${res.status} ${action}`
			);
			if (res.status === 429 || res.status >= 500 || result?.status === 429) this.refusals++;
		}
		// A result that carries the quiz is used as is; otherwise the browser reloads the data
		// (after a redirect or a success, `enhance` invalidates all; after a 409 the page does).
		this.view = result && 'data' in result ? findView(result.data) : undefined;
		if (!this.view && result?.type !== 'error') await this.reload();
		return accepted;
	}

	/** Reads the quiz again: the page's data, as `invalidateAll()` fetches it. */
	async reload(): Promise<QuizView | undefined> {
		const { client, stats, invalidated } = this.options;
		let res: HttpResponse;
		let view: QuizView | undefined;
		try {
			({ res, view } = await fetchView(client, invalidated, this.learner));
		} catch (e) {
			this.failed(e);
			return undefined;
		}
		this.received(res);
		stats.dataFetches++;
		stats.dataBytes += res.body.length;
		if (res.status !== 200) stats.error(`http ${res.status} __data.json`);
		else if (!view) stats.error('no view in __data.json');
		this.view = view;
		return view;
	}

	/** After a failure: read the quiz again, backing off, until the server answers or time's up. */
	private async recover(): Promise<QuizView | undefined> {
		const until = performance.now() + this.options.recoverMs;
		for (let i = 0, wait = 100; i < 200 && performance.now() < until; i++) {
			await sleep(wait * (0.5 + this.options.rng()));
			wait = Math.min(wait * 2, 2000);
			const view = await this.reload();
			if (view) return view;
		}
		return undefined;
	}

	private cookieHeader(): { cookie?: string } {
		return this.learner ? { cookie: `${LEARNER_COOKIE}=${this.learner}` } : {};
	}

	private received(res: HttpResponse): void {
		const { stats } = this.options;
		stats.requests++;
		stats.bytesReceived += res.body.length;
		for (const line of res.headers['set-cookie'] ?? []) {
			const match = COOKIE_VALUE.exec(line);
			if (match) {
				this.learner = match[1]!;
				if (!stats.acknowledged.has(this.learner)) stats.acknowledged.set(this.learner, 0);
			}
		}
	}

	private failed(e: unknown): void {
		this.options.stats.requests++;
		this.options.stats.error(e instanceof NetworkError ? `network ${e.kind}` : String(e));
		this.view = undefined;
	}
}

/**
 * Plays one learner for a couple of seconds without pauses and returns the invalidation mask.
 * This loads the server's route code and warms its JIT before anything is measured, and fails
 * loudly if the simulator cannot play at all (a changed form, a broken build).
 */
export async function warmUp(client: HttpClient, durationMs = 2000): Promise<string> {
	const invalidated = await invalidationMask(client);
	const stats = new Stats();
	const student = new Student({
		client,
		stats,
		rng: seededRng(1),
		invalidated,
		thinkMs: [0, 0],
		recoverMs: 0,
		restart: true
	});
	await student.run(performance.now() + durationMs);
	if (stats.answers === 0 || stats.errorCount) {
		throw new Error(
			`warm-up: ${stats.answers} answers, errors: ${stats.errorSummary() || 'none'}` +
				(student.gaveUp ? `, stopped: ${student.gaveUp}` : '')
		);
	}
	return invalidated;
}

// ---------------------------------------------------------------------------------------------
// The server under test.

/** `vite build`, as `npm run bench` does, unless `--no-build`. */
export function buildUnlessSkipped(): void {
	if (process.argv.includes('--no-build')) return;
	const build = spawnSync('npx', ['vite', 'build'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (build.status !== 0) process.exit(1);
}

/** A free port on loopback (the OS picks; we release it for the server). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

const running = new Set<ChildProcess>();
// A bench that throws or is interrupted must not leave a server behind.
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});
process.once('SIGINT', () => process.exit(130));

/** `node scripts/start.ts` on 127.0.0.1:port with its own database file. */
export class AppServer {
	readonly port: number;
	readonly dbPath: string;
	child: ChildProcess | undefined;
	/** The server's last lines of output (it logs 5xx on stderr), for when something goes wrong. */
	readonly log: string[] = [];
	/** Exits nobody asked for (a crash, the OOM killer): "code 1" or "signal SIGKILL". */
	readonly unexpectedExits: string[] = [];
	private stopping = false;

	constructor(port: number, dbPath: string) {
		this.port = port;
		this.dbPath = dbPath;
	}

	/** Starts the server and waits until it listens (at most `timeoutMs`). */
	async start(timeoutMs = 60_000): Promise<void> {
		const child = spawn(
			process.execPath,
			[
				...(process.env.BENCH_SERVER_PROFILE
					? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_SERVER_PROFILE]
					: []),
				'scripts/start.ts'
			],
			{
				cwd: ROOT,
				env: {
					...process.env,
					HOST: '127.0.0.1',
					PORT: String(this.port),
					ORIGIN: `http://127.0.0.1:${this.port}`,
					DATABASE_PATH: this.dbPath
				},
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		this.child = child;
		this.stopping = false;
		running.add(child);
		child.on('exit', (code, signal) => {
			running.delete(child);
			if (!this.stopping) this.unexpectedExits.push(signal ? `signal ${signal}` : `code ${code}`);
		});
		for (const stream of [child.stdout!, child.stderr!]) {
			stream.setEncoding('utf8');
			stream.on('data', (text: string) => {
				this.log.push(...text.split('\n').filter(Boolean));
				this.log.splice(0, Math.max(0, this.log.length - 40));
			});
		}
		const until = performance.now() + timeoutMs;
		while (performance.now() < until) {
			if (child.exitCode !== null) break;
			if (await listening(this.port)) return;
			await sleep(50);
		}
		throw new Error(`server did not start on port ${this.port}:\n${this.log.join('\n')}`);
	}

	/** Sends `signal` and waits for the process to end (SIGKILL after `timeoutMs`). */
	async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		this.stopping = true;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill(signal);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		await exited;
		clearTimeout(timer);
	}

	/** CPU seconds the server process has used so far (Linux /proc), or NaN elsewhere. */
	cpuSeconds(): number {
		try {
			const stat = readFileSync(`/proc/${this.child!.pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return (Number(fields[11]) + Number(fields[12])) / clockTicks();
		} catch {
			return NaN;
		}
	}
}

let ticks: number | undefined;
function clockTicks(): number {
	ticks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
	return ticks;
}

/**
 * Whether something accepts connections on the port. adapter-node listens only once the app is
 * loaded, so this is "restarted"; whether it serves is for the requests that follow (a probe
 * request would queue behind every student coming back at once and time the queue, not the
 * restart).
 */
function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.setTimeout(2000, () => socket.destroy());
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
		socket.once('close', () => resolve(false));
	});
}

// ---------------------------------------------------------------------------------------------
// The database afterwards (the server stopped), read-only.

/** A fresh database file in its own temporary directory; removed unless `--keep-db`. */
export function tempDatabase(name: string): { path: string; dispose(): void } {
	const dir = mkdtempSync(join(tmpdir(), `citewise-${name}-`));
	const path = join(dir, `${name}.sqlite`);
	return {
		path,
		dispose() {
			if (process.argv.includes('--keep-db')) console.log(`(database kept: ${path})`);
			else rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** `answer.submit` events stored per learner id, over all their attempts. */
export function storedAnswers(dbPath: string): Map<string, number> {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const rows = db
			.prepare(
				`SELECT a.learner_id AS learner, COUNT(e.seq) AS answers
				 FROM practice_attempts a
				 JOIN attempt_events e ON e.attempt_id = a.id
				 WHERE json_extract(e.event, '$.type') = 'answer.submit'
				 GROUP BY a.learner_id`
			)
			.all() as { learner: string; answers: number }[];
		return new Map(rows.map((r) => [r.learner, r.answers]));
	} finally {
		db.close();
	}
}

export interface Loss {
	acknowledged: number;
	/** Answers stored for the students' learners. */
	stored: number;
	/** Acknowledged but not stored: per learner, the shortfall; summed. */
	lost: number;
	/** Stored but never acknowledged (the response was lost, e.g. the server died first). */
	unacknowledged: number;
}

/** Compares what each learner was told was saved with what is in the database. */
export function compareWithDatabase(acknowledged: Map<string, number>, dbPath: string): Loss {
	const stored = storedAnswers(dbPath);
	const loss: Loss = { acknowledged: 0, stored: 0, lost: 0, unacknowledged: 0 };
	for (const [learner, acked] of acknowledged) {
		const kept = stored.get(learner) ?? 0;
		loss.acknowledged += acked;
		loss.stored += kept;
		loss.lost += Math.max(0, acked - kept);
		loss.unacknowledged += Math.max(0, kept - acked);
	}
	return loss;
}

export interface Integrity {
	/** PRAGMA integrity_check, its rows joined ("ok" when sound). */
	check: string;
	foreignKeyProblems: number;
	attempts: number;
	events: number;
	/** Attempts whose events are not exactly seq 0..n-1 (or that have none). */
	attemptsWithGaps: number;
}

export function checkIntegrity(dbPath: string): Integrity {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const check = (db.pragma('integrity_check') as { integrity_check: string }[])
			.map((r) => r.integrity_check)
			.join('; ');
		const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
		const counts = db
			.prepare(
				`SELECT (SELECT COUNT(*) FROM practice_attempts) AS attempts,
				        (SELECT COUNT(*) FROM attempt_events) AS events`
			)
			.get() as { attempts: number; events: number };
		// seq is part of the primary key, so no duplicates: count = max + 1 and min = 0 is gap-free.
		const gaps = db
			.prepare(
				`SELECT COUNT(*) AS n FROM (
				   SELECT a.id, COUNT(e.seq) AS n, MIN(e.seq) AS lo, MAX(e.seq) AS hi
				   FROM practice_attempts a LEFT JOIN attempt_events e ON e.attempt_id = a.id
				   GROUP BY a.id
				   HAVING n = 0 OR lo <> 0 OR hi <> n - 1
				 )`
			)
			.get() as { n: number };
		return { check, foreignKeyProblems, ...counts, attemptsWithGaps: gaps.n };
	} finally {
		db.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Figures.

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function round(n: number, digits = 1): number {
	return Math.round(n * 10 ** digits) / 10 ** digits;
}

/** A number option: `--name=value`, else the environment variable, else the default. */
export function option(name: string, env: string, fallback: number): number {
	const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
	const raw = flag ? flag.slice(name.length + 3) : process.env[env];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`);
	return value;
}
