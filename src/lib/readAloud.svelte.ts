/**
 * Read-aloud with the browser's own speech synthesis: the article a paragraph at a time (each
 * paragraph one utterance, the next spoken when it ends), or one piece of text (a question).
 * Nothing here runs on the server: `supported` stays false until `detect()` runs in the browser,
 * so the controls are never drawn without JavaScript or where the browser cannot speak.
 */

type Status = 'stopped' | 'playing' | 'paused';

export class ReadAloud {
	supported = $state(false);
	status = $state<Status>('stopped');
	/** The ¶ being read, or null. */
	paragraph = $state<number | null>(null);
	/** What is being read, in words, for the controls to show. */
	what = $state<'article' | 'question' | null>(null);
	/** Each reading gets a number; the events of an older one (stopped or replaced) are ignored. */
	#run = 0;

	detect() {
		this.supported =
			typeof window !== 'undefined' &&
			typeof window.speechSynthesis?.speak === 'function' &&
			typeof window.SpeechSynthesisUtterance === 'function';
	}

	/** Reads the paragraphs in order from ¶`from`, highlighting and showing each one as it goes. */
	readFrom(paragraphs: { n: number; text: string }[], from: number) {
		const start = paragraphs.findIndex((p) => p.n === from);
		if (start < 0) return;
		const run = this.#begin('article');
		const speakAt = (i: number) => {
			if (run !== this.#run) return;
			const p = paragraphs[i];
			if (!p) return this.#finish(run);
			this.paragraph = p.n;
			showParagraph(p.n);
			this.#speak(p.text, run, () => speakAt(i + 1));
		};
		speakAt(start);
	}

	/** Reads one piece of text (the question on screen). */
	readText(text: string) {
		const run = this.#begin('question');
		this.#speak(text, run, () => this.#finish(run));
	}

	pause() {
		if (this.status !== 'playing') return;
		window.speechSynthesis.pause();
		this.status = 'paused';
	}

	resume() {
		if (this.status !== 'paused') return;
		window.speechSynthesis.resume();
		this.status = 'playing';
	}

	stop() {
		if (!this.supported) return;
		this.#run++;
		window.speechSynthesis.cancel();
		this.#reset();
	}

	#begin(what: 'article' | 'question'): number {
		this.stop();
		// A paused synthesizer stays paused after cancel() in some browsers.
		window.speechSynthesis.resume();
		this.status = 'playing';
		this.what = what;
		return this.#run;
	}

	#speak(text: string, run: number, next: () => void) {
		const utterance = new SpeechSynthesisUtterance(text);
		utterance.lang = document.documentElement.lang || 'en';
		utterance.onend = () => {
			if (run === this.#run) next();
		};
		utterance.onerror = () => this.#finish(run);
		window.speechSynthesis.speak(utterance);
	}

	#finish(run: number) {
		if (run !== this.#run) return;
		this.#run++;
		this.#reset();
	}

	#reset() {
		this.status = 'stopped';
		this.paragraph = null;
		this.what = null;
	}
}

/** Scrolls the paragraph being read into view: smoothly, unless motion is to be reduced. */
function showParagraph(n: number) {
	const reduce =
		document.documentElement.classList.contains('motion-reduce') ||
		window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
	document
		.getElementById(`p-${n}`)
		?.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
}
