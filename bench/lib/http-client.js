'use strict';
/**
 * A small browser stand-in for the journey: one cookie jar per visitor, redirects not followed
 * (each hop is timed on its own), keep-alive connections shared by all visitors like a browser's
 * connection pool would be per origin.
 */
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** A single request; resolves with status, headers, body text, its size on the wire and elapsed ms. */
function request(url, { method = 'GET', headers = {}, body } = {}) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const ended = process.hrtime.bigint();
        const raw = Buffer.concat(chunks);
        resolve({
          url: String(url),
          status: res.statusCode,
          headers: res.headers,
          body: raw.toString('utf8'),
          raw,
          bytes: raw.length,
          startedNs: started,
          endedNs: ended,
          ms: Number(ended - started) / 1e6,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** Cookies per origin, enough for a session cookie (name=value; no domain/path subtleties needed). */
class CookieJar {
  constructor() {
    this.byOrigin = new Map();
  }

  store(url, setCookie) {
    if (!setCookie) return;
    const origin = new URL(url).origin;
    const cookies = this.byOrigin.get(origin) || new Map();
    for (const line of [].concat(setCookie)) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.byOrigin.set(origin, cookies);
  }

  header(url) {
    const cookies = this.byOrigin.get(new URL(url).origin);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A visitor: requests carry and keep its cookies. */
class Visitor {
  constructor() {
    this.jar = new CookieJar();
  }

  async send(url, options = {}) {
    const headers = { ...options.headers };
    const cookie = this.jar.header(url);
    if (cookie) headers.cookie = cookie;
    const res = await request(url, { ...options, headers });
    this.jar.store(url, res.headers['set-cookie']);
    return res;
  }

  get(url, headers) {
    return this.send(url, { headers });
  }

  postForm(url, fields, headers = {}) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const v of [].concat(value)) body.append(name, v);
    }
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: body.toString(),
    });
  }
}

module.exports = { request, CookieJar, Visitor, agent };
