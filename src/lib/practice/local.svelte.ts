/**
 * Self-study practice and review in the browser. The page loads this after it is interactive;
 * from then on a step (an answer, a hint, a retry…) is taken by the same quiz engine the server
 * runs, with a grader built from the module's practice key, so the feedback is drawn in the same
 * frame as the click. Each step is kept on this device (IndexedDB) and sent on to the server in order; the
 * server replays it as the record and answers with its digest. If the two ever disagree the
 * server wins: the page says so and rebuilds from the server's log. Offline, steps wait on the
 * device and go once the connection is back, each exactly once (the log's `(attempt, seq)` key).
 *
 * One engine, `LocalQuiz`, for both of a learner's self-study attempts at a module: their practice
 * (`LocalPractice`, on the module page) and their latest review session (`LocalReview`, on the
 * review page). They differ only in where the log is, where this device keeps its copy, the
 * quiz's settings and what the page shows.
 */
import { rawInputFrom, type Paragraph, type Question } from '../quiz/questions.ts';
import {
	digestOf,
	startActorFor,
	step as stepActor,
	viewOfKey,
	type QuizActor,
	type QuizConfig,
	type QuizKey,
	type Replayed
} from '../quiz/engine.ts';
import { current, type QuizEvent } from '../quiz/quizMachine.ts';
import { reviewConfig, reviewedIn, reviewPhase, type ReviewState } from '../review/session.ts';
import type { QueueLine } from '../review/when.ts';
import { practiceStateOf, type PracticeState, type ReadingMode } from './state.ts';
import {
	eventOf,
	isRefusal,
	isStepAction,
	LAST_IN_LESSON,
	MOVED_ON,
	NOT_NOW,
	type AttemptLog,
	type Step,
	type StepRefusal
} from './steps.ts';
import { loadPractice, savePractice, type PendingStep, type StoredPractice } from './store.ts';

interface KeyBody {
	version: string;
	questions: Question[];
	lessons: QuizKey['lessons'];
}

/** The quiz as it stands after a step. */
type Snapshot = ReturnType<QuizActor['getSnapshot']>;

type StepResult =
	| {
			result: 'recorded' | 'duplicate';
			seq: number;
			digest: string;
			keyVersion: string;
			head?: number;
			queue?: QueueLine;
	  }
	| { result: 'conflict' | 'refused' | 'no-attempt' | 'malformed'; message: string; seq?: number };

export const DISAGREED =
	'The server checked this differently from this page. The server’s record is what counts, so its result is shown now.';

/** How long to wait before sending again after a failed send, at most. */
const MAX_RETRY_MS = 15_000;

export interface LocalQuizOptions {
	slug: string;
	paragraphs: readonly Paragraph[];
	/** The review queue's line as the page was loaded; each step's answer brings it up to date. */
	queue?: QueueLine;
	fetch?: typeof fetch;
	/** Web Locks, to keep one tab per quiz (see `#claim`); the browser's unless given (null: none). */
	locks?: Pick<LockManager, 'request'> | null;
}

export interface LocalPracticeOptions extends LocalQuizOptions {
	reading: ReadingMode;
}

/** Where an engine's attempt is: its log on the server, and this device's copy of it. */
interface Place {
	/** The log's endpoint: GET reads it, POST sends a step. */
	events: string;
	/** The key of this device's copy in IndexedDB. */
	storeKey: string;
}

/** What the page is drawn from after each step. */
export interface Shown {
	key: QuizKey;
	replayed: Replayed;
	attemptKey: string;
	queue?: QueueLine;
	/** Whether the server has confirmed every step shown (so `queue` is from after them). */
	confirmed: boolean;
}

export abstract class LocalQuiz<S> {
	/** The state the page shows while this engine runs the quiz; null while it cannot. */
	state = $state.raw<S | null>(null);
	/** A step this engine refused (an empty answer…), or what it was told by the server. */
	failure = $state.raw<StepRefusal | null>(null);
	/** Set when the server's record differed from what this page showed. */
	disagreement = $state<string | null>(null);
	/** Steps taken here that the server has not confirmed yet. */
	waiting = $state(0);
	/** Whether the last attempt to reach the server failed (offline, or the server is down). */
	offline = $state(false);
	/**
	 * Whether this engine has taken or sent on a step yet: until it has, a refusal the server
	 * showed (before the engine was ready) is still the page's to show.
	 */
	acted = $state(false);
	/** Whether this device keeps waiting steps across a reload (IndexedDB works here). */
	persistent = $state(true);
	/**
	 * Set when another tab of this browser has taken this quiz over: from then on this one keeps
	 * and sends nothing, and its steps go to the server as form posts (see `#claim`).
	 */
	elsewhere = $state(false);

	#options: LocalQuizOptions;
	#place: Place;
	#fetch: typeof fetch;
	#key: QuizKey | null = null;
	#keyVersion = '';
	#record: StoredPractice | null = null;
	#actor: QuizActor | null = null;
	#seq = 0;
	/**
	 * The quiz after each step this page took, to compare with the server's digest when its answer
	 * comes (digested then, not while the feedback is being drawn). Never read by the page, so not
	 * reactive.
	 */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#after = new Map<number, Snapshot>();
	#sending = false;
	#retryDelay = 1000;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;
	/** A step taken here is waiting for the frame after its feedback to be kept on this device. */
	#keepSoon = false;
	/** Lets go of this tab's claim on the quiz (see `#claim`). */
	#releaseClaim: (() => void) | null = null;

	constructor(options: LocalQuizOptions, place: Place) {
		this.#options = options;
		this.#place = place;
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
	}

	/** What the page shows of the quiz as it stands. */
	protected abstract stateOf(shown: Shown): S;

	/** The quiz's questions and settings: the module's own unless the log names its questions. */
	protected configOf(questionIds: readonly string[] | undefined): QuizConfig | undefined {
		void questionIds;
		return undefined;
	}

	/** Whether a step on the quiz at `seq` (what the page shows) can be taken here now. */
	canTake(seq: number): boolean {
		return this.#actor !== null && this.state !== null && !this.elsewhere && this.#seq === seq;
	}

	/** Loads the key and the attempt (from the server, or this device's copy when offline). */
	async start(): Promise<void> {
		this.#claim();
		addEventListener('online', this.#onOnline);
		addEventListener('pagehide', this.#keepNow);
		await this.#rebuild(false);
	}

	stop(): void {
		this.#stopped = true;
		removeEventListener('online', this.#onOnline);
		removeEventListener('pagehide', this.#keepNow);
		this.#keepNow();
		clearTimeout(this.#retryTimer);
		this.#actor?.stop();
		this.#releaseClaim?.();
	}

	/**
	 * One tab at a time keeps a quiz on this device. Each tab holds its own copy of the steps
	 * waiting to be sent, so two tabs taking steps offline would overwrite each other's copy, and
	 * steps of a tab closed first could be lost without a word. So the newest tab to open the quiz
	 * takes it over (a Web Lock per quiz, taken from whoever held it), starting from the copy on
	 * this device, which the other tab kept. The tab it was taken from stops keeping and sending,
	 * says so, and from then on posts its steps to the server like a page without the engine: the
	 * server decides, and refuses a step for a quiz that has moved on.
	 */
	#claim(): void {
		const locks =
			this.#options.locks === undefined ? globalThis.navigator?.locks : this.#options.locks;
		if (!locks) return;
		locks
			.request(
				`citewise:${this.#place.storeKey}`,
				{ steal: true },
				// Held until `stop`; let go at once if the page went before the lock came.
				() =>
					this.#stopped ? undefined : new Promise<void>((release) => (this.#releaseClaim = release))
			)
			.catch((error: unknown) => {
				if ((error as { name?: string } | null)?.name === 'AbortError') this.#handOver();
			});
	}

	#handOver(): void {
		if (this.#stopped || this.elsewhere) return;
		// A step shown here a moment ago is kept first, for the other tab to carry on from.
		this.#keepNow();
		this.elsewhere = true;
		clearTimeout(this.#retryTimer);
	}

	/** Hands the quiz back to the server's pages (before a start or restart, say). */
	suspend(): void {
		this.state = null;
	}

	/** Picks the quiz up again from the server's log (after the server changed it). */
	async resync(): Promise<void> {
		await this.#rebuild(false);
	}

	#onOnline = () => {
		this.#retryDelay = 1000;
		void this.#send();
	};

	async #loadKey(fresh: boolean): Promise<boolean> {
		if (this.#key && !fresh) return true;
		const response = await this.#fetch(`/modules/${this.#options.slug}/practice-key`, {
			cache: fresh ? 'reload' : 'no-cache'
		});
		if (!response.ok) return false;
		const body = (await response.json()) as KeyBody;
		this.#key = {
			questions: body.questions,
			lessons: body.lessons,
			paragraphs: this.#options.paragraphs
		};
		this.#keyVersion = body.version;
		return true;
	}

	async #readStored(): Promise<StoredPractice | undefined> {
		try {
			return await loadPractice(this.#place.storeKey);
		} catch {
			this.persistent = false;
			return undefined;
		}
	}

	/**
	 * Rebuilds the quiz: the server's log (or, offline, this device's copy of it) and then any
	 * steps taken here the server has not seen. A waiting step the server already has (its reply
	 * was lost) is recognised by its event and not taken twice.
	 */
	async #rebuild(freshKey: boolean): Promise<void> {
		let log: AttemptLog | null = null;
		let keyLoaded = false;
		try {
			const [response] = await Promise.all([
				this.#fetch(this.#place.events, { cache: 'no-store' }),
				this.#loadKey(freshKey).then((ok) => (keyLoaded = ok))
			]);
			if (response.ok) log = (await response.json()) as AttemptLog;
			this.offline = false;
		} catch {
			this.offline = true;
			try {
				keyLoaded = await this.#loadKey(freshKey);
			} catch {
				keyLoaded = false;
			}
		}
		if (this.#stopped || this.elsewhere) return;
		const stored = await this.#readStored();
		if (!keyLoaded || !this.#key) {
			this.state = null;
			return;
		}
		let record: StoredPractice | null = null;
		if (log && log.attemptKey) {
			record = {
				slug: this.#place.storeKey,
				attemptKey: log.attemptKey,
				seed: log.seed,
				keyVersion: log.keyVersion,
				events: log.events,
				pending: [],
				...(log.questionIds ? { questionIds: log.questionIds } : {})
			};
			if (stored?.attemptKey === log.attemptKey) {
				// Offline, the log may be the copy kept from an earlier visit: this device's own copy
				// of the confirmed log is then longer, and the log only ever grows.
				if (
					stored.events.length > log.events.length &&
					log.events.every((e, i) => JSON.stringify(e) === JSON.stringify(stored.events[i]))
				) {
					record.events = stored.events;
				}
				const lost = mergePending(record, stored.pending);
				if (lost) this.failure = { message: lostMessage(lost) };
			} else if (stored && stored.pending.length) {
				// The attempt this device was working on is no longer the learner's current one.
				this.failure = { message: lostMessage(stored.pending.length) };
			}
		} else if (!log && stored) {
			record = stored; // offline: this device's copy
		}
		this.#actor?.stop();
		this.#actor = null;
		this.#after.clear();
		this.#record = record;
		if (!record) {
			this.state = null;
			return;
		}
		const actor = startActorFor(this.#key, record.seed, this.configOf(record.questionIds));
		for (const event of record.events) await stepActor(actor, event);
		// A waiting step the machine no longer takes (the key changed, say) is dropped with the rest.
		const kept: PendingStep[] = [];
		for (const p of record.pending) {
			if (!(await stepActor(actor, p.event))) break;
			kept.push(p);
			this.#after.set(p.seq + 1, actor.getSnapshot());
		}
		record.pending = kept;
		this.#actor = actor;
		this.#seq = record.events.length + kept.length;
		this.waiting = kept.length;
		this.#show();
		await this.#persist();
		void this.#send();
	}

	#show(): void {
		if (!this.#actor || !this.#key || !this.#record) return;
		this.state = this.stateOf({
			key: this.#key,
			replayed: { snapshot: this.#actor.getSnapshot(), seq: this.#seq },
			attemptKey: this.#record.attemptKey,
			...(this.#options.queue ? { queue: this.#options.queue } : {}),
			confirmed: this.#record.pending.length === 0
		});
	}

	/** Draws the page again (what it shows changed without a step). */
	protected redraw(): void {
		this.#show();
	}

	async #persist(): Promise<void> {
		if (!this.#record || this.elsewhere) return;
		try {
			await savePractice(this.#record);
			this.persistent = true;
		} catch {
			this.persistent = false;
		}
	}

	/**
	 * Takes a step here: refused with a message (nothing changes), or taken and shown at once,
	 * then kept on this device and sent on. Resolves once the page's state shows it.
	 */
	async take(step: Step): Promise<'taken' | 'refused'> {
		const actor = this.#actor;
		const record = this.#record;
		if (!actor || !record) return 'refused';
		this.acted = true;
		const snapshot = actor.getSnapshot();
		const event = eventOf(step, current(snapshot.context));
		if (isRefusal(event)) {
			this.failure = event;
			return 'refused';
		}
		const seq = this.#seq;
		// The engine checks that the quiz takes this event now (and takes it if so).
		if (!(await stepActor(actor, event))) {
			const lastInLesson = event.type === 'question.skip' && snapshot.matches('answering');
			this.failure = { message: lastInLesson ? LAST_IN_LESSON : NOT_NOW };
			return 'refused';
		}
		this.#seq = seq + 1;
		this.#after.set(this.#seq, actor.getSnapshot());
		this.failure = null;
		this.disagreement = null;
		record.pending.push({ seq, step: $state.snapshot(step), event });
		this.waiting = record.pending.length;
		this.#show();
		// Kept and sent once the feedback is painted: the page comes first, then the bookkeeping.
		// Leaving the page (a reload, a closed tab) before that frame keeps it at once instead.
		this.#keepSoon = true;
		afterPaint(this.#keepNow);
		return 'taken';
	}

	/** Keeps the steps taken here on this device, then sends them, if that is still to do. */
	#keepNow = () => {
		if (!this.#keepSoon) return;
		this.#keepSoon = false;
		void this.#persist().then(() => this.#send());
	};

	/** Takes the step a practice form stands for: its button's name and its fields. */
	takeForm(action: string, form: FormData): Promise<'taken' | 'refused'> {
		if (!isStepAction(action)) return Promise.resolve('refused');
		const question = form.get('question');
		return this.take({
			action,
			...(typeof question === 'string' ? { question } : {}),
			...(action === 'answer' ? { raw: rawInputFrom(form) } : {})
		});
	}

	/** Sends waiting steps in order, one at a time, until none is left or the network fails. */
	async #send(): Promise<void> {
		if (this.#sending || this.#stopped || this.elsewhere) return;
		this.#sending = true;
		clearTimeout(this.#retryTimer);
		try {
			while (this.#record && this.#record.pending.length) {
				const record = this.#record;
				const next = record.pending[0]!;
				let response: Response;
				try {
					response = await this.#fetch(this.#place.events, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({
							attempt: record.attemptKey,
							seq: next.seq,
							step: next.step,
							event: next.event
						})
					});
				} catch {
					this.offline = true;
					this.#retryTimer = setTimeout(() => void this.#send(), this.#retryDelay);
					this.#retryDelay = Math.min(this.#retryDelay * 2, MAX_RETRY_MS);
					return;
				}
				let result: StepResult;
				try {
					result = (await response.json()) as StepResult;
				} catch {
					// Not the server's answer (a proxy's error page, say): try again later.
					this.offline = true;
					this.#retryTimer = setTimeout(() => void this.#send(), this.#retryDelay);
					this.#retryDelay = Math.min(this.#retryDelay * 2, MAX_RETRY_MS);
					return;
				}
				this.offline = false;
				this.#retryDelay = 1000;
				if (this.#record !== record || this.elsewhere) return; // rebuilt, or handed over, meanwhile
				if (result.result === 'recorded' || result.result === 'duplicate') {
					record.pending.shift();
					record.events.push(next.event);
					this.waiting = record.pending.length;
					if (result.queue) {
						this.#options = { ...this.#options, queue: result.queue };
						if (!record.pending.length) this.#show();
					}
					const after = this.#after.get(result.seq);
					this.#after.delete(result.seq);
					const mine = after && digestOf({ snapshot: after, seq: result.seq });
					if (result.keyVersion !== this.#keyVersion || (mine && mine !== result.digest)) {
						this.disagreement = DISAGREED;
						this.#sending = false;
						await this.#rebuild(true);
						return;
					}
					if (result.head !== undefined && result.head > result.seq && !record.pending.length) {
						// The same step was taken in another tab, which has gone on since.
						this.#sending = false;
						await this.#rebuild(false);
						this.acted = true;
						this.failure = { message: MOVED_ON };
						return;
					}
					await this.#persist();
					continue;
				}
				// The server would not take it: its record is what counts. Rebuild from it.
				const refused = result as Extract<StepResult, { message: string }>;
				const lost = record.pending.length;
				record.pending = [];
				await this.#persist();
				this.#sending = false;
				await this.#rebuild(refused.result === 'refused');
				if (refused.result === 'refused') this.disagreement = DISAGREED;
				this.acted = true;
				this.failure = {
					message:
						refused.result === 'conflict' && refused.message === MOVED_ON && lost > 1
							? `${MOVED_ON.replace('; nothing was lost.', '.')} ${lostMessage(lost)}`
							: refused.message
				};
				return;
			}
		} finally {
			this.#sending = false;
		}
	}
}

/** Self-study practice on the module page: the learner's practice attempt. */
export class LocalPractice extends LocalQuiz<PracticeState> {
	#reading: ReadingMode;

	constructor(options: LocalPracticeOptions) {
		super(options, {
			events: `/modules/${options.slug}/events`,
			storeKey: options.slug
		});
		this.#reading = options.reading;
	}

	protected stateOf({ key, replayed, attemptKey, queue }: Shown): PracticeState {
		return {
			...practiceStateOf(key, replayed, this.#reading, attemptKey),
			...(queue ? { queue } : {})
		};
	}

	/** Guided reading or the whole article, as the learner last chose. */
	setReading(reading: ReadingMode): void {
		if (reading === this.#reading) return;
		this.#reading = reading;
		this.redraw();
	}
}

/**
 * A review on the review page: the learner's latest review session, its questions asked with the
 * review settings, kept on this device apart from their practice (`<slug>#review`).
 */
export class LocalReview extends LocalQuiz<ReviewState> {
	constructor(options: LocalQuizOptions) {
		super(options, {
			events: `/modules/${options.slug}/review/events`,
			storeKey: `${options.slug}#review`
		});
	}

	protected configOf(questionIds: readonly string[] | undefined): QuizConfig | undefined {
		return questionIds && reviewConfig(questionIds);
	}

	protected stateOf({ key, replayed, attemptKey, queue = { kind: 'none' }, confirmed }: Shown) {
		const { snapshot } = replayed;
		// Until the server has answered the last step, the queue is from before it (offline, say):
		// a review finished here shows its results, not a button to start another, and no line of
		// what is due (it would count the questions just reviewed). The server's answer brings it.
		const phase =
			snapshot.matches('summary') && !confirmed ? 'finished' : reviewPhase(snapshot, queue);
		const shown = phase === 'active' || phase === 'finished';
		return {
			phase,
			view: shown ? viewOfKey(key, replayed) : null,
			attemptKey: shown ? attemptKey : null,
			reviewed: shown ? reviewedIn(snapshot) : 0,
			queue: confirmed || !shown ? queue : { kind: 'none' }
		} satisfies ReviewState;
	}
}

/** Runs `work` after the next frame is painted (or soon, where nothing paints). */
function afterPaint(work: () => void): void {
	if (typeof requestAnimationFrame === 'function') {
		requestAnimationFrame(() => setTimeout(work));
	} else {
		setTimeout(work);
	}
}

/**
 * Puts this device's waiting steps after the server's log: a step the log already has (same
 * number, same event) was delivered; one the log has with another event lost to another tab, and
 * so do the steps after it. Returns how many were dropped.
 */
export function mergePending(record: StoredPractice, pending: readonly PendingStep[]): number {
	const same = (a: QuizEvent, b: QuizEvent) => JSON.stringify(a) === JSON.stringify(b);
	for (let i = 0; i < pending.length; i++) {
		const p = pending[i]!;
		if (p.seq < record.events.length) {
			if (same(record.events[p.seq]!, p.event)) continue;
			return pending.length - i;
		}
		if (p.seq !== record.events.length + record.pending.length) return pending.length - i;
		record.pending.push(p);
	}
	return 0;
}

function lostMessage(count: number): string {
	return count === 1
		? 'One step taken on this device could not be recorded, because the quiz had moved on elsewhere.'
		: `${count} steps taken on this device could not be recorded, because the quiz had moved on elsewhere.`;
}
