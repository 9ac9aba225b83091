'use strict';
/**
 * The machine's ceiling for one page: a bare node:http server answering every request with the
 * same bytes (read once at start), no routing, no middleware, no templates. Run as its own process
 * so it competes for the CPU exactly as the app does.
 *   PAGE_FILE=<file> PAGE_TYPE=<content-type> [PAGE_ENCODING=br] PORT=<port> node bench/lib/ceiling-server.js
 */
const http = require('node:http');
const { readFileSync } = require('node:fs');

const body = readFileSync(process.env.PAGE_FILE);
const headers = { 'content-type': process.env.PAGE_TYPE || 'text/html; charset=utf-8', 'content-length': body.length };
// PAGE_ENCODING=br: the file holds the app's compressed answer, sent as such.
if (process.env.PAGE_ENCODING) headers['content-encoding'] = process.env.PAGE_ENCODING;

const server = http.createServer((req, res) => {
  if (req.url === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
