/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps self-study practice working without a network, after one visit. What it holds:
 *
 * - the app's built files and static files (this version's), cached when it installs;
 * - each module page and its review page, the home page, and each module's practice key and the
 *   learner's logs of their practice and review, as last fetched: fetched from the network first
 *   whenever there is one, from here only when there is not (so an online learner always sees the
 *   server's page).
 *
 * It never holds a teacher's page, a POST, or an assignment: those need the server, and a page
 * that is not held says so plainly when offline. Answers given offline are not this worker's
 * business: the practice and review pages keep them in IndexedDB and send them themselves.
 */
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;

const ASSETS = `assets-${version}`;
/** Pages from an older version point at its files, which go with it. */
const PAGES = `pages-${version}`;
const PRECACHED = new Set([...build, ...files]);

/**
 * What is kept for offline use once fetched: the home page, self-study module pages and their
 * review pages.
 */
function keptWhenFetched(url: URL): boolean {
	return (
		url.pathname === '/' ||
		url.pathname === '/__data.json' ||
		/^\/modules\/[^/]+(\/review)?\/?$/.test(url.pathname) ||
		/^\/modules\/[^/]+\/(__data\.json|practice-key|events)$/.test(url.pathname) ||
		/^\/modules\/[^/]+\/review\/(__data\.json|events)$/.test(url.pathname)
	);
}

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSETS)
			.then((cache) => cache.addAll([...PRECACHED]))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys.filter((key) => key !== ASSETS && key !== PAGES).map((key) => caches.delete(key))
				)
			)
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	if (PRECACHED.has(url.pathname)) {
		event.respondWith(
			caches.match(url.pathname, { cacheName: ASSETS }).then((hit) => hit ?? fetch(request))
		);
		return;
	}
	if (keptWhenFetched(url)) {
		event.respondWith(networkFirst(request, url));
		return;
	}
	if (request.mode === 'navigate') {
		event.respondWith(fetch(request).catch(() => offlinePage()));
	}
});

/** The network's answer (kept for next time), or, with no network, the last one kept. */
async function networkFirst(request: Request, url: URL): Promise<Response> {
	// One copy per page, whatever its query (a citation link); a page's data is kept per query,
	// since SvelteKit's own parameters there say which parts of the data it asks for.
	const key = url.pathname.endsWith('/__data.json') ? url.href : url.origin + url.pathname;
	try {
		const response = await fetch(request);
		if (response.ok && response.type === 'basic') {
			const cache = await caches.open(PAGES);
			await cache.put(key, response.clone());
		}
		return response;
	} catch (error) {
		const kept = await caches.match(key, { cacheName: PAGES });
		if (kept) return kept;
		if (request.mode === 'navigate') return offlinePage();
		throw error;
	}
}

function offlinePage(): Response {
	const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline · Citewise</title>
<style>body{font:1.125rem/1.6 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color-scheme:light dark}</style>
</head>
<body>
<main>
<h1>offline — this page needs a connection</h1>
<p>This device has no connection just now, and this page has not been opened here before, so it is not kept for offline use.</p>
<p>Modules and reviews you have opened here work offline: your answers are saved on this device and sent when the connection is back. Teacher pages, assignments and your progress page need the server.</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>`;
	return new Response(html, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}
