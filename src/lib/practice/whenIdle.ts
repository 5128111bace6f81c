/**
 * Loads the browser's own quiz engine once the page is interactive and the browser is idle, so
 * the first load stays light (until it is ready, and without JavaScript, the forms post to the
 * server). For `onMount`: returns the function that stops the engine when the page goes.
 */
export function engineWhenIdle<E extends { start(): Promise<void>; stop(): void }>(
	/** Makes the engine from the loaded module. */
	make: (local: typeof import('./local.svelte.ts')) => E,
	/** Given the engine as soon as it exists (it reports its own state while it starts). */
	ready: (engine: E) => void,
	/** What else the engine's steps need drawn at once (the practice panel's later parts). */
	alsoLoad: () => Promise<unknown>
): () => void {
	let stopped = false;
	let engine: E | undefined;
	const begin = async () => {
		const [local] = await Promise.all([import('./local.svelte.ts'), alsoLoad()]);
		if (stopped) return;
		engine = make(local);
		ready(engine);
		await engine.start();
	};
	const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1));
	idle(() => void begin());
	return () => {
		stopped = true;
		engine?.stop();
	};
}
