/**
 * This device's copy of a learner's practice, in IndexedDB: the attempt's log as the server last
 * confirmed it and the steps taken since that have not reached the server yet (taken offline, or
 * still on their way). Everything is written before the step is sent, so closing the tab or
 * losing the signal loses nothing. One record per module for practice and one for its review: a
 * learner has one of each at a time.
 *
 * A few lines over the IndexedDB API rather than a library: one store, get and put.
 */
import type { QuizEvent } from '../quiz/quizMachine.ts';
import type { Step } from './steps.ts';

export interface PendingStep {
	seq: number;
	step: Step;
	event: QuizEvent;
}

export interface StoredPractice {
	/** The record's key: the module's slug for practice, `<slug>#review` for its review. */
	slug: string;
	attemptKey: string;
	seed: number;
	keyVersion: string;
	/** The log up to the last step the server confirmed. */
	events: QuizEvent[];
	/** Steps after those, in order, not yet confirmed. */
	pending: PendingStep[];
	/** A review session's questions (asked with the review settings). */
	questionIds?: string[];
}

const NAME = 'citewise';
const STORE = 'practice';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
	opening ??= new Promise((resolve, reject) => {
		const request = indexedDB.open(NAME, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'slug' });
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
	opening.catch(() => (opening = null));
	return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

export async function loadPractice(slug: string): Promise<StoredPractice | undefined> {
	const db = await open();
	return done(db.transaction(STORE).objectStore(STORE).get(slug) as IDBRequest<StoredPractice>);
}

/** Resolves once the record is durable in the browser's database. */
export async function savePractice(record: StoredPractice): Promise<void> {
	const db = await open();
	const tx = db.transaction(STORE, 'readwrite');
	// A plain copy: Svelte's state proxies cannot be cloned into IndexedDB.
	tx.objectStore(STORE).put(JSON.parse(JSON.stringify(record)));
	// Nothing else goes in this transaction: ask for it to be written now rather than when the
	// browser notices, which matters when this runs as the page is being left.
	tx.commit?.();
	await new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error);
	});
}
