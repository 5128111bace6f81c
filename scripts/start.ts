/**
 * `npm start`: serves the built app. adapter-node assumes https when it is not told the site's
 * address, which would refuse every form post on a plain-http localhost, so when ORIGIN is unset
 * we default it to this machine at PORT. Behind a proxy or on another host, set ORIGIN.
 */
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
await import('../build/index.js');
