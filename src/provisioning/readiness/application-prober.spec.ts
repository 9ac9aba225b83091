import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationProber, PROBE_INTERVAL_MS, PROBE_TIMEOUT_MS } from './application-prober';

const TARGET = 'https://203.0.113.10:8443/health';

/** A fetch that answers with the statuses it is given, or lets a test answer by hand. */
function fakeFetch(answer: (url: string, init: RequestInit) => Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchUrl = jest.fn((input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    calls.push({ url, init: init ?? {} });
    return answer(url, init ?? {});
  });
  return { fetchUrl, calls };
}

const status = (code: number) => () => Promise.resolve(new Response(code === 204 || code === 304 ? null : 'body', { status: code }));

describe('ApplicationProber', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it.each([200, 204, 301, 302, 401, 403, 404, 499])('takes HTTP %i as an answer: the application is up', async (code) => {
    const { fetchUrl } = fakeFetch(status(code));
    expect(await new ApplicationProber(fetchUrl, clock).answers('d1', TARGET)).toBe(true);
  });

  it.each([500, 502, 503, 504])('takes HTTP %i as not ready yet (a proxy in front of an app still starting)', async (code) => {
    const { fetchUrl } = fakeFetch(status(code));
    expect(await new ApplicationProber(fetchUrl, clock).answers('d1', TARGET)).toBe(false);
  });

  it('takes a refused connection or a timeout as not ready yet', async () => {
    const { fetchUrl } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    expect(await new ApplicationProber(fetchUrl, clock).answers('d1', TARGET)).toBe(false);
  });

  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED'])(
    'takes an https answer whose certificate Node cannot verify (%s) as the application being up',
    async (code) => {
      const cause = Object.assign(new Error('certificate'), { code });
      const { fetchUrl } = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause })));
      expect(await new ApplicationProber(fetchUrl, clock).answers('d1', TARGET)).toBe(true);
    },
  );

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ERR_SSL_WRONG_VERSION_NUMBER'])(
    'takes a connection failing with %s as not ready yet',
    async (code) => {
      const cause = Object.assign(new Error('connection'), { code });
      const { fetchUrl } = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause })));
      expect(await new ApplicationProber(fetchUrl, clock).answers('d1', TARGET)).toBe(false);
    },
  );

  it('with Node’s own fetch, takes a redirect as an answer without following it (loopback only)', async () => {
    const requests: string[] = [];
    const server: Server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(302, { location: '/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await new ApplicationProber(fetch, clock).answers('d1', `http://127.0.0.1:${port}/`)).toBe(true);
      expect(requests).toEqual(['/']);
    } finally {
      server.close();
    }
  });

  it('sends one GET to exactly the URL, following no redirect, with a timeout', async () => {
    const { fetchUrl, calls } = fakeFetch(status(302));
    await new ApplicationProber(fetchUrl, clock).answers('d1', TARGET);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(TARGET);
    expect(calls[0].init.method ?? 'GET').toBe('GET');
    expect(calls[0].init.redirect).toBe('manual');
    expect(calls[0].init.signal).toBeInstanceOf(AbortSignal);
  });

  it(`gives up on an application that has not answered within ${PROBE_TIMEOUT_MS} ms`, async () => {
    const { fetchUrl } = fakeFetch(
      (_url, init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))),
    );
    const started = performance.now();
    expect(await new ApplicationProber(fetchUrl, clock).answers('d1', TARGET)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 50);
    expect(performance.now() - started).toBeLessThan(PROBE_TIMEOUT_MS + 1_000);
  });

  it('has at most one attempt in flight per deployment: concurrent polls share it', async () => {
    let answer!: (response: Response) => void;
    const { fetchUrl } = fakeFetch(() => new Promise((resolve) => (answer = resolve)));
    const prober = new ApplicationProber(fetchUrl, clock);
    const first = prober.answers('d1', TARGET);
    const second = prober.answers('d1', TARGET);
    now += PROBE_INTERVAL_MS * 3;
    const third = prober.answers('d1', TARGET);
    answer(new Response('ok'));
    expect(await Promise.all([first, second, third])).toEqual([true, true, true]);
    expect(fetchUrl).toHaveBeenCalledTimes(1);
  });

  it(`waits ${PROBE_INTERVAL_MS} ms between two attempts for one deployment`, async () => {
    const { fetchUrl } = fakeFetch(status(503));
    const prober = new ApplicationProber(fetchUrl, clock);
    await prober.answers('d1', TARGET);
    now += PROBE_INTERVAL_MS - 1;
    expect(await prober.answers('d1', TARGET)).toBe(false);
    expect(fetchUrl).toHaveBeenCalledTimes(1);
    now += 1;
    await prober.answers('d1', TARGET);
    expect(fetchUrl).toHaveBeenCalledTimes(2);
  });

  it('makes at most one attempt per interval however often it is asked (bounded by the caller’s deadline)', async () => {
    const { fetchUrl } = fakeFetch(status(503));
    const prober = new ApplicationProber(fetchUrl, clock);
    for (let poll = 0; poll < 600; poll++) {
      await prober.answers('d1', TARGET);
      now += 1_000;
    }
    expect(fetchUrl).toHaveBeenCalledTimes(600 / (PROBE_INTERVAL_MS / 1_000));
  });

  it('follows each deployment on its own schedule', async () => {
    const { fetchUrl } = fakeFetch(status(503));
    const prober = new ApplicationProber(fetchUrl, clock);
    await prober.answers('d1', TARGET);
    await prober.answers('d2', 'http://198.51.100.7/');
    expect(fetchUrl).toHaveBeenCalledTimes(2);
  });
});
