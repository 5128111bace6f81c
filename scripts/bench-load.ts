/**
 * `npm run bench:load`: builds the app (skip with `--no-build`), then puts simulated students on
 * the built server, twice, each time on a fresh server and database. The flow is chosen with
 * `--flow=` or BENCH_FLOW: `assessment` (the default) has a teacher assign a 19-question
 * assessment and the students join it by code, answer every question, change one answer and
 * submit (20 answers an attempt; see simulated-assessment.ts); `practice` has them practise on the
 * module page.
 *
 *   load      a class: 500 students joining over the first 5 s, each reading 2–6 s before every
 *             answer, for 60 s. Latency per answer is what the learner waits: from sending the
 *             answer to having the feedback view (the data reload included, if the server
 *             redirects). Budget: p99 < 100 ms, no errors, nothing lost.
 *   load-max  saturation: 50 students answering without pause for 20 s.
 *             Budget: ≥ 300 answers/s, slowest answer < 5 s, no errors, nothing lost.
 *
 * `lost` counts answers the server acknowledged (a redirect or success result) that are not in
 * the database afterwards: the server is stopped and its SQLite file read, per learner.
 *
 * Each run prints a line of figures and its budget, and the bench exits non-zero if either is
 * over budget. Options (flag or environment variable):
 *   --duration=60        BENCH_LOAD_DURATION        seconds of the class run
 *   --students=500       BENCH_LOAD_STUDENTS
 *   --max-duration=20    BENCH_LOAD_MAX_DURATION    seconds of the saturation run
 *   --max-students=50    BENCH_LOAD_MAX_STUDENTS
 *   --flow=assessment    BENCH_FLOW                 assessment | practice
 *   --seed=1             BENCH_SEED                 think times and answers are drawn from it
 *   --keep-db                                       keep the databases and print where they are
 *
 * The generator runs on the same machine as the server (one process, keep-alive loopback
 * connections); its CPU use and the server's are printed so a reader can tell which was busy.
 */
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	assessmentQuestionCount,
	AssessmentStudent,
	compareAssessment,
	flowOption,
	warmUpAssessment
} from './simulated-assessment.ts';
import {
	AppServer,
	buildUnlessSkipped,
	childSeed,
	compareWithDatabase,
	freePort,
	HttpClient,
	option,
	percentile,
	round,
	seededRng,
	Stats,
	Student,
	tempDatabase,
	warmUp,
	type Loss
} from './simulated-student.ts';

const flow = flowOption();

interface Run {
	students: number;
	durationMs: number;
	/** Pause before each answer, ms. */
	thinkMs: [number, number];
	/** Students join at random moments in the first `staggerMs`. */
	staggerMs: number;
	seed: number;
}

interface Measured {
	stats: Stats;
	loss: Loss;
	elapsedMs: number;
	/** Answers per second, acknowledged, over the whole run (joining included). */
	throughput: number;
	latencies: number[];
	notes: string;
}

const seed = option('seed', 'BENCH_SEED', 1);
const classRun: Run = {
	students: option('students', 'BENCH_LOAD_STUDENTS', 500),
	durationMs: option('duration', 'BENCH_LOAD_DURATION', 60) * 1000,
	thinkMs: [2000, 6000],
	staggerMs: 5000,
	seed
};
const saturationRun: Run = {
	students: option('max-students', 'BENCH_LOAD_MAX_STUDENTS', 50),
	durationMs: option('max-duration', 'BENCH_LOAD_MAX_DURATION', 20) * 1000,
	thinkMs: [0, 0],
	staggerMs: 500,
	seed: seed + 1
};

buildUnlessSkipped();

let over = 0;

{
	const m = await measure(classRun);
	const [p50, p95, p99] = [50, 95, 99].map((p) => round(percentile(m.latencies, p)));
	const errors = m.stats.errorCount;
	console.log(m.notes);
	console.log(
		`load: students ${classRun.students} answers ${m.stats.answers} throughput ${round(m.throughput)}/s ` +
			`p50 ${p50} ms p95 ${p95} ms p99 ${p99} ms errors ${errors} lost ${m.loss.lost}`
	);
	over += budget('p99 < 100 ms, errors 0, lost 0', p99! < 100 && errors === 0 && m.loss.lost === 0);
}

{
	const m = await measure(saturationRun);
	const [p50, p99] = [50, 99].map((p) => round(percentile(m.latencies, p)));
	const max = round(m.latencies.at(-1) ?? NaN);
	const errors = m.stats.errorCount;
	console.log(m.notes);
	console.log(
		`load-max: students ${saturationRun.students} answers ${m.stats.answers} throughput ${round(m.throughput)}/s ` +
			`p50 ${p50} ms p99 ${p99} ms max ${max} ms errors ${errors} lost ${m.loss.lost}`
	);
	over += budget(
		'throughput ≥ 300/s, max < 5000 ms, errors 0, lost 0',
		m.throughput >= 300 && max < 5000 && errors === 0 && m.loss.lost === 0
	);
}

process.exit(over ? 1 : 0);

function budget(text: string, ok: boolean): number {
	console.log(`  budget: ${text} — ${ok ? 'OK' : 'OVER BUDGET'}`);
	return ok ? 0 : 1;
}

/** One run on its own server and database; the server is stopped before the database is read. */
async function measure(run: Run): Promise<Measured> {
	const db = tempDatabase('load');
	const server = new AppServer(await freePort(), db.path);
	const client = new HttpClient(server.port, 60_000);
	const stats = new Stats();
	let students: (Student | AssessmentStudent)[];
	let lossOf: () => Loss;
	let elapsedMs: number;
	let serverCpu: number;
	let clientCpu: NodeJS.CpuUsage;
	try {
		await server.start();
		const rng = seededRng(run.seed);
		if (flow === 'practice') {
			const invalidated = await warmUp(client);
			students = Array.from(
				{ length: run.students },
				() =>
					new Student({
						client,
						stats,
						rng: seededRng(childSeed(rng)),
						invalidated,
						thinkMs: run.thinkMs,
						recoverMs: 10_000,
						restart: true
					})
			);
			lossOf = () => compareWithDatabase(stats.acknowledged, db.path);
		} else {
			const code = await warmUpAssessment(client, new Stats(), seededRng(childSeed(rng)));
			const crowd = Array.from(
				{ length: run.students },
				() =>
					new AssessmentStudent({
						client,
						stats,
						rng: seededRng(childSeed(rng)),
						code,
						thinkMs: run.thinkMs,
						recoverMs: 10_000,
						restart: true
					})
			);
			students = crowd;
			lossOf = () => compareAssessment(crowd, db.path);
		}
		const cpu0 = process.cpuUsage();
		const serverCpu0 = server.cpuSeconds();
		const t0 = performance.now();
		const deadline = t0 + run.durationMs;
		await Promise.all(
			students.map(async (student) => {
				await sleep(run.staggerMs * student.options.rng());
				await student.run(deadline);
			})
		);
		elapsedMs = performance.now() - t0;
		serverCpu = server.cpuSeconds() - serverCpu0;
		clientCpu = process.cpuUsage(cpu0);
	} catch (e) {
		console.error(server.log.join('\n'));
		throw e;
	} finally {
		client.close();
		await server.stop();
	}
	if (server.unexpectedExits.length || (stats.errorCount && server.log.length)) {
		console.error(`(server's last lines of output:)\n${server.log.slice(-10).join('\n')}`);
	}

	const loss = lossOf();
	db.dispose();
	const seconds = elapsedMs / 1000;
	const answers = stats.answers;
	const perAnswer = (n: number) => (answers ? round(n / answers, 2) : NaN);
	const stopped = students.filter((s) => s.gaveUp);
	const notes = [
		`(${flow}: ${flow === 'assessment' ? `${assessmentQuestionCount()} questions, one answer changed, then submitted; ` : ''}` +
			`${run.students} students for ${run.durationMs / 1000} s, ` +
			`${run.thinkMs[0] / 1000}–${run.thinkMs[1] / 1000} s before each answer, seed ${run.seed}; ` +
			`ran ${round(seconds)} s)`,
		`(per answer: ${perAnswer(stats.requests)} requests, ${perAnswer(stats.bytesReceived / 1024)} KB received; ` +
			`__data.json ${stats.dataFetches ? round(stats.dataBytes / stats.dataFetches / 1024) : 0} KB each, ` +
			`${stats.dataFetches} fetched)`,
		`(server CPU ${round(serverCpu / seconds, 2)} cores, ${round((serverCpu * 1000) / answers, 2)} ms per answer; ` +
			`generator CPU ${round((clientCpu.user + clientCpu.system) / 1e6 / seconds, 2)} cores; ` +
			// Anything else running on the machine competes with the server: say so.
			`load average ${round(loadavg()[0]!, 2)} on ${availableParallelism()} CPUs)`,
		...(server.unexpectedExits.length
			? [`(the server died during the run: ${server.unexpectedExits.join(', ')})`]
			: []),
		...(stats.errorCount ? [`(errors: ${stats.errorSummary()})`] : []),
		...(client.staleRetries
			? [`(${client.staleRetries} requests sent again: the server had closed the idle connection)`]
			: []),
		...(loss.lost || loss.unacknowledged
			? [
					`(acknowledged ${loss.acknowledged}, stored ${loss.stored}, stored unacknowledged ${loss.unacknowledged})`
				]
			: []),
		...(stopped.length
			? [`(${stopped.length} students stopped early, e.g. ${stopped[0]!.gaveUp})`]
			: [])
	].join('\n');
	return {
		stats,
		loss,
		elapsedMs,
		throughput: answers / seconds,
		latencies: stats.latencies.slice().sort((a, b) => a - b),
		notes
	};
}
