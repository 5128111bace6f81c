/**
 * The assessment flow for `bench:load` and `bench:crash`: a teacher's assignment set up through
 * the teacher pages, and simulated students who join it by code and take it through the requests
 * a browser with JavaScript makes (see simulated-student.ts for the practice flow and the shared
 * parts).
 *
 * A student joins (`POST /join/CODE?/join`, enhanced: a redirect, then the quiz page's
 * `__data.json`), starts (`?/start`, whose result carries the state), answers every question in
 * order with "Save and next" (`?/answer` with `then=next`; the result carries the next question),
 * saves the last one with "Save and review" (a redirect, then `__data.json`), changes that last
 * answer once, as students do before handing in, and submits (`?/submit`). With 19 questions that
 * is 20 answers an attempt. Then, when the run wants it, the next attempt (attempts are unlimited).
 *
 * What "lost" means here: an answer the server acknowledged whose question has no `answer.record`
 * event in that attempt's log afterwards. Answers are counted per (student, attempt, question),
 * so an answer sent again after a crash (the server may have stored it before dying) is neither
 * lost nor counted twice.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { unflatten } from 'devalue';
import { loadModuleDir } from '../src/lib/content/files.ts';
import type { PublicQuestion } from '../src/lib/quiz/questions.ts';
import type { AssessmentView } from '../src/lib/quiz/view.ts';
import {
	actionResult,
	answerFields,
	between,
	type HttpClient,
	type HttpResponse,
	type Loss,
	NetworkError,
	type Rng,
	SLUG,
	type Stats
} from './simulated-student.ts';

/** Two lessons of the module; with one answer changed, one more answer than questions. */
export const ASSESSMENT_LESSONS = ['releases-and-public-interest', 'families-across-the-border'];

/** How many questions the assessment asks, counted from the module (content may grow). */
export function assessmentQuestionCount(): number {
	const module = loadModuleDir('questions/fleeing-kazakhs-and-puff-pieces').module!;
	return module.lessons
		.filter((l) => ASSESSMENT_LESSONS.includes(l.id))
		.reduce((sum, l) => sum + l.questions.length, 0);
}

/** Every lesson of the module: every question. */
const ALL_LESSONS = [
	'the-announcement',
	'kazinform-press-tour',
	'releases-and-public-interest',
	'families-across-the-border',
	'allowing-or-fleeing'
];

const MAX_STEPS = 100_000;

/** The part of the quiz page's state a student acts on (src/routes/join/[code]/quiz). */
export interface StudentState {
	attempt: { number: number; finished: boolean; overdue: boolean } | null;
	canStart: boolean;
	assessment: AssessmentView | null;
}

/** A form post's headers: as a browser sends it plainly, or as `use:enhance` does. */
export function formHeaders(client: HttpClient, cookie: string | undefined, enhanced: boolean) {
	return {
		origin: client.origin,
		'content-type': 'application/x-www-form-urlencoded',
		...(enhanced
			? { accept: 'application/json', 'x-sveltekit-action': 'true' }
			: { accept: 'text/html' }),
		...(cookie ? { cookie } : {})
	};
}

function cookieFrom(res: HttpResponse, name: string): string | undefined {
	for (const line of res.headers['set-cookie'] ?? []) {
		if (line.startsWith(`${name}=`)) return line.slice(name.length + 1).split(';', 1)[0];
	}
	return undefined;
}

/**
 * A teacher signs up, creates a class and assigns the two lessons as an assessment with unlimited
 * attempts, all through the teacher pages' forms. Returns the join code.
 */
export async function setUpAssessment(client: HttpClient): Promise<string> {
	return (await setUpAssignment(client, ASSESSMENT_LESSONS)).code;
}

export interface SetUp {
	code: string;
	/** The teacher's session cookie, `cw_session=…`. */
	cookie: string;
	/** `/teacher/assignments/<id>`. */
	assignmentPath: string;
}

/** The same, for the given lessons (all of the module's, if `all`). */
export async function setUpAssignment(
	client: HttpClient,
	lessons: readonly string[] | 'all'
): Promise<SetUp> {
	const post = async (path: string, fields: [string, string][], cookie?: string) => {
		const res = await client.request(
			'POST',
			path,
			formHeaders(client, cookie, false),
			new URLSearchParams(fields).toString()
		);
		if (res.status !== 303) throw new Error(`setup: POST ${path} answered ${res.status}`);
		return res;
	};
	const signUp = await post('/teacher/signup', [
		['name', 'Bench Teacher'],
		['email', `bench-${Date.now()}@example.org`],
		['password', 'a bench password of some length']
	]);
	const session = cookieFrom(signUp, 'cw_session');
	if (!session) throw new Error('setup: no session cookie after signing up');
	const cookie = `cw_session=${session}`;
	const created = await post('/teacher?/create', [['name', 'Bench class']], cookie);
	const classPath = String(created.headers.location);
	const assigned = await post(
		`${classPath}/assign`,
		[
			['module', SLUG],
			...(lessons === 'all' ? ALL_LESSONS : lessons).map((l): [string, string] => ['lessons', l]),
			['mode', 'assessment'],
			['maxAttempts', 'unlimited'],
			['opensAt', ''],
			['dueAt', ''],
			['timeLimitMinutes', ''],
			['reveal', 'after-submit']
		],
		cookie
	);
	const assignmentPath = String(assigned.headers.location);
	const page = await client.request('GET', assignmentPath, { cookie });
	const code = /\/join\/([A-Z0-9]{7})\b/.exec(page.body)?.[1];
	if (page.status !== 200 || !code) throw new Error('setup: no join code on the assignment page');
	return { code, cookie, assignmentPath };
}

function isState(value: unknown): value is StudentState {
	return (
		typeof value === 'object' &&
		value !== null &&
		'canStart' in value &&
		'assessment' in value &&
		'attempt' in value
	);
}

function stateIn(data: unknown): StudentState | undefined {
	if (typeof data !== 'object' || data === null) return undefined;
	const state = (data as { state?: unknown }).state;
	return isState(state) ? state : undefined;
}

/** The state in a `__data.json` response (the page node's data, devalue-flattened). */
export function stateFromPageData(body: string): StudentState | undefined {
	const newline = body.indexOf('\n');
	const first = JSON.parse(newline < 0 ? body : body.slice(0, newline)) as {
		type?: string;
		nodes?: ({ type?: string; data?: unknown } | null)[];
	};
	if (first.type !== 'data' || !first.nodes) return undefined;
	for (let i = first.nodes.length - 1; i >= 0; i--) {
		const node = first.nodes[i];
		if (node?.type !== 'data' || !Array.isArray(node.data)) continue;
		const state = stateIn(unflatten(node.data));
		if (state) return state;
	}
	return undefined;
}

export interface AssessmentStudentOptions {
	client: HttpClient;
	stats: Stats;
	rng: Rng;
	code: string;
	/** Pause before each answer, ms. */
	thinkMs: readonly [number, number];
	/** After a failed request: how long to keep trying to read the quiz again, ms. */
	recoverMs: number;
	/** Start another attempt after submitting; otherwise the student leaves. */
	restart: boolean;
}

/** A key per student: the resume code's hash, as the `students` table keeps it. */
function resumeHash(resumeCode: string): string {
	return createHash('sha256').update(resumeCode).digest('base64url');
}

export class AssessmentStudent {
	readonly options: AssessmentStudentOptions;
	/** The resume code's hash once joined; stats are kept under it. */
	learner: string | undefined;
	state: StudentState | undefined;
	gaveUp: string | undefined;
	/** Questions acknowledged as answered, per `${learner}#${attempt}`. */
	readonly answered = new Map<string, Set<string>>();
	private cookie: string | undefined;
	private refusals = 0;
	private changedLast = false;

	constructor(options: AssessmentStudentOptions) {
		this.options = options;
	}

	/** This student's cookie, for a second client that opens the page as them. */
	get cookieHeader(): string {
		return this.cookie ?? '';
	}

	/** Becomes `other` on this device: the same cookie (the resume code). */
	adopt(other: AssessmentStudent): void {
		this.cookie = other.cookie;
		this.learner = other.learner;
	}

	private get base() {
		return `/join/${this.options.code}`;
	}

	/** Join, then take attempts until `deadline`; ends knowing where the quiz is, unless it gave up. */
	async run(deadline: number): Promise<void> {
		await this.play(deadline);
		if (!this.state && !this.gaveUp && !(await this.recover())) {
			this.gaveUp = 'could not read the quiz again';
		}
	}

	private async play(deadline: number): Promise<void> {
		const { rng, thinkMs, restart } = this.options;
		while (!this.cookie) {
			if (performance.now() >= deadline) return;
			await this.join();
			if (this.gaveUp) return;
			if (!this.cookie) await this.backOff(deadline);
		}
		for (let step = 0; step < MAX_STEPS && performance.now() < deadline; step++) {
			if (this.gaveUp) return;
			await this.backOff(deadline);
			if (performance.now() >= deadline) return;
			const state = this.state ?? (await this.recover());
			if (!state) {
				this.gaveUp = 'could not read the quiz again';
				return;
			}
			const view = state.assessment;
			if (!state.attempt || !view || view.status === 'intro') {
				await this.post('start', []);
			} else if (view.status === 'submitted') {
				if (!restart || !state.canStart) return;
				this.changedLast = false;
				await this.post('start', []);
			} else if (view.answered === view.total && (this.changedLast || view.number !== view.total)) {
				await this.post('submit', [['seq', String(view.seq)]]);
			} else {
				await sleep(Math.max(0, Math.min(between(rng, thinkMs), deadline - performance.now())));
				if (performance.now() >= deadline) return;
				await this.answer(state, view);
			}
		}
	}

	private async backOff(deadline: number) {
		if (!this.refusals) return;
		const wait = Math.min(8000, 500 * 2 ** this.refusals) * (0.5 + this.options.rng());
		await sleep(Math.max(0, Math.min(wait, deadline - performance.now())));
	}

	private async join(): Promise<void> {
		const { client, stats } = this.options;
		let res: HttpResponse;
		try {
			res = await client.request(
				'POST',
				`${this.base}?/join`,
				formHeaders(client, undefined, true),
				new URLSearchParams([
					['name', `Student ${Math.floor(this.options.rng() * 1e6)}`]
				]).toString()
			);
		} catch (e) {
			this.failed(e);
			return;
		}
		this.received(res);
		const result = actionResult(res);
		const resume = cookieFrom(res, `cw_join_${this.options.code}`);
		if (result?.type !== 'redirect' || !resume) {
			stats.error(`join ${result?.type ?? 'http'} ${result?.status ?? res.status}`);
			this.refusals++;
			return;
		}
		this.refusals = 0;
		this.cookie = `cw_join_${this.options.code}=${resume}`;
		this.learner = resumeHash(resume);
		await this.reload();
	}

	private async answer(
		state: StudentState,
		view: Extract<AssessmentView, { status: 'assessing' }>
	): Promise<void> {
		const last = view.number === view.total;
		let fields = answerFields(view.question as PublicQuestion, this.options.rng);
		if (last && view.response) {
			// Changing the last answer before submitting: a different one, as a student would.
			const before = JSON.stringify(fields);
			for (let i = 0; i < 5 && JSON.stringify(fields) === before; i++) {
				fields = answerFields(view.question as PublicQuestion, this.options.rng);
			}
		}
		const t0 = performance.now();
		const accepted = await this.post('answer', [
			['seq', String(view.seq)],
			['question', view.question.id],
			['then', last ? 'review' : 'next'],
			...fields
		]);
		if (!accepted || !this.learner || !state.attempt) return;
		if (last && view.response) this.changedLast = true;
		const key = `${this.learner}#${state.attempt.number}`;
		let set = this.answered.get(key);
		if (!set) this.answered.set(key, (set = new Set()));
		set.add(view.question.id);
		const { stats } = this.options;
		stats.acknowledged.set(this.learner, (stats.acknowledged.get(this.learner) ?? 0) + 1);
		if (this.state) stats.latencies.push(performance.now() - t0);
	}

	/** One enhanced form post and what `enhance` does with its result. */
	private async post(action: string, fields: [string, string][]): Promise<boolean> {
		const { client, stats } = this.options;
		let res: HttpResponse;
		try {
			res = await client.request(
				'POST',
				`${this.base}/quiz?/${action}`,
				formHeaders(client, this.cookie, true),
				new URLSearchParams(fields).toString()
			);
		} catch (e) {
			this.failed(e);
			return false;
		}
		this.received(res);
		const result = actionResult(res);
		const accepted = result?.type === 'redirect' || result?.type === 'success';
		if (accepted) this.refusals = 0;
		else {
			stats.error(
				result?.type === 'failure'
					? `failure ${result.status} ${action}`
					: `http ${res.status} ${action}`
			);
			if (res.status === 429 || res.status >= 500 || result?.status === 429) this.refusals++;
		}
		this.state = result && 'data' in result ? stateIn(result.data) : undefined;
		if (!this.state && result?.type !== 'error') await this.reload();
		return accepted;
	}

	/** The quiz page's data, as the browser fetches it after a redirect or `invalidateAll()`. */
	async reload(): Promise<StudentState | undefined> {
		const { client, stats } = this.options;
		let res: HttpResponse;
		try {
			res = await client.request('GET', `${this.base}/quiz/__data.json`, {
				...(this.cookie ? { cookie: this.cookie } : {})
			});
		} catch (e) {
			this.failed(e);
			return undefined;
		}
		this.received(res);
		stats.dataFetches++;
		stats.dataBytes += res.body.length;
		let state: StudentState | undefined;
		if (res.status === 200) {
			try {
				state = stateFromPageData(res.body);
			} catch {
				state = undefined;
			}
		}
		if (res.status !== 200) stats.error(`http ${res.status} __data.json`);
		else if (!state) stats.error('no state in __data.json');
		this.state = state;
		return state;
	}

	private async recover(): Promise<StudentState | undefined> {
		const until = performance.now() + this.options.recoverMs;
		for (let i = 0, wait = 100; i < 200 && performance.now() < until; i++) {
			await sleep(wait * (0.5 + this.options.rng()));
			wait = Math.min(wait * 2, 2000);
			const state = await this.reload();
			if (state) return state;
		}
		return undefined;
	}

	private received(res: HttpResponse): void {
		this.options.stats.requests++;
		this.options.stats.bytesReceived += res.body.length;
	}

	private failed(e: unknown): void {
		this.options.stats.requests++;
		this.options.stats.error(e instanceof NetworkError ? `network ${e.kind}` : String(e));
		this.state = undefined;
	}

	/** What the student would see again on reopening the page: the step and the question. */
	static signature(state: StudentState | undefined): string {
		const view = state?.assessment;
		if (!state || !view) return 'no attempt';
		return view.status === 'assessing'
			? `attempt ${state.attempt?.number} seq ${view.seq} question ${view.question.id}`
			: `attempt ${state.attempt?.number} ${view.status} seq ${view.seq}`;
	}
}

/** Questions with an `answer.record` in each attempt's log: `${resume hash}#${attempt}` → ids. */
export function storedAssessmentAnswers(dbPath: string): Map<string, Set<string>> {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const rows = db
			.prepare(
				`SELECT s.resume_hash || '#' || aa.number AS attempt,
				        json_extract(e.event, '$.questionId') AS question
				 FROM students s
				 JOIN assignment_attempts aa ON aa.student_id = s.id
				 JOIN practice_attempts t ON t.id = aa.attempt_id
				 JOIN attempt_events e ON e.attempt_id = t.id
				 WHERE json_extract(e.event, '$.type') = 'answer.record'`
			)
			.all() as { attempt: string; question: string }[];
		const stored = new Map<string, Set<string>>();
		for (const { attempt, question } of rows) {
			let set = stored.get(attempt);
			if (!set) stored.set(attempt, (set = new Set()));
			set.add(question);
		}
		return stored;
	} finally {
		db.close();
	}
}

/** Acknowledged (student, attempt, question) answers against the log on disk. */
export function compareAssessment(students: AssessmentStudent[], dbPath: string): Loss {
	const stored = storedAssessmentAnswers(dbPath);
	const loss: Loss = { acknowledged: 0, stored: 0, lost: 0, unacknowledged: 0 };
	const acked = new Map<string, Set<string>>();
	for (const s of students) for (const [k, set] of s.answered) acked.set(k, set);
	for (const [attempt, questions] of acked) {
		const kept = stored.get(attempt) ?? new Set<string>();
		loss.acknowledged += questions.size;
		for (const q of questions) {
			if (kept.has(q)) loss.stored++;
			else loss.lost++;
		}
	}
	// Only these students' attempts: the warm-up student's answers are stored and never counted.
	const learners = new Set(students.map((s) => s.learner));
	for (const [attempt, questions] of stored) {
		if (!learners.has(attempt.slice(0, attempt.lastIndexOf('#')))) continue;
		const mine = acked.get(attempt);
		for (const q of questions) if (!mine?.has(q)) loss.unacknowledged++;
	}
	return loss;
}

export type Flow = 'assessment' | 'practice';

/** `--flow=assessment|practice` or BENCH_FLOW; the assessment unless told otherwise. */
export function flowOption(): Flow {
	const flag = process.argv.find((a) => a.startsWith('--flow='));
	const raw = flag ? flag.slice('--flow='.length) : (process.env.BENCH_FLOW ?? 'assessment');
	if (raw !== 'assessment' && raw !== 'practice') {
		throw new Error(`--flow must be "assessment" or "practice", not "${raw}"`);
	}
	return raw;
}

/**
 * Sets up the assignment and plays one student for a couple of seconds without pauses, to load
 * the routes and warm the JIT, failing loudly if the simulator cannot play. Returns the join code.
 */
export async function warmUpAssessment(
	client: HttpClient,
	stats: Stats,
	rng: Rng,
	durationMs = 2000
): Promise<string> {
	const code = await setUpAssessment(client);
	const student = new AssessmentStudent({
		client,
		stats,
		rng,
		code,
		thinkMs: [0, 0],
		recoverMs: 0,
		restart: true
	});
	await student.run(performance.now() + durationMs);
	if (stats.answers === 0 || stats.errorCount) {
		throw new Error(
			`assessment warm-up: ${stats.answers} answers, errors: ${stats.errorSummary() || 'none'}` +
				(student.gaveUp ? `, stopped: ${student.gaveUp}` : '')
		);
	}
	return code;
}
