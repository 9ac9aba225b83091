import { CreateInstanceRequest, LinodeApiClient, LinodeApiClientOptions } from './linode-api.client';
import { LinodeApiError, LinodeResponseError, LinodeUnavailableError } from './linode-api.error';
import type { LinodeCallInfo } from './linode-http';
import { aRegion, aStackScript, aType, anEvent, anImage, anInstance, FakeLinode, json, page } from './fake-linode.test-helper';

const TOKEN = 'user-access-token-0123456789';

const CREATE: CreateInstanceRequest = {
  type: 'g6-standard-1',
  region: 'us-east',
  image: 'linode/debian12',
  root_pass: 'a-strong-generated-root-password-!9',
  stackscript_id: 7,
  stackscript_data: { APP_DOMAIN: 'example.com' },
  authorized_keys: ['ssh-ed25519 AAAA user@host'],
  label: 'my-application-1',
  booted: true,
};

describe('LinodeApiClient', () => {
  let fake: FakeLinode;
  let client: LinodeApiClient;

  /** Short waits between retries, so that the specs run fast. */
  const makeClient = (options: LinodeApiClientOptions = {}) =>
    new LinodeApiClient(fake.config(), {
      timeoutMs: 1_000,
      ...options,
      resilience: { initialDelayMs: 1, maxDelayMs: 5, ...options.resilience },
    });

  beforeEach(async () => {
    fake = await FakeLinode.start();
    client = makeClient();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fake.close();
  });

  /** The wait before the n-th request (1-based), as the fake Linode saw it. */
  const waitBefore = (n: number) => fake.requests[n - 1].receivedAt - fake.requests[n - 2].receivedAt;
  const failWith = (status: number, headers: Record<string, string> = {}) =>
    fake.handle((_request, response) => json(response, status, { errors: [{ reason: `failed with ${status}` }] }, headers));

  const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );

  describe('request headers', () => {
    it('sends no Authorization header on public calls', async () => {
      fake.handle((_request, response) => json(response, 200, page([aRegion()])));
      await client.listRegions();
      expect(fake.requests[0].headers.authorization).toBeUndefined();
    });

    it("sends the user's token as a bearer token on private calls", async () => {
      fake.handle((_request, response) => json(response, 200, anInstance(5)));
      await client.getInstance(TOKEN, 5);
      expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    it('asks for JSON and names the app in the User-Agent', async () => {
      fake.handle((_request, response) => json(response, 200, aStackScript(7)));
      await client.getStackScript(7);
      expect(fake.requests[0].headers.accept).toBe('application/json');
      expect(fake.requests[0].headers['user-agent']).toMatch(/^install-on-linode\/\d+\.\d+\.\d+/);
    });

    it('sends a Content-Type only with a body', async () => {
      fake.handleInOrder(
        (_request, response) => json(response, 200, aStackScript(7)),
        (_request, response) => json(response, 200, anInstance()),
      );
      await client.getStackScript(7);
      await client.createInstance(TOKEN, CREATE);
      expect(fake.requests[0].headers['content-type']).toBeUndefined();
      expect(fake.requests[1].headers['content-type']).toBe('application/json');
    });

    it('sends a filter as JSON in X-Filter', async () => {
      fake.handle((_request, response) => json(response, 200, page([anInstance()])));
      await client.listInstances(TOKEN, { tags: 'my-application', '+or': [{ region: 'us-east' }] });
      expect(JSON.parse(String(fake.requests[0].headers['x-filter']))).toEqual({ tags: 'my-application', '+or': [{ region: 'us-east' }] });
    });

    it('escapes non-ASCII text in X-Filter, which must be a plain header value', async () => {
      fake.handle((_request, response) => json(response, 200, page([anInstance()])));
      await client.listInstances(TOKEN, { label: { '+contains': 'café ✓' } });
      const header = String(fake.requests[0].headers['x-filter']);
      expect(header).toBe('{"label":{"+contains":"caf\\u00e9 \\u2713"}}');
      expect(JSON.parse(header)).toEqual({ label: { '+contains': 'café ✓' } });
    });

    it('sends no X-Filter without a filter', async () => {
      fake.handle((_request, response) => json(response, 200, page([anImage()])));
      await client.listImages();
      expect(fake.requests[0].headers['x-filter']).toBeUndefined();
    });
  });

  describe('endpoints', () => {
    it('reads a public StackScript from /v4/linode/stackscripts/:id', async () => {
      fake.handle((_request, response) => json(response, 200, aStackScript(7)));
      expect((await client.getStackScript(7)).user_defined_fields[0].name).toBe('APP_DOMAIN');
      expect(fake.requests[0].pathname).toBe('/v4/linode/stackscripts/7');
    });

    it('creates an instance by POSTing the request body as JSON', async () => {
      fake.handle((_request, response) => json(response, 200, anInstance(55)));
      const instance = await client.createInstance(TOKEN, CREATE);
      expect(instance.id).toBe(55);
      expect(fake.requests[0]).toMatchObject({ method: 'POST', pathname: '/v4/linode/instances' });
      expect(JSON.parse(fake.requests[0].body)).toEqual(CREATE);
    });

    it('reads one instance', async () => {
      fake.handle((_request, response) => json(response, 200, anInstance(9)));
      expect((await client.getInstance(TOKEN, 9)).id).toBe(9);
      expect(fake.requests[0].pathname).toBe('/v4/linode/instances/9');
    });

    it('lists instances with a filter', async () => {
      fake.handle((_request, response) => json(response, 200, page([anInstance(1), anInstance(2)])));
      expect((await client.listInstances(TOKEN, { tags: 'my-application' })).map((i) => i.id)).toEqual([1, 2]);
      expect(fake.requests[0].headers['x-filter']).toBe('{"tags":"my-application"}');
    });

    it('deletes an instance', async () => {
      fake.handle((_request, response) => json(response, 200, {}));
      await expect(client.deleteInstance(TOKEN, 9)).resolves.toBeUndefined();
      expect(fake.requests[0]).toMatchObject({ method: 'DELETE', pathname: '/v4/linode/instances/9' });
    });

    it('reads only the first page of events, 25 at most', async () => {
      fake.handle((_request, response) => json(response, 200, page([anEvent(1), anEvent(2)], 1, 4, 200)));
      const events = await client.listEvents(TOKEN, { 'entity.id': 123 });
      expect(events.map((e) => e.id)).toEqual([1, 2]);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0].query.get('page_size')).toBe('25');
    });

    it('refuses an empty token without calling Linode', async () => {
      await expect(client.getInstance('', 1)).rejects.toBeInstanceOf(TypeError);
      expect(fake.requests).toHaveLength(0);
    });

    it('refuses an id that is not a positive whole number without calling Linode', async () => {
      await expect(client.getInstance(TOKEN, -1)).rejects.toBeInstanceOf(TypeError);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('pagination', () => {
    it('reads every page, 500 items at a time, and returns the items in order', async () => {
      fake.handle((request, response) => {
        const n = Number(request.query.get('page'));
        json(response, 200, page([aType(`type-${n}a`), aType(`type-${n}b`)], n, 3, 6));
      });
      const types = await client.listTypes();
      expect(types.map((t) => t.id)).toEqual(['type-1a', 'type-1b', 'type-2a', 'type-2b', 'type-3a', 'type-3b']);
      expect(fake.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
      expect(fake.requests.every((r) => r.query.get('page_size') === '500')).toBe(true);
    });

    it('keeps the filter on every page', async () => {
      fake.handle((request, response) => {
        const n = Number(request.query.get('page'));
        json(response, 200, page([anInstance(n)], n, 2, 2));
      });
      await client.listInstances(TOKEN, { tags: 'demo' });
      expect(fake.requests.map((r) => r.headers['x-filter'])).toEqual(['{"tags":"demo"}', '{"tags":"demo"}']);
    });

    it('starts over when the collection changes while it is read', async () => {
      let calls = 0;
      fake.handle((request, response) => {
        calls++;
        const n = Number(request.query.get('page'));
        const results = calls === 2 ? 3 : 4; // the second request sees an extra item
        json(response, 200, page([aRegion(`r${n}`)], n, 2, results));
      });
      const regions = await client.listRegions();
      expect(regions.map((r) => r.id)).toEqual(['r1', 'r2']);
      expect(fake.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '1', '2']);
    });

    it('gives up when the collection keeps changing', async () => {
      let results = 0;
      fake.handle((request, response) => {
        const n = Number(request.query.get('page'));
        json(response, 200, page([aRegion(`r${n}`)], n, 2, ++results));
      });
      const error = await rejectionOf(client.listRegions());
      expect(error).toBeInstanceOf(LinodeResponseError);
      expect((error as Error).message).toContain('changed while it was read');
    });

    it('refuses a collection of more than 50 pages', async () => {
      fake.handle((_request, response) => json(response, 200, page([aRegion()], 1, 51, 51)));
      await expect(client.listRegions()).rejects.toBeInstanceOf(LinodeResponseError);
      expect(fake.requests).toHaveLength(1);
    });
  });

  describe('errors', () => {
    it("maps Linode's error envelope, keeping each field and reason", async () => {
      fake.handle((_request, response) =>
        json(response, 400, {
          errors: [{ field: 'root_pass', reason: 'Password does not meet strength requirement' }, { reason: 'Something else' }],
        }),
      );
      const error = (await rejectionOf(client.createInstance(TOKEN, CREATE))) as LinodeApiError;
      expect(error).toBeInstanceOf(LinodeApiError);
      expect(error).toMatchObject({ status: 400, method: 'POST', path: '/linode/instances' });
      expect(error.errors).toEqual([
        { field: 'root_pass', reason: 'Password does not meet strength requirement' },
        { field: null, reason: 'Something else' },
      ]);
      expect(error.message).toBe(
        'Linode API POST /linode/instances answered 400: root_pass: Password does not meet strength requirement; Something else',
      );
    });

    it('turns an HTML error page into one reason that names the status', async () => {
      fake.handle((_request, response) => {
        response.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end('<html><body>Access Denied</body></html>');
      });
      const error = (await rejectionOf(client.getInstance(TOKEN, 5))) as LinodeApiError;
      expect(error.status).toBe(403);
      expect(error.errors).toEqual([{ field: null, reason: 'Linode answered 403 with a body of type text/html instead of a JSON error' }]);
    });

    it('never puts the token in an error message', async () => {
      fake.handle((_request, response) => json(response, 401, { errors: [{ reason: 'Invalid OAuth token' }] }));
      const error = (await rejectionOf(client.getInstance(TOKEN, 5))) as LinodeApiError;
      expect(error.status).toBe(401);
      expect(error.message).not.toContain(TOKEN);
    });

    it('reports an instance it cannot read at all (no id) without quoting the body', async () => {
      fake.handle((_request, response) => json(response, 200, { ...anInstance(), id: 'not-an-id' }));
      const error = (await rejectionOf(client.getInstance(TOKEN, 5))) as LinodeResponseError;
      expect(error).toBeInstanceOf(LinodeResponseError);
      expect(error.issues[0]).toMatch(/^id: /);
      expect(error.message).not.toContain('not-an-id');
    });

    it('reads a field of another type than expected as its fallback instead of failing', async () => {
      fake.handle((_request, response) => json(response, 200, { ...anInstance(), ipv4: 'not-a-list' }));
      expect((await client.getInstance(TOKEN, 5)).ipv4).toEqual([]);
    });

    it('reads a status Linode added after this was written as busy, so the instance stays readable', async () => {
      fake.handle((_request, response) => json(response, 200, { ...anInstance(), status: 'resizing' }));
      expect((await client.getInstance(TOKEN, 5)).status).toBe('busy');
    });

    it('reports a success that is not JSON', async () => {
      fake.handle((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html' });
        response.end('<html></html>');
      });
      const error = (await rejectionOf(client.getInstance(TOKEN, 5))) as LinodeResponseError;
      expect(error).toBeInstanceOf(LinodeResponseError);
      expect(error.issues).toEqual(['the body is not JSON']);
    });

    it('times out a request that gets no answer', async () => {
      client = makeClient({ timeoutMs: 50, resilience: { retries: 0 } });
      fake.handle(() => undefined);
      const error = (await rejectionOf(client.getInstance(TOKEN, 5))) as LinodeUnavailableError;
      expect(error).toBeInstanceOf(LinodeUnavailableError);
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('Linode API GET /linode/instances/5 timed out after 50 ms');
    });

    it('reports a connection failure as a network error', async () => {
      const url = fake.url;
      await fake.close();
      const offline = new LinodeApiClient({ linode: { ...fake.config().linode, apiUrl: `${url}/v4` } }, { resilience: { retries: 0 } });
      const error = (await rejectionOf(offline.listRegions())) as LinodeUnavailableError;
      expect(error.kind).toBe('network');
      expect(error.message).toBe('Linode API GET /regions failed: ECONNREFUSED');
      fake = await FakeLinode.start(); // for afterEach
    });
  });

  describe('retries', () => {
    it('retries a GET after a 503 and returns the later answer', async () => {
      fake.handleInOrder(
        (_request, response) => json(response, 503, { errors: [{ reason: 'Service unavailable' }] }),
        (_request, response) => json(response, 200, anInstance(5)),
      );
      await expect(client.getInstance(TOKEN, 5)).resolves.toMatchObject({ id: 5 });
      expect(fake.requests).toHaveLength(2);
    });

    it('waits as long as Retry-After says before retrying a GET after a 429', async () => {
      fake.handleInOrder(
        (_request, response) => json(response, 429, { errors: [{ reason: 'Too many requests' }] }, { 'Retry-After': '1' }),
        (_request, response) => json(response, 200, anInstance(5)),
      );
      await client.getInstance(TOKEN, 5);
      expect(waitBefore(2)).toBeGreaterThanOrEqual(990);
    });

    it('backs off exponentially, with jitter, when there is no Retry-After', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(0.999);
      client = makeClient({ resilience: { initialDelayMs: 100, maxDelayMs: 1_000 } });
      fake.handleInOrder(
        (_request, response) => json(response, 502, { errors: [{ reason: 'Bad gateway' }] }),
        (_request, response) => json(response, 502, { errors: [{ reason: 'Bad gateway' }] }),
        (_request, response) => json(response, 200, anInstance(5)),
      );
      await client.getInstance(TOKEN, 5);
      expect(waitBefore(2)).toBeGreaterThanOrEqual(95);
      expect(waitBefore(3)).toBeGreaterThanOrEqual(195);
    });

    it('fails fast, with the wait, when Retry-After is longer than the cap', async () => {
      client = makeClient({ resilience: { maxRetryAfterMs: 10_000 } });
      failWith(429, { 'Retry-After': '60' });
      const error = (await rejectionOf(client.getInstance(TOKEN, 5))) as LinodeApiError;
      expect(error.status).toBe(429);
      expect(error.retryAfterSeconds).toBe(60);
      expect(fake.requests).toHaveLength(1);
    });

    it('gives up after three attempts and reports the last answer', async () => {
      failWith(503);
      const error = (await rejectionOf(client.getInstance(TOKEN, 5))) as LinodeApiError;
      expect(error.status).toBe(503);
      expect(fake.requests).toHaveLength(3);
    });

    it('retries a GET after a timeout', async () => {
      client = makeClient({ timeoutMs: 50 });
      fake.handleInOrder(
        () => undefined,
        (_request, response) => json(response, 200, anInstance(5)),
      );
      await expect(client.getInstance(TOKEN, 5)).resolves.toMatchObject({ id: 5 });
      expect(fake.requests).toHaveLength(2);
    });

    it('does not retry a client error', async () => {
      failWith(404);
      await expect(client.getInstance(TOKEN, 1)).rejects.toBeInstanceOf(LinodeApiError);
      expect(fake.requests).toHaveLength(1);
    });

    it('never retries creating an instance after a 500', async () => {
      failWith(500);
      await expect(client.createInstance(TOKEN, CREATE)).rejects.toMatchObject({ status: 500 });
      expect(fake.requests).toHaveLength(1);
    });

    it('never retries creating an instance after a timeout', async () => {
      client = makeClient({ createTimeoutMs: 50 });
      fake.handle(() => undefined);
      await expect(client.createInstance(TOKEN, CREATE)).rejects.toMatchObject({ kind: 'timeout' });
      expect(fake.requests).toHaveLength(1);
    });

    it('retries creating an instance after a 429, which Linode did not accept, as late as Retry-After says', async () => {
      fake.handleInOrder(
        (_request, response) => json(response, 429, { errors: [{ reason: 'Too many requests' }] }, { 'Retry-After': '1' }),
        (_request, response) => json(response, 200, anInstance(77)),
      );
      await expect(client.createInstance(TOKEN, CREATE)).resolves.toMatchObject({ id: 77 });
      expect(fake.requests).toHaveLength(2);
      expect(waitBefore(2)).toBeGreaterThanOrEqual(990);
    });

    it('never retries deleting an instance after a 5xx: a repeat could report a false 404', async () => {
      failWith(503);
      await expect(client.deleteInstance(TOKEN, 9)).rejects.toMatchObject({ status: 503 });
      expect(fake.requests).toHaveLength(1);
    });
  });

  describe('circuit breaker', () => {
    const HALF_OPEN_AFTER_MS = 100;
    const pastHalfOpen = () => new Promise((resolve) => setTimeout(resolve, HALF_OPEN_AFTER_MS + 20));

    it('stops calling a failing Linode and fails at once, without retrying', async () => {
      client = makeClient({ resilience: { retries: 0, breakerThreshold: 2, halfOpenAfterMs: 60_000 } });
      failWith(500);
      await expect(client.listRegions()).rejects.toBeInstanceOf(LinodeApiError);
      await expect(client.listRegions()).rejects.toBeInstanceOf(LinodeApiError);
      const error = (await rejectionOf(client.listRegions())) as LinodeUnavailableError;
      expect(error).toBeInstanceOf(LinodeUnavailableError);
      expect(error.kind).toBe('circuit_open');
      expect(fake.requests).toHaveLength(2);
    });

    it('lets a trial through once open long enough, and closes again when it succeeds', async () => {
      client = makeClient({ resilience: { retries: 0, breakerThreshold: 1, halfOpenAfterMs: HALF_OPEN_AFTER_MS } });
      fake.handleInOrder(
        (_request, response) => json(response, 503, { errors: [{ reason: 'Down' }] }),
        (_request, response) => json(response, 200, page([aRegion()])),
      );
      await expect(client.listRegions()).rejects.toBeInstanceOf(LinodeApiError);
      await expect(client.listRegions()).rejects.toMatchObject({ kind: 'circuit_open' });
      await pastHalfOpen();
      await expect(client.listRegions()).resolves.toHaveLength(1);
      await expect(client.listRegions()).resolves.toHaveLength(1);
      expect(fake.requests).toHaveLength(3);
    });

    it('opens again when the trial fails', async () => {
      client = makeClient({ resilience: { retries: 0, breakerThreshold: 1, halfOpenAfterMs: HALF_OPEN_AFTER_MS } });
      failWith(503);
      await expect(client.listRegions()).rejects.toBeInstanceOf(LinodeApiError);
      await pastHalfOpen();
      await expect(client.listRegions()).rejects.toMatchObject({ status: 503 });
      await expect(client.listRegions()).rejects.toMatchObject({ kind: 'circuit_open' });
      expect(fake.requests).toHaveLength(2);
    });

    it('counts only consecutive failures', async () => {
      client = makeClient({ resilience: { retries: 0, breakerThreshold: 2 } });
      fake.handleInOrder(
        (_request, response) => json(response, 500, { errors: [{ reason: 'Down' }] }),
        (_request, response) => json(response, 200, page([aRegion()])),
        (_request, response) => json(response, 500, { errors: [{ reason: 'Down' }] }),
        (_request, response) => json(response, 200, page([aRegion()])),
      );
      await expect(client.listRegions()).rejects.toMatchObject({ status: 500 });
      await client.listRegions();
      await expect(client.listRegions()).rejects.toMatchObject({ status: 500 });
      await expect(client.listRegions()).resolves.toHaveLength(1);
    });

    it('does not count client errors as failures', async () => {
      client = makeClient({ resilience: { retries: 0, breakerThreshold: 1 } });
      failWith(404);
      await expect(client.getStackScript(404)).rejects.toBeInstanceOf(LinodeApiError);
      await expect(client.getStackScript(404)).rejects.toMatchObject({ status: 404 });
      expect(fake.requests).toHaveLength(2);
    });
  });

  describe('metrics hook', () => {
    it('reports each call with its templated endpoint, status and duration', async () => {
      const calls: LinodeCallInfo[] = [];
      client = makeClient({ onCall: (info) => calls.push(info) });
      fake.handle((_request, response) => json(response, 200, anInstance(31)));
      await client.getInstance(TOKEN, 31);
      expect(calls).toEqual([{ method: 'GET', endpoint: '/linode/instances/:id', status: 200, durationMs: expect.any(Number) }]);
    });

    it('reports a failed attempt as an error', async () => {
      const calls: LinodeCallInfo[] = [];
      client = makeClient({ timeoutMs: 50, resilience: { retries: 0 }, onCall: (info) => calls.push(info) });
      fake.handle(() => undefined);
      await expect(client.getInstance(TOKEN, 5)).rejects.toBeInstanceOf(LinodeUnavailableError);
      expect(calls.map((c) => c.status)).toEqual(['error']);
    });

    it('is not allowed to break a call by throwing', async () => {
      client = makeClient({
        onCall: () => {
          throw new Error('metrics broke');
        },
      });
      fake.handle((_request, response) => json(response, 200, anInstance(5)));
      await expect(client.getInstance(TOKEN, 5)).resolves.toMatchObject({ id: 5 });
    });
  });
});
