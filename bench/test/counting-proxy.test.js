'use strict';
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { CountingProxy, countsBetween, coveredMs, routeLabel } = require('../lib/counting-proxy');
const { request } = require('../lib/http-client');

/** A stand-in for the sandbox: a token endpoint and one API route, answering at once. */
function fakeUpstream() {
  let issued = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/oauth/token') {
        issued++;
        res.end(JSON.stringify({ access_token: `token-${issued}`, refresh_token: `refresh-${issued}`, token_type: 'bearer' }));
      } else if (req.url.startsWith('/oauth/authorize')) {
        res.writeHead(302, { location: 'http://app.invalid/auth_callback?code=c' });
        res.end();
      } else {
        res.end(JSON.stringify({ path: req.url, auth: req.headers.authorization || null }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the counting proxy between the app and the sandbox', () => {
  let upstream;
  let proxy;
  before(async () => {
    upstream = await fakeUpstream();
    proxy = new CountingProxy(`http://127.0.0.1:${upstream.address().port}`);
    await proxy.listen();
  });
  after(async () => {
    await proxy.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('passes requests and answers through unchanged', async () => {
    const res = await request(`${proxy.url}/v4/regions?page=1`, { headers: { authorization: 'Bearer abc' } });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { path: '/v4/regions?page=1', auth: 'Bearer abc' });
  });

  it('counts calls by route, with numeric ids folded together', async () => {
    const start = proxy.snapshot();
    await request(`${proxy.url}/v4/linode/instances/12`);
    await request(`${proxy.url}/v4/linode/instances/345`);
    await request(`${proxy.url}/v4/linode/types`);
    assert.deepEqual(countsBetween(start, proxy.snapshot()), { 'GET /v4/linode/instances/:id': 2, 'GET /v4/linode/types': 1 });
  });

  it('does not count the browser’s visits to the authorize page as calls made by the app', async () => {
    const start = proxy.snapshot();
    const res = await request(`${proxy.url}/oauth/authorize?client_id=x`);
    assert.equal(res.status, 302);
    assert.deepEqual(countsBetween(start, proxy.snapshot()), {});
  });

  it('attributes the token exchange and every call with the issued token to the journey that expected the code', async () => {
    proxy.expectCode('code-A', 'journey-A');
    const exchanged = await request(`${proxy.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=code-A',
    });
    const { access_token: token } = JSON.parse(exchanged.body);
    await request(`${proxy.url}/v4/linode/instances`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await request(`${proxy.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${token}`,
    });
    await request(`${proxy.url}/v4/linode/instances`, { headers: { authorization: 'Bearer someone-else' } });
    assert.equal(proxy.takeIntervals('journey-A').length, 3);
  });

  it('forgets a journey’s calls once they have been taken', async () => {
    proxy.expectCode('code-B', 'journey-B');
    await request(`${proxy.url}/oauth/token`, {
      method: 'POST',
      body: 'code=code-B',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(proxy.takeIntervals('journey-B').length, 1);
    assert.deepEqual(proxy.takeIntervals('journey-B'), []);
  });
});

describe('route labels', () => {
  it('drop the query and fold numeric path segments into :id', () => {
    assert.equal(routeLabel('GET', '/v4/linode/stackscripts/320826?x=1'), 'GET /v4/linode/stackscripts/:id');
    assert.equal(routeLabel('POST', '/oauth/token'), 'POST /oauth/token');
  });
});

describe('time covered by upstream calls inside one request', () => {
  const ms = (n) => BigInt(n) * 1_000_000n;

  it('adds up separate calls', () => {
    assert.equal(
      coveredMs(
        [
          [ms(10), ms(20)],
          [ms(30), ms(35)],
        ],
        ms(0),
        ms(100),
      ),
      15,
    );
  });

  it('counts overlapping (parallel) calls once', () => {
    assert.equal(
      coveredMs(
        [
          [ms(10), ms(30)],
          [ms(20), ms(40)],
          [ms(25), ms(28)],
        ],
        ms(0),
        ms(100),
      ),
      30,
    );
  });

  it('ignores the parts of calls outside the request', () => {
    assert.equal(
      coveredMs(
        [
          [ms(0), ms(15)],
          [ms(90), ms(120)],
          [ms(200), ms(210)],
        ],
        ms(10),
        ms(100),
      ),
      15,
    );
  });
});

describe('per-route details between two snapshots', () => {
  const { detailsBetween } = require('../lib/counting-proxy');

  it('gives the new calls, their mean time and their answers by status', () => {
    const before = new Map([['GET /v4/regions', { calls: 2, ms: 10, statuses: { 200: 2 } }]]);
    const after = new Map([
      ['GET /v4/regions', { calls: 6, ms: 30, statuses: { 200: 5, 429: 1 } }],
      ['POST /oauth/token', { calls: 1, ms: 4, statuses: { 200: 1 } }],
    ]);
    assert.deepEqual(detailsBetween(before, after), {
      'GET /v4/regions': { calls: 4, meanMs: 5, statuses: { 200: 3, 429: 1 } },
      'POST /oauth/token': { calls: 1, meanMs: 4, statuses: { 200: 1 } },
    });
  });

  it('leaves out routes without new calls', () => {
    const same = new Map([['GET /v4/regions', { calls: 2, ms: 10, statuses: { 200: 2 } }]]);
    assert.deepEqual(detailsBetween(same, same), {});
  });
});
