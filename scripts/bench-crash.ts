/**
 * `npm run bench:crash`: builds the app (skip with `--no-build`), puts 200 simulated students on
 * it with short pauses (50–300 ms before each answer), and kills the server with
 * SIGKILL five times at random (seeded) moments, restarting it each time on the same database.
 * A student whose request fails while the server is down is not acknowledged; it reads the quiz
 * again once the server is back (as a learner reloading the page would) and carries on from
 * whatever the server says.
 *
 * The flow is chosen with `--flow=` or BENCH_FLOW: `assessment` (the default: a 19-question
 * assessment joined by code, every question answered, one answer changed, submitted, and again;
 * see simulated-assessment.ts) or `practice` (the module page's practice).
 *
 * Afterwards, with the server stopped, the SQLite file must show:
 *   - every acknowledged answer stored (per learner: stored ≥ acknowledged),
 *   - `PRAGMA integrity_check` ok and no foreign-key problems,
 *   - every attempt's events numbered 0..n-1 without gaps,
 * and, before it is stopped, every student must resume: the page and `__data.json` with their
 * cookie answer 200 and show the step the student last saw.
 *
 * Last line: `crash: acknowledged N stored N lost L integrity ok|failed`; exits non-zero on any
 * loss or integrity failure. Options (flag or environment variable):
 *   --flow=assessment BENCH_FLOW           assessment | practice
 *   --students=200   BENCH_CRASH_STUDENTS
 *   --duration=40    BENCH_CRASH_DURATION   seconds of answering
 *   --kills=5        BENCH_CRASH_KILLS
 *   --seed=1         BENCH_SEED             kill moments, pauses and answers are drawn from it
 *   --keep-db                               keep the database and print where it is
 */
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	AssessmentStudent,
	compareAssessment,
	flowOption,
	warmUpAssessment
} from './simulated-assessment.ts';
import {
	AppServer,
	between,
	buildUnlessSkipped,
	checkIntegrity,
	childSeed,
	compareWithDatabase,
	fetchView,
	freePort,
	HttpClient,
	LEARNER_COOKIE,
	MODULE_PATH,
	option,
	round,
	seededRng,
	Stats,
	Student,
	tempDatabase,
	viewSignature,
	warmUp
} from './simulated-student.ts';

const students = option('students', 'BENCH_CRASH_STUDENTS', 200);
const durationMs = option('duration', 'BENCH_CRASH_DURATION', 40) * 1000;
const kills = option('kills', 'BENCH_CRASH_KILLS', 5);
const seed = option('seed', 'BENCH_SEED', 1);
const thinkMs: [number, number] = [50, 300];
const flow = flowOption();

buildUnlessSkipped();

const rng = seededRng(seed);
// One kill in each of `kills` equal slots between 3 s in and 3 s before the end, so restarts
// never overlap and students have time to be mid-answer when each one comes.
const slot = (durationMs - 6000) / Math.max(1, kills);
const killAt = Array.from(
	{ length: kills },
	(_, i) => 3000 + slot * (i + between(rng, [0.1, 0.9]))
);

const database = tempDatabase('crash');
const server = new AppServer(await freePort(), database.path);
// A request to a killed server fails at once (reset or refused); the timeout is for a server
// that is up but swamped by every student coming back at once.
const client = new HttpClient(server.port, 30_000);
const stats = new Stats();
const killedAt: number[] = [];
const outages: number[] = [];
const problems: string[] = [];
let crowd: (Student | AssessmentStudent)[];
let resumed = 0;
let code = '';

try {
	await server.start();
	const invalidated = flow === 'practice' ? await warmUp(client) : '';
	if (flow === 'assessment') code = await warmUpAssessment(client, new Stats(), seededRng(seed));
	crowd = Array.from({ length: students }, () => {
		const options = {
			client,
			stats,
			rng: seededRng(childSeed(rng)),
			thinkMs,
			// Far longer than a restart; a student still without the quiz after this gives up.
			recoverMs: 120_000,
			restart: true
		};
		return flow === 'practice'
			? new Student({ ...options, invalidated })
			: new AssessmentStudent({ ...options, code });
	});
	const t0 = performance.now();
	const deadline = t0 + durationMs;

	const killer = async () => {
		let up = t0;
		for (const at of killAt) {
			// On a slow machine a restart can eat into the next slot: leave the server up ≥ 2 s.
			await sleep(Math.max(0, t0 + at - performance.now(), up + 2000 - performance.now()));
			const down = performance.now();
			killedAt.push(down - t0);
			await server.stop('SIGKILL');
			await server.start();
			up = performance.now();
			outages.push(up - down);
		}
	};
	await Promise.all([
		killer(),
		...crowd.map(async (student) => {
			await sleep(2000 * student.options.rng());
			await student.run(deadline);
		})
	]);

	// After the last restart: every student opens the page again with their cookie.
	const checker = new HttpClient(server.port, 30_000);
	try {
		for (const student of crowd) {
			const problem = await resumeProblem(checker, invalidated, student);
			if (problem) problems.push(problem);
			else resumed++;
		}
	} finally {
		checker.close();
	}
} finally {
	client.close();
	await server.stop();
}

const loss =
	flow === 'practice'
		? compareWithDatabase(stats.acknowledged, database.path)
		: compareAssessment(crowd as AssessmentStudent[], database.path);
const db = checkIntegrity(database.path);
database.dispose();
const integrityOk =
	db.check === 'ok' &&
	db.foreignKeyProblems === 0 &&
	db.attemptsWithGaps === 0 &&
	resumed === crowd.length;

console.log(
	`(${flow}: ${students} students for ${durationMs / 1000} s, ${thinkMs[0]}–${thinkMs[1]} ms before each answer, seed ${seed}; ` +
		`killed at ${killedAt.map((t) => round(t / 1000)).join(', ')} s, ` +
		`back up after ${outages.map((t) => round(t / 1000, 2)).join(', ')} s; ` +
		`load average ${round(loadavg()[0]!, 2)} on ${availableParallelism()} CPUs)`
);
console.log(
	`(${stats.requests} requests, ${stats.errorCount} failed` +
		(stats.errorCount ? `: ${stats.errorSummary()}` : '') +
		(client.staleRetries ? `; ${client.staleRetries} sent again on a fresh connection` : '') +
		')'
);
console.log(
	`(database: ${db.attempts} attempts, ${db.events} events; integrity_check ${db.check}, ` +
		`foreign key problems ${db.foreignKeyProblems}, attempts with gaps ${db.attemptsWithGaps})`
);
console.log(
	`(resumed: ${resumed} of ${crowd.length} students see the step they last saw` +
		(problems.length ? `; e.g. ${problems.slice(0, 3).join('; ')}` : '') +
		')'
);
if (server.unexpectedExits.length) {
	console.log(`(the server also died by itself: ${server.unexpectedExits.join(', ')})`);
	console.log(`(its last lines of output:)\n${server.log.slice(-10).join('\n')}`);
}
if (loss.unacknowledged) {
	console.log(
		`(stored but never acknowledged: ${loss.unacknowledged}, saved just before a kill cut off the response)`
	);
}
console.log(
	`crash: acknowledged ${loss.acknowledged} stored ${loss.stored} lost ${loss.lost} ` +
		`integrity ${integrityOk ? 'ok' : 'failed'}`
);
process.exit(loss.lost === 0 && integrityOk ? 0 : 1);

/** Why a student could not pick up where they were, or undefined if they could. */
async function resumeProblem(
	checker: HttpClient,
	invalidated: string,
	student: Student | AssessmentStudent
): Promise<string | undefined> {
	if (student instanceof AssessmentStudent) return assessmentResumeProblem(checker, student);
	if (!student.learner) return 'a student never got a learner cookie';
	if (!student.view) return `${student.learner}: lost track of the quiz (${student.gaveUp})`;
	try {
		const page = await checker.request('GET', MODULE_PATH, {
			cookie: `${LEARNER_COOKIE}=${student.learner}`
		});
		if (page.status !== 200) return `${student.learner}: page answered ${page.status}`;
		const { res, view } = await fetchView(checker, invalidated, student.learner);
		if (res.status !== 200) return `${student.learner}: __data.json answered ${res.status}`;
		if (!view) return `${student.learner}: no view in __data.json`;
		const expected = viewSignature(student.view);
		const actual = viewSignature(view);
		return actual === expected ? undefined : `${student.learner}: saw ${expected}, now ${actual}`;
	} catch (e) {
		return `${student.learner}: ${(e as Error).message}`;
	}
}

/** The same for a student of the assessment: the quiz page and its data, with their cookie. */
async function assessmentResumeProblem(
	checker: HttpClient,
	student: AssessmentStudent
): Promise<string | undefined> {
	const who = student.learner ?? 'a student';
	if (!student.learner) return `${who} never joined (${student.gaveUp})`;
	if (!student.state) return `${who}: lost track of the quiz (${student.gaveUp})`;
	const expected = AssessmentStudent.signature(student.state);
	const again = new AssessmentStudent({ ...student.options, client: checker, stats: new Stats() });
	again.adopt(student);
	try {
		const page = await checker.request('GET', `/join/${code}/quiz`, { cookie: again.cookieHeader });
		if (page.status !== 200) return `${who}: page answered ${page.status}`;
		const state = await again.reload();
		if (!state) return `${who}: no state in __data.json`;
		const actual = AssessmentStudent.signature(state);
		return actual === expected ? undefined : `${who}: saw ${expected}, now ${actual}`;
	} catch (e) {
		return `${who}: ${(e as Error).message}`;
	}
}
