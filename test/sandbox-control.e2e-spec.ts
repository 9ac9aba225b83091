import { eventually } from '../src/common/testing/eventually';
/**
 * The sandbox's control plane (/__sandbox) over HTTP: listing instances and tokens, injecting
 * faults (status, rate, latency, count, hang) into API and login calls, the latency option, and
 * reset.
 */
import { SandboxAuthorizationCodeStore } from '../src/sandbox/oauth/authorization-code.store';
import { FaultInjector } from '../src/sandbox/control/fault-injector';
import { CreateInstanceRateLimiter } from '../src/sandbox/api/instances/create-rate-limiter';
import { RunningSandbox, startSandbox } from '../src/sandbox/start-sandbox';
import { SandboxTokenStore, tokenFingerprint } from '../src/sandbox/tokens/sandbox-token.store';
import { strictSchema } from '../src/sandbox/contract/linode.contract';
import { errorEnvelopeSchema } from '../src/linode/contract/linode.vocabulary';

let sandbox: RunningSandbox;

interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON (or the text of an HTML page) under test. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test; the strict contract schemas check its shape.
  body: any;
  ms: number;
}

async function call(
  path: string,
  options: { method?: string; token?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = Date.now();
  const response = await fetch(`${sandbox.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Login pages answer HTML; keep the text.
  }
  return { status: response.status, headers: response.headers, body, ms: Date.now() - started };
}

const addFault = (fault: Record<string, unknown>) => call('/__sandbox/faults', { method: 'POST', body: fault });

function tokenFor(username: string, scopes: string[] = ['*']) {
  return sandbox.app.get(SandboxTokenStore).issue({ clientId: sandbox.options.clientId, username, scopes, codeId: null });
}

async function createLinode(username: string, label?: string): Promise<Answer> {
  return call('/v4/linode/instances', {
    method: 'POST',
    token: tokenFor(username).accessToken,
    body: { type: 'g6-nanode-1', region: 'us-east', ...(label ? { label } : {}) },
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', bootMs: 300 });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  sandbox.app.get(FaultInjector).random = Math.random;
  expect((await call('/__sandbox/reset', { method: 'POST' })).status).toBe(200);
});

/** Waits until the one fault has caught `count` requests: a hung request is held from then on. */
async function heldRequests(count: number): Promise<void> {
  await eventually(
    async () => (await call('/__sandbox/faults')).body as Array<{ fired: number }>,
    (faults) => faults[0]?.fired === count,
  );
}
describe('GET /__sandbox/instances', () => {
  it('lists every account’s Linodes with owner, status, label, address and creation time', async () => {
    await createLinode('alice', 'alice-box');
    await createLinode('bob', 'bob-box');
    const answer = await call('/__sandbox/instances');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      expect.objectContaining({ username: 'alice', label: 'alice-box', status: 'provisioning', ipv4: '192.0.2.1' }),
      expect.objectContaining({ username: 'bob', label: 'bob-box', status: 'provisioning', ipv4: '192.0.2.2' }),
    ]);
    expect(answer.body[0].created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });
});

describe('GET /__sandbox/tokens', () => {
  it('lists tokens with status and scopes, by fingerprint, never the token itself', async () => {
    const active = tokenFor('alice', ['linodes:read_write']);
    const revoked = tokenFor('bob');
    sandbox.app.get(SandboxTokenStore).revoke(revoked);
    const expired = tokenFor('carol');
    expired.expiresAt = Date.now() - 1;

    const answer = await call('/__sandbox/tokens');
    expect(answer.status).toBe(200);
    expect(answer.body.map((token: { username: string; status: string }) => [token.username, token.status])).toEqual([
      ['alice', 'active'],
      ['bob', 'revoked'],
      ['carol', 'expired'],
    ]);
    expect(answer.body[0]).toMatchObject({ scopes: ['linodes:read_write'], fingerprint: tokenFingerprint(active.accessToken) });
    const text = JSON.stringify(answer.body);
    for (const token of [active, revoked, expired]) {
      expect(text).not.toContain(token.accessToken);
      expect(text).not.toContain(token.refreshToken);
    }
  });
});

describe('fault injection', () => {
  it('answers a matching request with the fault’s status in Linode’s error envelope', async () => {
    expect((await addFault({ route: 'GET /v4/linode/types', status: 500 })).status).toBe(201);
    const answer = await call('/v4/linode/types');
    expect(answer.status).toBe(500);
    expect(strictSchema(errorEnvelopeSchema).parse(answer.body)).toEqual({ errors: [{ reason: 'Internal server error' }] });
  });

  it('leaves other routes alone', async () => {
    await addFault({ route: 'GET /v4/linode/types', status: 500 });
    expect((await call('/v4/regions')).status).toBe(200);
    expect((await call('/v4/linode/types/g6-nanode-1')).status).toBe(200);
  });

  it('matches the rest of a path with *', async () => {
    await addFault({ route: 'GET /v4/linode/types/*', status: 502 });
    expect((await call('/v4/linode/types/g6-nanode-1')).status).toBe(502);
    expect((await call('/v4/linode/types')).status).toBe(200);
  });

  it('uses the given reason', async () => {
    await addFault({ route: 'GET /v4/regions', status: 503, reason: 'Scheduled maintenance' });
    expect((await call('/v4/regions')).body).toEqual({ errors: [{ reason: 'Scheduled maintenance' }] });
  });

  it('adds Retry-After to an injected 429', async () => {
    await addFault({ route: 'POST /v4/linode/instances', status: 429, retryAfter: 7 });
    const answer = await createLinode('alice');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.body).toEqual({ errors: [{ reason: 'Too many requests' }] });
  });

  it('defaults an injected 429’s Retry-After to 1 second', async () => {
    await addFault({ route: 'GET /v4/regions', status: 429 });
    expect((await call('/v4/regions')).headers.get('retry-after')).toBe('1');
  });

  it('stops after count requests and then removes itself', async () => {
    await addFault({ route: 'GET /v4/regions', status: 500, count: 2 });
    expect((await call('/v4/regions')).status).toBe(500);
    expect((await call('/v4/regions')).status).toBe(500);
    expect((await call('/v4/regions')).status).toBe(200);
    expect((await call('/__sandbox/faults')).body).toEqual([]);
  });

  it('fires for a request with probability rate', async () => {
    const faults = sandbox.app.get(FaultInjector);
    await addFault({ route: 'GET /v4/regions', status: 500, rate: 0.5 });
    faults.random = () => 0.49;
    expect((await call('/v4/regions')).status).toBe(500);
    faults.random = () => 0.5;
    expect((await call('/v4/regions')).status).toBe(200);
  });

  it('never fires at rate 0', async () => {
    await addFault({ route: '*', status: 500, rate: 0 });
    for (let i = 0; i < 5; i += 1) expect((await call('/v4/regions')).status).toBe(200);
  });

  it('delays a matching request by latencyMs and still answers it', async () => {
    await addFault({ route: 'GET /v4/regions', latencyMs: 150 });
    const slow = await call('/v4/regions');
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(145);
    expect((await call('/v4/linode/types')).ms).toBeLessThan(145);
  });

  it('delays and then fails when latency and status are combined', async () => {
    await addFault({ route: 'GET /v4/regions', latencyMs: 120, status: 504 });
    const answer = await call('/v4/regions');
    expect(answer.status).toBe(504);
    expect(answer.ms).toBeGreaterThanOrEqual(115);
  });

  it('applies to the login service too', async () => {
    await addFault({ route: 'POST /oauth/token', status: 503 });
    const answer = await call('/oauth/token', { method: 'POST' });
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ errors: [{ reason: 'Service unavailable' }] });
  });

  it('applies a "*" fault to every API and login call but never to the control plane', async () => {
    await addFault({ route: '*', status: 500 });
    expect((await call('/v4/regions')).status).toBe(500);
    expect((await call('/oauth/authorize')).status).toBe(500);
    expect((await call('/__sandbox/instances')).status).toBe(200);
  });

  it('hangs a request until the faults are cleared, then drops its connection', async () => {
    await addFault({ route: 'GET /v4/profile', hang: true });
    const token = tokenFor('alice').accessToken;
    await expect(call('/v4/profile', { token, signal: AbortSignal.timeout(150) })).rejects.toThrow();

    const pending = call('/v4/profile', { token });
    const outcome = pending.then(
      () => 'answered',
      () => 'dropped',
    );
    await heldRequests(2); // the aborted one and this one
    expect((await call('/__sandbox/faults', { method: 'DELETE' })).body).toEqual({ cleared: 1 });
    expect(await outcome).toBe('dropped');
    expect((await call('/v4/profile', { token })).status).toBe(200);
  });

  it('lists faults with what remains and how often they fired', async () => {
    await addFault({ route: 'GET /v4/regions', status: 500, count: 3 });
    await call('/v4/regions');
    expect((await call('/__sandbox/faults')).body).toEqual([
      {
        id: expect.any(String),
        route: 'GET /v4/regions',
        status: 500,
        reason: 'Internal server error',
        field: null,
        retryAfter: null,
        latencyMs: 0,
        hang: false,
        rate: 1,
        count: 3,
        remaining: 2,
        fired: 1,
      },
    ]);
  });

  it('removes one fault by id', async () => {
    const { body: fault } = await addFault({ route: 'GET /v4/regions', status: 500 });
    expect((await call(`/__sandbox/faults/${fault.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call('/v4/regions')).status).toBe(200);
    expect((await call(`/__sandbox/faults/${fault.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('clears every fault', async () => {
    await addFault({ route: 'GET /v4/regions', status: 500 });
    await addFault({ route: 'GET /v4/linode/types', status: 500 });
    expect((await call('/__sandbox/faults', { method: 'DELETE' })).body).toEqual({ cleared: 2 });
    expect((await call('/v4/regions')).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a route that is neither * nor METHOD /path', { route: 'regions', status: 500 }, 'route'],
    ['a status outside 400-599', { route: '*', status: 302 }, 'status'],
    ['a rate above 1', { route: '*', status: 500, rate: 1.5 }, 'rate'],
    ['a fault that does nothing', { route: '*' }, 'status'],
    ['both status and hang', { route: '*', status: 500, hang: true }, 'hang'],
    ['retryAfter without 429 or 503', { route: '*', status: 500, retryAfter: 5 }, 'retryAfter'],
    ['an unknown key', { route: '*', status: 500, probability: 1 }, ''],
    ['a count of 0', { route: '*', status: 500, count: 0 }, 'count'],
  ])('refuses %s with 400', async (_case, fault, field) => {
    const answer = await addFault(fault);
    expect(answer.status).toBe(400);
    strictSchema(errorEnvelopeSchema).parse(answer.body);
    const fields = answer.body.errors.map((error: { field?: string }) => error.field ?? '');
    expect(fields).toContain(field);
  });
});

describe('the latency option', () => {
  let slow: RunningSandbox;

  beforeAll(async () => {
    slow = await startSandbox({ port: 0, host: '127.0.0.1', latencyMs: 120 });
  });

  afterAll(async () => {
    await slow.close();
  });

  async function timed(path: string, init: RequestInit = {}): Promise<number> {
    const started = Date.now();
    await (await fetch(`${slow.url}${path}`, init)).text();
    return Date.now() - started;
  }

  it('delays every API call', async () => {
    expect(await timed('/v4/regions')).toBeGreaterThanOrEqual(115);
  });

  it('delays every login call', async () => {
    expect(await timed('/oauth/token', { method: 'POST' })).toBeGreaterThanOrEqual(115);
  });

  it('does not delay the control plane', async () => {
    expect(await timed('/__sandbox/faults')).toBeLessThan(115);
  });
});

describe('POST /__sandbox/reset', () => {
  it('forgets Linodes, events, tokens and faults', async () => {
    const token = tokenFor('alice');
    await createLinode('alice');
    await addFault({ route: 'GET /v4/linode/types', status: 500 });

    expect((await call('/__sandbox/reset', { method: 'POST' })).body).toEqual({ reset: true });

    expect((await call('/__sandbox/instances')).body).toEqual([]);
    expect((await call('/__sandbox/tokens')).body).toEqual([]);
    expect((await call('/__sandbox/faults')).body).toEqual([]);
    expect((await call('/v4/profile', { token: token.accessToken })).status).toBe(401);
    expect((await call('/v4/account/events', { token: tokenFor('alice').accessToken })).body.results).toBe(0);
    expect((await call('/v4/linode/types')).status).toBe(200);
  });

  it('frees addresses for reuse but never reuses an instance id', async () => {
    const before = await createLinode('alice');
    await call('/__sandbox/reset', { method: 'POST' });
    const after = await createLinode('alice');
    expect(after.body.ipv4).toEqual(before.body.ipv4);
    expect(after.body.id).toBeGreaterThan(before.body.id);
  });

  it('forgets create rate limits', async () => {
    const limiter = sandbox.app.get(CreateInstanceRateLimiter);
    for (let i = 0; i < 10; i += 1) limiter.hit('token-id');
    expect(limiter.hit('token-id').allowed).toBe(false);
    await call('/__sandbox/reset', { method: 'POST' });
    expect(limiter.hit('token-id').allowed).toBe(true);
  });

  it('forgets the login service’s authorization codes', async () => {
    const codes = sandbox.app.get(SandboxAuthorizationCodeStore, { strict: false });
    const reset = jest.spyOn(codes, 'reset');
    await call('/__sandbox/reset', { method: 'POST' });
    expect(reset).toHaveBeenCalledTimes(1);
    reset.mockRestore();
  });

  it('drops hung requests', async () => {
    await addFault({ route: 'GET /v4/regions', hang: true });
    const outcome = call('/v4/regions').then(
      () => 'answered',
      () => 'dropped',
    );
    await heldRequests(1);
    await call('/__sandbox/reset', { method: 'POST' });
    expect(await outcome).toBe('dropped');
  });
});
