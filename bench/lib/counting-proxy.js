'use strict';
/**
 * A transparent HTTP proxy between the app and the sandbox that counts every upstream call by
 * route, and times the calls that belong to one journey. A journey's calls are recognised by its
 * authorization code (in the token request), then by the access token the sandbox answered with
 * (as a Bearer header, or in the revoke request). Tokens live only in this process's memory.
 */
const http = require('node:http');

const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/** `GET /v4/linode/instances/123?page=2` → `GET /v4/linode/instances/:id`. */
function routeLabel(method, url) {
  const path = url.split('?')[0].replace(/\/\d+(?=\/|$)/g, '/:id');
  return `${method} ${path}`;
}

/** Browser hops to the login service pass through too, but they are not calls made by the app. */
function isBrowserHop(method, url) {
  return url.split('?')[0] === '/oauth/authorize';
}

function formOrJson(text, contentType) {
  try {
    if (/json/i.test(contentType || '')) return JSON.parse(text);
    return Object.fromEntries(new URLSearchParams(text));
  } catch {
    return {};
  }
}

class CountingProxy {
  constructor(targetUrl) {
    this.target = new URL(targetUrl);
    this.counts = new Map();
    this.upstreamMs = new Map();
    this.statuses = new Map();
    this.errorSamples = new Map();
    this.journeyByCode = new Map();
    this.journeyByToken = new Map();
    this.intervals = new Map();
    this.server = http.createServer((req, res) => this.forward(req, res));
    this.server.keepAliveTimeout = 30_000;
  }

  listen() {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${this.server.address().port}`;
        resolve(this.url);
      });
    });
  }

  close() {
    upstreamAgent.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next token request carrying `code` belongs to `journeyId`. */
  expectCode(code, journeyId) {
    this.journeyByCode.set(code, journeyId);
  }

  /** The upstream calls of one journey as [startNs, endNs] pairs; forgets them. */
  takeIntervals(journeyId) {
    const intervals = this.intervals.get(journeyId) || [];
    this.intervals.delete(journeyId);
    return intervals;
  }

  /** Route label → number of calls so far (app-made calls only). */
  snapshot() {
    return new Map(this.counts);
  }

  /** Per route: calls, total ms the sandbox took, and answers by status, so far (app-made calls only). */
  detailedSnapshot() {
    const details = new Map();
    for (const [label, calls] of this.counts) {
      details.set(label, { calls, ms: this.upstreamMs.get(label) || 0, statuses: { ...this.statuses.get(label) } });
    }
    return details;
  }

  forward(req, res) {
    const started = process.hrtime.bigint();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const label = routeLabel(req.method, req.url);
      const browserHop = isBrowserHop(req.method, req.url);
      if (!browserHop) this.counts.set(label, (this.counts.get(label) || 0) + 1);
      let journeyId = this.journeyOfRequest(req, body, label);

      const upstream = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent: upstreamAgent,
        },
        (upstreamRes) => {
          const answer = [];
          upstreamRes.on('data', (chunk) => answer.push(chunk));
          upstreamRes.on('end', () => {
            const answerBody = Buffer.concat(answer);
            if (label === 'POST /oauth/token' && journeyId !== undefined) {
              this.rememberTokens(answerBody, journeyId);
            }
            res.writeHead(upstreamRes.statusCode, upstreamRes.headers);
            res.end(answerBody);
            if (!browserHop) {
              const ms = Number(process.hrtime.bigint() - started) / 1e6;
              this.upstreamMs.set(label, (this.upstreamMs.get(label) || 0) + ms);
              const byStatus = this.statuses.get(label) || {};
              byStatus[upstreamRes.statusCode] = (byStatus[upstreamRes.statusCode] || 0) + 1;
              this.statuses.set(label, byStatus);
              if (upstreamRes.statusCode >= 400) this.keepErrorSample(label, upstreamRes.statusCode, answerBody);
            }
            if (journeyId !== undefined && !browserHop) {
              if (!this.intervals.has(journeyId)) this.intervals.set(journeyId, []);
              this.intervals.get(journeyId).push([started, process.hrtime.bigint()]);
            }
          });
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`bench proxy: ${error.message}`);
      });
      upstream.end(body);
    });
  }

  /** A few distinct error answers per route, to say why calls failed (error bodies carry no tokens). */
  keepErrorSample(label, status, body) {
    const samples = this.errorSamples.get(label) || new Set();
    if (samples.size < 3) samples.add(`${status} ${body.toString('utf8').slice(0, 300)}`);
    this.errorSamples.set(label, samples);
  }

  /** Route label → up to three distinct error answers seen so far. */
  errors() {
    return Object.fromEntries([...this.errorSamples].map(([label, samples]) => [label, [...samples]]));
  }

  journeyOfRequest(req, body, label) {
    const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization || '');
    if (bearer) return this.journeyByToken.get(bearer[1]);
    if (label === 'POST /oauth/token' || label === 'POST /oauth/revoke') {
      const fields = formOrJson(body.toString('utf8'), req.headers['content-type']);
      if (fields.code !== undefined) {
        const journeyId = this.journeyByCode.get(fields.code);
        this.journeyByCode.delete(fields.code);
        return journeyId;
      }
      const token = fields.token ?? fields.refresh_token;
      if (token !== undefined) return this.journeyByToken.get(token);
    }
    return undefined;
  }

  rememberTokens(answerBody, journeyId) {
    const answer = formOrJson(answerBody.toString('utf8'), 'application/json');
    for (const token of [answer.access_token, answer.refresh_token]) {
      if (typeof token === 'string') this.journeyByToken.set(token, journeyId);
    }
  }
}

/** Calls per route between two snapshots, busiest first. */
function countsBetween(before, after) {
  const delta = {};
  for (const [label, n] of after) {
    const d = n - (before.get(label) || 0);
    if (d > 0) delta[label] = d;
  }
  return Object.fromEntries(Object.entries(delta).sort((a, b) => b[1] - a[1]));
}

/** Per route between two detailed snapshots: calls, mean time in the sandbox (ms), answers by status. */
function detailsBetween(before, after) {
  const delta = {};
  for (const [label, now] of after) {
    const then = before.get(label) || { calls: 0, ms: 0, statuses: {} };
    const calls = now.calls - then.calls;
    if (calls <= 0) continue;
    const statuses = {};
    for (const [status, n] of Object.entries(now.statuses)) {
      const d = n - (then.statuses[status] || 0);
      if (d > 0) statuses[status] = d;
    }
    delta[label] = { calls, meanMs: Math.round(((now.ms - then.ms) / calls) * 100) / 100, statuses };
  }
  return delta;
}

/** Total time covered by possibly overlapping intervals, clipped to [fromNs, toNs], in ms. */
function coveredMs(intervals, fromNs, toNs) {
  const clipped = intervals
    .map(([a, b]) => [a < fromNs ? fromNs : a, b > toNs ? toNs : b])
    .filter(([a, b]) => b > a)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let total = 0n;
  let end = null;
  for (const [a, b] of clipped) {
    if (end === null || a >= end) {
      total += b - a;
      end = b;
    } else if (b > end) {
      total += b - end;
      end = b;
    }
  }
  return Number(total) / 1e6;
}

module.exports = { CountingProxy, countsBetween, coveredMs, detailsBetween, routeLabel };
