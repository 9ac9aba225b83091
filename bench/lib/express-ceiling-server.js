'use strict';
/**
 * The framework's ceiling for one page: the app's own installed Express answering every request
 * with the same bytes through `res.send` (read once at start): no middleware, no templates, one
 * route. What the app's page view costs beyond this is ours to remove. Run as its own process so
 * it competes for the CPU exactly as the app does.
 *   PAGE_FILE=<file> PAGE_TYPE=<content-type> [PAGE_ENCODING=br] PORT=<port> node bench/lib/express-ceiling-server.js
 * With BENCH_ROOT set, that checkout's Express is used (the one the measured app runs on).
 */
const { join, resolve } = require('node:path');
const { readFileSync } = require('node:fs');

const root = resolve(process.env.BENCH_ROOT || join(__dirname, '..', '..'));
const express = require(require.resolve('express', { paths: [root] }));

const body = readFileSync(process.env.PAGE_FILE);
const type = process.env.PAGE_TYPE || 'text/html; charset=utf-8';

const app = express();
app.disable('x-powered-by');
app.set('etag', false); // as the app: its pages are no-store, no ETag
app.get('/readyz', (_req, res) => res.type('text/plain').send('ok'));
const encoding = process.env.PAGE_ENCODING; // br: the file holds the app's compressed answer
app.use((_req, res) => {
  if (encoding) res.set('Content-Encoding', encoding);
  res.type(type).send(body);
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
server.keepAliveTimeout = 30_000;
process.once('SIGTERM', () => server.close(() => process.exit(0)));
