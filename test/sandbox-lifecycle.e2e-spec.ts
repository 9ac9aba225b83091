/**
 * A sandbox that runs forever: with a short SANDBOX_INSTANCE_TTL_MS, Linodes delete themselves,
 * their addresses come back (least recently used first, across the three documentation ranges),
 * the account limit makes room again, and after a thousand create → expire cycles a whole app
 * journey still ends with a running server. Memory stays bounded: events and tokens are capped.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { strictSchema } from '../src/sandbox/contract/linode.contract';
import { errorEnvelopeSchema } from '../src/linode/contract/linode.vocabulary';
import { SandboxEventLog } from '../src/sandbox/api/events/sandbox-event.log';
import { SandboxTokenStore } from '../src/sandbox/tokens/sandbox-token.store';
import { TestBrowser, eventually } from './support/browser';
import { requiredUdfValues } from './support/journey';
import { headingOf, runJourney } from './support/reliability-journey';
import { SandboxControl } from './support/reliability-sandbox';
import { startStack, type Stack } from './support/stack';
import { exitOf } from './support/exit-of';

/** Long enough for a whole app journey to see its server running; short enough for 1,000 cycles. */
const TTL_MS = 2_000;
const BOOT_MS = 100;
const CYCLES = 1_000;
/** Accounts cycling side by side, each with at most one live Linode (the account limit is 1). */
const ACCOUNTS = 125;
const CREATE_BODY = { type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', root_pass: 'vK7#pQ2$wL9!mZ4@xR8&' };
const DOCUMENTATION_ADDRESS = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.([1-9]\d?|1\d\d|2[0-4]\d|25[0-4])$/;

const strictErrors = strictSchema(errorEnvelopeSchema);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: Stack;
let control: SandboxControl;

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test; the strict contract schemas check its shape.
  body: any;
}

/** A fresh token per call, so the create rate limit (10 per 30 s per token) never gets in the way. */
async function api(username: string, path: string, method = 'GET', body?: unknown): Promise<Answer> {
  const token = stack.sandbox.app
    .get(SandboxTokenStore)
    .issue({ clientId: stack.sandbox.options.clientId, username, scopes: ['*'], codeId: null });
  const response = await fetch(`${stack.sandbox.url}/v4${path}`, {
    method,
    headers: { authorization: `Bearer ${token.accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const isAccountLimit = (answer: Answer) => answer.status === 400 && /^Account Limit reached/.test(answer.body?.errors?.[0]?.reason ?? '');

/**
 * Creates a Linode on an account that may still hold its previous one: the account limit refuses
 * until that one has expired, so each success proves the sandbox deleted the one before.
 */
async function createWhenRoom(username: string, deadline: number): Promise<{ id: number; ipv4: string }> {
  for (;;) {
    const answer = await api(username, '/linode/instances', 'POST', CREATE_BODY);
    if (answer.status === 200) return { id: answer.body.id, ipv4: answer.body.ipv4[0] };
    if (!isAccountLimit(answer)) throw new Error(`create for ${username} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    if (Date.now() > deadline) throw new Error(`${username}: no room on the account by the deadline (the previous Linode never expired)`);
    await sleep(50);
  }
}

beforeAll(async () => {
  stack = await startStack({ sandbox: { bootMs: BOOT_MS, instanceTtlMs: TTL_MS, maxInstancesPerAccount: 1 } });
  control = new SandboxControl(stack.sandbox.url);
});

afterAll(async () => {
  await stack?.close();
});

describe(`${CYCLES} create → expire cycles, then a whole journey`, () => {
  const created: Array<{ username: string; id: number; ipv4: string }> = [];

  beforeAll(async () => {
    const deadline = Date.now() + 45_000;
    await Promise.all(
      Array.from({ length: ACCOUNTS }, async (_, account) => {
        const username = `cycler-${account}`;
        for (let cycle = account; cycle < CYCLES; cycle += ACCOUNTS) {
          const linode = await createWhenRoom(username, deadline);
          created.push({ username, id: linode.id, ipv4: linode.ipv4 });
          // Asking again right away would only be refused: the Linode lives for TTL_MS.
          await sleep(TTL_MS - 100);
        }
      }),
    );
  }, 60_000);

  it('creates every one of them, the last included', () => {
    expect(created).toHaveLength(CYCLES);
    expect(new Set(created.map((linode) => linode.id)).size).toBe(CYCLES);
  });

  it('recycles addresses, all from the three documentation ranges', () => {
    const addresses = new Set(created.map((linode) => linode.ipv4));
    expect(addresses.size).toBeLessThan(CYCLES);
    expect([...addresses].filter((address) => !DOCUMENTATION_ADDRESS.test(address))).toEqual([]);
    const ranges = new Set([...addresses].map((address) => address.split('.').slice(0, 3).join('.')));
    expect([...ranges].sort()).toEqual(['192.0.2', '198.51.100', '203.0.113']);
  });

  it('deleted each of an account’s Linodes exactly TTL_MS after it was created', async () => {
    const username = `cycler-${ACCOUNTS - 1}`;
    const ids = created.filter((linode) => linode.username === username).map((linode) => linode.id);
    const events: Array<{ action: string; created: string; entity: { id: number } }> = (await api(username, '/account/events')).body.data;
    const at = (id: number, action: string) => events.find((event) => event.entity.id === id && event.action === action)?.created;
    // The oldest events may have been dropped (the log keeps maxEvents); the newest are all there.
    const checked = ids.slice(0, -1).filter((id) => at(id, 'linode_create') !== undefined);
    expect(checked.length).toBeGreaterThanOrEqual(3);
    for (const id of checked) {
      const lived = Date.parse(`${at(id, 'linode_delete')}Z`) - Date.parse(`${at(id, 'linode_create')}Z`);
      expect({ id, lived }).toEqual({ id, lived: TTL_MS });
    }
  });

  it('answers 404 for an expired Linode and lists its linode_delete event', async () => {
    const last = created[created.length - 1];
    const gone = await eventually(
      async () => {
        const answer = await api(last.username, `/linode/instances/${last.id}`);
        return answer.status === 404 ? answer : undefined;
      },
      { timeoutMs: TTL_MS + 5_000, intervalMs: 100 },
    );
    expect(gone.body).toEqual({ errors: [{ reason: 'Not found' }] });
    const events = await api(last.username, '/account/events');
    const ofLast = events.body.data.filter((event: { entity: { id: number } }) => event.entity.id === last.id);
    expect(ofLast.map((event: { action: string }) => event.action)).toEqual(['linode_delete', 'linode_boot', 'linode_create']);
  });

  it('keeps its events and tokens bounded', () => {
    const options = stack.sandbox.options;
    expect(stack.sandbox.app.get(SandboxEventLog).size).toBeLessThanOrEqual(options.maxEvents);
    expect(stack.sandbox.app.get(SandboxTokenStore).size).toBeLessThanOrEqual(options.maxTokens);
  });

  it('still runs a whole app journey to a running server on a recycled address', async () => {
    const udfValues = await requiredUdfValues(stack);
    const outcome = await runJourney(new TestBrowser(), stack.appUrl, {
      udfValues,
      username: 'after-recycling',
      pollIntervalMs: 100,
      settleTimeoutMs: 10_000,
    });
    expect({ end: outcome.end, heading: headingOf(outcome.final.body) }).toEqual({ end: 'settled', heading: 'Your server is running' });
    const mine = (await control.instances()).find((instance) => instance.username === 'after-recycling');
    expect(mine).toBeDefined();
    expect(created.map((linode) => linode.ipv4)).toContain(mine!.ipv4);
  });

  it('lets every Linode go once its time is up', async () => {
    const left = await eventually(async () => ((await control.instances()).length === 0 ? [] : undefined), {
      timeoutMs: TTL_MS + 5_000,
      intervalMs: 100,
    });
    expect(left).toEqual([]);
  });
});

describe('the account limit', () => {
  it('answers Linode’s 400 envelope, naming the limit, while the account is full', async () => {
    const first = await api('limited', '/linode/instances', 'POST', CREATE_BODY);
    expect(first.status).toBe(200);
    const refused = await api('limited', '/linode/instances', 'POST', CREATE_BODY);
    expect(refused.status).toBe(400);
    expect(() => strictErrors.parse(refused.body)).not.toThrow();
    expect(refused.body.errors[0].field).toBeUndefined();
    expect(refused.body.errors[0].reason).toContain('1 active Linodes per account');
    expect(refused.body.errors[0].reason).toContain('SANDBOX_MAX_INSTANCES_PER_ACCOUNT');
  });
});

describe('POST /__sandbox/reset', () => {
  it('still empties the sandbox and hands out addresses from the start again', async () => {
    await api('before-reset', '/linode/instances', 'POST', CREATE_BODY);
    const reset = await fetch(`${stack.sandbox.url}/__sandbox/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await control.instances()).toEqual([]);
    const fresh = await api('after-reset', '/linode/instances', 'POST', CREATE_BODY);
    expect(fresh.body.ipv4).toEqual(['192.0.2.1']);
  });
});

describe('sandbox mode (`npm start` without LINODE_CLIENT_ID)', () => {
  it('refuses to start with a bad SANDBOX_INSTANCE_TTL_MS or SANDBOX_MAX_INSTANCES_PER_ACCOUNT, naming both', async () => {
    const root = join(__dirname, '..');
    const { code, stdout, stderr } = await exitOf(
      spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'src', 'main.ts')], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          PORT: '1',
          SANDBOX_PORT: '2',
          SANDBOX_INSTANCE_TTL_MS: 'an hour',
          SANDBOX_MAX_INSTANCES_PER_ACCOUNT: '0',
          TS_NODE_PROJECT: join(root, 'tsconfig.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/invalid configuration/);
    expect(stderr).toMatch(/SANDBOX_INSTANCE_TTL_MS must be a whole number from 0 to \d+ \(got "an hour"\)/);
    expect(stderr).toMatch(/SANDBOX_MAX_INSTANCES_PER_ACCOUNT must be a whole number from 1 to \d+ \(got "0"\)/);
    expect(stdout).not.toMatch(/Sandbox mode|ready at/);
  }, 30_000);
});
