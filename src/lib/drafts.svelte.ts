import { FIELD, rawInputFrom, type RawInput } from '$lib/quiz/questions.ts';

const PREFIX = 'citewise:draft:';

/**
 * Drafts: with JavaScript, what a learner has chosen or typed but not yet sent is kept in this
 * tab's sessionStorage, by attempt, question and try, and put back in the form when the page is
 * reloaded (or a skipped question comes back). A draft is only ever shown, never sent: the learner
 * still presses "Check answer". Once an answer is checked its draft is dropped; once the practice
 * is finished, all of the attempt's are.
 *
 * `current` is the draft restored for the question on screen, for whoever shows part of the
 * answer form (the reader shows an evidence question's choices). Storage can be missing or full
 * (private browsing): drafts are a convenience, so every failure just keeps nothing.
 */
export class Drafts {
	current = $state.raw<RawInput | null>(null);

	/** The storage key for one try at one question of one attempt. */
	static key(attempt: string, questionId: string, tryNumber: number): string {
		return `${PREFIX}${attempt}:${questionId}:${tryNumber}`;
	}

	/** Reads the draft for `key` (null: none) into `current`. */
	load(key: string | null): void {
		this.current = key ? read(key) : null;
	}

	/** Keeps what `form` holds now, without its bookkeeping fields. */
	save(key: string, form: HTMLFormElement): void {
		const raw = rawInputFrom(new FormData(form));
		delete raw.seq;
		delete raw.question;
		// Ordering with JavaScript sends the item ids first to last; a form is given its order back
		// as each item's place.
		const order = raw[FIELD.order];
		if (order) {
			order.forEach((id, i) => (raw[FIELD.position(id)] = [String(i + 1)]));
			delete raw[FIELD.order];
		}
		try {
			sessionStorage.setItem(key, JSON.stringify(raw));
		} catch {
			// Nothing kept.
		}
	}

	forget(key: string | null): void {
		try {
			if (key) sessionStorage.removeItem(key);
		} catch {
			// Nothing to forget.
		}
	}

	/** Drops every draft of an attempt. */
	forgetAttempt(attempt: string): void {
		try {
			const prefix = `${PREFIX}${attempt}:`;
			for (const key of Object.keys(sessionStorage)) {
				if (key.startsWith(prefix)) sessionStorage.removeItem(key);
			}
		} catch {
			// Nothing to forget.
		}
	}
}

function read(key: string): RawInput | null {
	try {
		const raw: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
		if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
		const entries = Object.entries(raw).filter(
			(e): e is [string, string[]] =>
				Array.isArray(e[1]) && e[1].every((v: unknown) => typeof v === 'string')
		);
		return entries.length ? Object.fromEntries(entries) : null;
	} catch {
		return null;
	}
}
