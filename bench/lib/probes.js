'use strict';
/**
 * Single requests that explain the load numbers: what GET / sends back (size, compression,
 * caching, whether an anonymous view gets a session), and the same for the static files it links.
 */
const { gzipSync } = require('node:zlib');
const { request, Visitor } = require('./http-client');
const { attributesOf } = require('./html-form');

const ACCEPT = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,*/*' };

/** The app's session cookie: the one that costs server-side state. */
const SESSION_COOKIE = 'iol.sid=';

function sessionIdOf(setCookie) {
  const line = [].concat(setCookie || []).find((l) => l.startsWith(SESSION_COOKIE));
  return line ? line.split(';')[0] : null;
}

/** Static files the page links: stylesheets and scripts under /static/. */
function staticAssetsOf(html) {
  const urls = new Set();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attributes = attributesOf(match[0]);
    const url = attributes.src || attributes.href;
    if (url && url.startsWith('/static/')) urls.add(url);
  }
  return [...urls];
}

async function probePage(appUrl, proxy) {
  const before = proxy.snapshot();
  // Plain requests first, as the load cells send them (no Accept-Encoding).
  const first = await request(`${appUrl}/`);
  const second = await request(`${appUrl}/`);
  const asBrowser = await request(`${appUrl}/`, { headers: ACCEPT });
  const upstreamCalls = [...proxy.snapshot().values()].reduce((a, b) => a + b, 0) - [...before.values()].reduce((a, b) => a + b, 0);

  // A returning visitor: does the cookie come back, and is it re-sent on every view?
  const visitor = new Visitor();
  await visitor.get(`${appUrl}/`, ACCEPT);
  const returning = await visitor.get(`${appUrl}/`, ACCEPT);

  const assets = [];
  for (const path of staticAssetsOf(first.body)) {
    const res = await request(`${appUrl}${path}`, { headers: ACCEPT });
    const revalidated = res.headers.etag
      ? (await request(`${appUrl}${path}`, { headers: { ...ACCEPT, 'if-none-match': res.headers.etag } })).status
      : null;
    assets.push({
      path,
      status: res.status,
      bytes: res.bytes,
      contentEncoding: res.headers['content-encoding'] || null,
      gzipBytes: res.headers['content-encoding'] ? null : gzipSync(res.body).length,
      cacheControl: res.headers['cache-control'] || null,
      etag: Boolean(res.headers.etag),
      conditionalGetStatus: revalidated,
    });
  }

  return {
    status: first.status,
    contentType: first.headers['content-type'] || null,
    body: first.body,
    bytes: first.bytes,
    gzipBytes: gzipSync(first.body).length,
    headerBytes: Object.entries(first.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0),
    contentEncodingForBrowser: asBrowser.headers['content-encoding'] || null,
    bytesForBrowser: asBrowser.bytes,
    cacheControl: first.headers['cache-control'] || null,
    etag: Boolean(first.headers.etag),
    anonymousViewSetsCookie: sessionIdOf(first.headers['set-cookie']) !== null,
    anonymousViewsGetDistinctSessions:
      sessionIdOf(first.headers['set-cookie']) !== null &&
      sessionIdOf(first.headers['set-cookie']) !== sessionIdOf(second.headers['set-cookie']),
    returningViewSetsCookieAgain: sessionIdOf(returning.headers['set-cookie']) !== null,
    upstreamCallsForThreeViews: upstreamCalls,
    staticAssets: assets,
  };
}

module.exports = { probePage, staticAssetsOf };
