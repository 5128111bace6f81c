/**
 * `npm start`: serves the built app (adapter-node's request handler) over plain http.
 *
 * The site's address. adapter-node, told nothing, takes the host from the request's Host header
 * but assumes https, so every form posted over plain http would be refused as cross-site. A
 * school server is reached by name, by IP address or as localhost, so rather than guess one
 * ORIGIN we tell the handler the truth about each request: it came over plain http (we set that
 * header ourselves and overwrite whatever a client sent), to the host the browser asked for. A
 * cross-site form still carries its own Origin and is still refused.
 *
 * Behind a TLS-terminating proxy, set ORIGIN (one public address) or PROTOCOL_HEADER (e.g.
 * x-forwarded-proto) and, if the proxy rewrites Host, HOST_HEADER; then this default stays out of
 * the way.
 */
import { createServer } from 'node:http';

process.env.PORT ??= '3000';
// Answer forms are a few hundred bytes; 64 KB is generous and keeps a flood of big bodies cheap.
process.env.BODY_SIZE_LIMIT ??= '64K';

const PROTOCOL_HEADER = 'x-citewise-protocol';
const ownProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (ownProtocol) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

// Imported after the environment is set: the handler reads it once, when it loads.
const { handler } = (await import('../build/handler.js')) as {
	handler: (
		req: import('node:http').IncomingMessage,
		res: import('node:http').ServerResponse,
		next: () => void
	) => void;
};

const server = createServer((req, res) => {
	if (ownProtocol) req.headers[PROTOCOL_HEADER] = 'http';
	// Files adapter-node serves itself (`/_app/…`, static/) never reach SvelteKit's hooks, which set
	// these on everything else; set here, they are on every response.
	res.setHeader('x-content-type-options', 'nosniff');
	res.setHeader('referrer-policy', 'same-origin');
	// A response that never reached the hooks (a static file, or a cross-site form SvelteKit refused
	// before them) has no request id; refusals among them still get their one log line.
	const started = performance.now();
	res.on('finish', () => {
		if (res.statusCode < 400 || res.hasHeader('x-request-id')) return;
		console.log(
			JSON.stringify({
				time: new Date().toISOString(),
				level: 'warn',
				msg: 'request',
				method: req.method,
				status: res.statusCode,
				ms: Math.round((performance.now() - started) * 10) / 10,
				reason: res.statusCode === 403 ? 'cross-site form refused' : 'refused before the app'
			})
		);
	});
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT);
server.listen(port, host, () => {
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	console.log(
		`Citewise is listening on http://${shown}:${port}` +
			(process.env.ORIGIN ? ` (public address ${process.env.ORIGIN})` : '')
	);
});

// Finish the requests in flight, then stop; a stuck connection gets 10 seconds.
function shutdown(): void {
	server.closeIdleConnections();
	server.close(() => process.exit(0));
	setTimeout(() => server.closeAllConnections(), 10_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
