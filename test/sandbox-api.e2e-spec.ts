import { eventually } from '../src/common/testing/eventually';
/**
 * The sandbox's api.linode.com/v4 slice, over HTTP against a real sandbox: shapes (checked with the
 * project's strict Linode schemas), pagination, X-Filter, errors, scopes, per-account isolation,
 * the create rate limit and an instance's life from provisioning to running and deletion.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { z } from 'zod/v4';
import {
  eventSchema,
  imageSchema,
  linodeInstanceSchema,
  linodeTypeSchema,
  pageSchema,
  profileSchema,
  regionSchema,
  stackScriptSchema,
  strictSchema,
} from '../src/sandbox/contract/linode.contract';
import { errorEnvelopeSchema } from '../src/linode/contract/linode.vocabulary';
import { RunningSandbox, startSandbox } from '../src/sandbox/start-sandbox';
import { SandboxTokenStore } from '../src/sandbox/tokens/sandbox-token.store';

const BOOT_MS = 300;
const STRONG_PASSWORD = 'vK7#pQ2$wL9!mZ4@xR8&';
const DEMO_DATA = { APP_DOMAIN: 'app.example.com', ADMIN_EMAIL: 'me@example.com', DB_PASSWORD: 'db-Secret-9911' };

const strictType = strictSchema(linodeTypeSchema);
const strictRegion = strictSchema(regionSchema);
const strictImage = strictSchema(imageSchema);
const strictInstance = strictSchema(linodeInstanceSchema);
const strictEvent = strictSchema(eventSchema);
const strictPage = <T extends z.ZodTypeAny>(item: T) => strictSchema(pageSchema(item));
const strictErrors = strictSchema(errorEnvelopeSchema);

let sandbox: RunningSandbox;

interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  rawBody?: string;
  filter?: unknown;
  authorization?: string;
}

interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON under test; assertions and the strict schemas give it its shape. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test; the strict contract schemas check its shape.
  body: any;
}

async function call(path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization) headers.authorization = options.authorization;
  if (options.filter !== undefined) {
    headers['x-filter'] = typeof options.filter === 'string' ? options.filter : JSON.stringify(options.filter);
  }
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}/v4${path}`, { method: options.method ?? 'GET', headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

function tokenFor(username: string, scopes: string[] = ['*']) {
  return sandbox.app.get(SandboxTokenStore).issue({ clientId: sandbox.options.clientId, username, scopes, codeId: null });
}

/** A fresh token each time, so a test never runs into the create rate limit (10 per 30 s per token). */
function create(username: string, body: Record<string, unknown>): Promise<Answer> {
  return call('/linode/instances', { method: 'POST', token: tokenFor(username).accessToken, body });
}

function expectError(answer: Answer, status: number, errors: Array<{ field?: string; reason: string }>): void {
  expect({ status: answer.status, body: answer.body }).toEqual({ status, body: { errors } });
  strictErrors.parse(answer.body);
}

function sshPublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), data]);
  return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')} me@laptop`;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', bootMs: BOOT_MS });
});

afterAll(async () => {
  await sandbox.close();
});

describe('public catalogue (no token needed)', () => {
  it('lists plan types in Linode’s exact shape inside the pagination envelope', async () => {
    const answer = await call('/linode/types');
    expect(answer.status).toBe(200);
    const page = strictPage(strictType).parse(answer.body);
    expect(page).toMatchObject({ page: 1, pages: 1 });
    expect(page.results).toBe(page.data.length);
    expect(page.data.map((type) => type.id)).toContain('g6-nanode-1');
  });

  it('shows one plan type, with region prices for Jakarta and Sao Paulo', async () => {
    const answer = await call('/linode/types/g6-standard-2');
    expect(answer.status).toBe(200);
    const type = strictType.parse(answer.body);
    expect(type.region_prices.map((price) => price.id)).toEqual(['id-cgk', 'br-gru']);
  });

  it('lists regions and shows one', async () => {
    const list = await call('/regions');
    expect(list.status).toBe(200);
    const regions = strictPage(strictRegion).parse(list.body).data;
    expect(regions.some((region) => region.status === 'outage')).toBe(true);
    expect(regions.some((region) => !region.capabilities.includes('Linodes'))).toBe(true);
    const one = await call('/regions/us-east');
    expect(strictRegion.parse(one.body).label).toBe('Newark, NJ');
  });

  it('lists public images and shows one by its two-part id', async () => {
    const list = await call('/images');
    const images = strictPage(strictImage).parse(list.body).data;
    expect(images.every((image) => image.is_public)).toBe(true);
    const one = await call('/images/linode/debian12');
    expect(one.status).toBe(200);
    expect(strictImage.parse(one.body).id).toBe('linode/debian12');
  });

  it('shows the demo StackScript with lowercase UDF keys', async () => {
    const answer = await call('/linode/stackscripts/320826');
    expect(answer.status).toBe(200);
    const stackScript = strictSchema(stackScriptSchema).parse(answer.body);
    expect(stackScript.is_public).toBe(true);
    const keys = new Set(stackScript.user_defined_fields.flatMap((udf) => Object.keys(udf)));
    expect(keys).toContain('oneof');
    expect(keys).toContain('manyof');
    expect(keys).not.toContain('oneOf');
  });

  it.each([
    ['/linode/types/g0-nothing'],
    ['/regions/mars-1'],
    ['/images/linode/beos5'],
    ['/linode/stackscripts/1'],
    ['/linode/stackscripts/not-a-number'],
  ])('answers %s with 404 Not found', async (path) => {
    expectError(await call(path), 404, [{ reason: 'Not found' }]);
  });

  it('ignores an invalid token on a public endpoint and reports the scope headers', async () => {
    const answer = await call('/linode/types', { token: 'not-a-token' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-oauth-scopes')).toBe('unknown');
    expect(answer.headers.get('x-accepted-oauth-scopes')).toBe('*');
  });
});

describe('errors under /v4', () => {
  it('answers an unknown route with the 404 envelope', async () => {
    expectError(await call('/linode/volumes'), 404, [{ reason: 'Not found' }]);
  });

  it('answers a known path with another method with 405 and Allow', async () => {
    const answer = await call('/regions', { method: 'DELETE' });
    expectError(answer, 405, [{ reason: 'Method not allowed' }]);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers a malformed JSON body with 400', async () => {
    const token = tokenFor('alice').accessToken;
    expectError(await call('/linode/instances', { method: 'POST', token, rawBody: '{"type": ' }), 400, [
      { reason: 'Invalid JSON in request body' },
    ]);
  });
});

describe('pagination', () => {
  const pager = 'pager';
  beforeAll(async () => {
    // 26 Linodes need three tokens: each may create 10 per 30 s.
    const tokens = [tokenFor(pager), tokenFor(pager), tokenFor(pager)];
    for (let i = 0; i < 26; i += 1) {
      const answer = await call('/linode/instances', {
        method: 'POST',
        token: tokens[Math.floor(i / 10)].accessToken,
        body: { type: 'g6-nanode-1', region: 'us-east', booted: false },
      });
      expect(answer.status).toBe(200);
    }
  });

  const list = (query: string) => call(`/linode/instances${query}`, { token: tokenFor(pager).accessToken });

  it('defaults to page 1 of up to 100', async () => {
    const page = strictPage(strictInstance).parse((await list('')).body);
    expect(page).toMatchObject({ page: 1, pages: 1, results: 26 });
    expect(page.data).toHaveLength(26);
  });

  it('splits into pages of page_size', async () => {
    const first = strictPage(strictInstance).parse((await list('?page_size=25')).body);
    const second = strictPage(strictInstance).parse((await list('?page=2&page_size=25')).body);
    expect(first).toMatchObject({ page: 1, pages: 2, results: 26 });
    expect(first.data).toHaveLength(25);
    expect(second).toMatchObject({ page: 2, pages: 2, results: 26 });
    expect(second.data).toHaveLength(1);
    expect(second.data[0].id).toBeGreaterThan(first.data[24].id);
  });

  it('answers a page beyond the last with the last page', async () => {
    const page = strictPage(strictInstance).parse((await list('?page=40&page_size=25')).body);
    expect(page).toMatchObject({ page: 2, pages: 2 });
    expect(page.data).toHaveLength(1);
  });

  it('accepts page sizes 25 and 500', async () => {
    expect((await list('?page_size=25')).status).toBe(200);
    expect((await list('?page_size=500')).status).toBe(200);
  });

  it.each(['24', '501', 'ten'])('refuses page_size=%s with field page_size', async (size) => {
    expectError(await list(`?page_size=${size}`), 400, [{ field: 'page_size', reason: 'Must be a whole number from 25 to 500' }]);
  });

  it.each(['0', '-2', 'first'])('refuses page=%s with field page', async (page) => {
    expectError(await list(`?page=${page}`), 400, [{ field: 'page', reason: 'Must be a whole number of at least 1' }]);
  });

  it('wraps public collections in the same envelope', async () => {
    const page = strictPage(strictRegion).parse((await call('/regions?page_size=25')).body);
    expect(page.pages).toBe(Math.ceil(page.results / 25));
    expect(page.data).toHaveLength(25);
  });
});

describe('X-Filter', () => {
  const typeIds = async (filter: unknown) => {
    const answer = await call('/linode/types', { filter });
    expect(answer.status).toBe(200);
    return strictPage(strictType).parse(answer.body).data;
  };

  it('filters by equality', async () => {
    const types = await typeIds({ class: 'dedicated' });
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((type) => type.class === 'dedicated')).toBe(true);
  });

  it('filters with +contains', async () => {
    const types = await typeIds({ label: { '+contains': 'Dedicated' } });
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((type) => type.label.includes('Dedicated'))).toBe(true);
  });

  it('filters with +gt, +gte, +lt and +lte', async () => {
    expect((await typeIds({ vcpus: { '+gt': 4 } })).every((type) => type.vcpus > 4)).toBe(true);
    expect((await typeIds({ memory: { '+gte': 16384 } })).every((type) => type.memory >= 16384)).toBe(true);
    expect((await typeIds({ vcpus: { '+lt': 2 } })).every((type) => type.vcpus < 2)).toBe(true);
    const range = await typeIds({ memory: { '+gte': 4096, '+lte': 8192 } });
    expect(range.length).toBeGreaterThan(0);
    expect(range.every((type) => type.memory >= 4096 && type.memory <= 8192)).toBe(true);
  });

  it('filters with +neq', async () => {
    const types = await typeIds({ class: { '+neq': 'standard' } });
    expect(types.some((type) => type.class === 'standard')).toBe(false);
  });

  it('combines with +or and +and', async () => {
    const either = await typeIds({ '+or': [{ class: 'nanode' }, { class: 'gpu' }] });
    expect(new Set(either.map((type) => type.class))).toEqual(new Set(['nanode', 'gpu']));
    const both = await typeIds({ '+and': [{ class: 'standard' }, { vcpus: 2 }] });
    expect(both.map((type) => type.id)).toEqual(['g6-standard-2']);
  });

  it('orders with +order_by and +order', async () => {
    const types = await typeIds({ class: 'standard', '+order_by': 'memory', '+order': 'desc' });
    const memory = types.map((type) => type.memory);
    expect(memory).toEqual([...memory].sort((a, b) => b - a));
  });

  it('filters images by deprecated and refuses ordering by status', async () => {
    const answer = await call('/images', { filter: { deprecated: true } });
    const deprecated = strictPage(strictImage).parse(answer.body).data;
    expect(deprecated.map((image) => image.id)).toContain('linode/ubuntu20.04');
    expect(deprecated.every((image) => image.deprecated)).toBe(true);
    expectError(await call('/images', { filter: { '+order_by': 'status' } }), 400, [
      { field: 'X-Filter', reason: 'Cannot order by status' },
    ]);
  });

  it('refuses a field that is not filterable, naming it', async () => {
    expectError(await call('/linode/types', { filter: { price: 5 } }), 400, [{ field: 'X-Filter', reason: 'Cannot filter on price' }]);
  });

  it('refuses any filter on regions, which have no filterable fields', async () => {
    expectError(await call('/regions', { filter: { country: 'us' } }), 400, [{ field: 'X-Filter', reason: 'Cannot filter on country' }]);
  });

  it('refuses a header that is not JSON', async () => {
    expectError(await call('/linode/types', { filter: '{class:' }), 400, [{ field: 'X-Filter', reason: 'X-Filter is not valid JSON' }]);
  });

  it('filters an account’s Linodes by tag and label', async () => {
    const token = tokenFor('tagger').accessToken;
    for (const [label, tags] of [
      ['web-1', ['web']],
      ['db-1', ['database']],
    ] as const) {
      const answer = await call('/linode/instances', {
        method: 'POST',
        token,
        body: { type: 'g6-nanode-1', region: 'eu-west', label, tags },
      });
      expect(answer.status).toBe(200);
    }
    const byTag = await call('/linode/instances', { token, filter: { tags: 'database' } });
    expect(
      strictPage(strictInstance)
        .parse(byTag.body)
        .data.map((linode) => linode.label),
    ).toEqual(['db-1']);
    const byLabel = await call('/linode/instances', { token, filter: { label: { '+contains': 'web' } } });
    expect(
      strictPage(strictInstance)
        .parse(byLabel.body)
        .data.map((linode) => linode.label),
    ).toEqual(['web-1']);
  });
});

describe('tokens and scopes', () => {
  const protectedRoutes: Array<[string, string]> = [
    ['GET', '/linode/instances'],
    ['GET', '/linode/instances/1'],
    ['POST', '/linode/instances'],
    ['DELETE', '/linode/instances/1'],
    ['GET', '/account/events'],
    ['GET', '/profile'],
  ];

  it.each(protectedRoutes)('answers %s %s without a token with 401 Invalid OAuth token', async (method, path) => {
    const answer = await call(path, { method, body: method === 'POST' ? {} : undefined });
    expectError(answer, 401, [{ reason: 'Invalid OAuth token' }]);
    expect(answer.headers.get('x-oauth-scopes')).toBe('unknown');
  });

  it('refuses an unknown token, a revoked one and an expired one with 401', async () => {
    const store = sandbox.app.get(SandboxTokenStore);
    const revoked = tokenFor('alice');
    store.revoke(revoked);
    const expired = tokenFor('alice');
    expired.expiresAt = Date.now() - 1;
    for (const token of ['0123456789abcdef', revoked.accessToken, expired.accessToken]) {
      expectError(await call('/profile', { token }), 401, [{ reason: 'Invalid OAuth token' }]);
    }
  });

  it('refuses an Authorization header that is not a Bearer token', async () => {
    const token = tokenFor('alice').accessToken;
    expectError(await call('/profile', { authorization: `Basic ${token}` }), 401, [{ reason: 'Invalid OAuth token' }]);
  });

  it('answers a valid token without the scope with 403, naming both scopes in headers', async () => {
    const token = tokenFor('alice', ['linodes:read_only', 'domains:read_write']).accessToken;
    const answer = await call('/linode/instances', { method: 'POST', token, body: {} });
    expectError(answer, 403, [{ reason: 'Your OAuth token is not authorized to use this endpoint.' }]);
    expect(answer.headers.get('x-oauth-scopes')).toBe('linodes:read_only domains:read_write');
    expect(answer.headers.get('x-accepted-oauth-scopes')).toBe('linodes:read_write');
  });

  it('lets a read-only token list Linodes but not delete them', async () => {
    const token = tokenFor('alice', ['linodes:read_only']).accessToken;
    expect((await call('/linode/instances', { token })).status).toBe(200);
    expect((await call('/linode/instances/1', { method: 'DELETE', token })).status).toBe(403);
  });

  it('requires events:read_only for events', async () => {
    const linodesOnly = tokenFor('alice', ['linodes:read_write']).accessToken;
    expect((await call('/account/events', { token: linodesOnly })).status).toBe(403);
    const withEvents = tokenFor('alice', ['events:read_only']).accessToken;
    expect((await call('/account/events', { token: withEvents })).status).toBe(200);
  });

  it('accepts linodes:* and * for creating', async () => {
    for (const scopes of [['linodes:*'], ['*']]) {
      const token = tokenFor('scoper', scopes).accessToken;
      const answer = await call('/linode/instances', { method: 'POST', token, body: { type: 'g6-nanode-1', region: 'us-west' } });
      expect(answer.status).toBe(200);
    }
  });

  it('shows the profile to any valid token, whatever its scopes', async () => {
    const answer = await call('/profile', { token: tokenFor('carol', ['domains:read_only']).accessToken });
    expect(answer.status).toBe(200);
    expect(strictSchema(profileSchema).parse(answer.body).username).toBe('carol');
  });
});

describe('accounts are separate', () => {
  let aliceLinodeId: number;

  beforeAll(async () => {
    const answer = await create('iso-alice', { type: 'g6-nanode-1', region: 'us-east', label: 'private-box' });
    expect(answer.status).toBe(200);
    aliceLinodeId = answer.body.id;
  });

  it('does not list another account’s Linodes', async () => {
    const answer = await call('/linode/instances', { token: tokenFor('iso-bob').accessToken });
    expect(strictPage(strictInstance).parse(answer.body).results).toBe(0);
  });

  it('answers 404 for another account’s Linode, for reading and deleting', async () => {
    const token = tokenFor('iso-bob').accessToken;
    expectError(await call(`/linode/instances/${aliceLinodeId}`, { token }), 404, [{ reason: 'Not found' }]);
    expectError(await call(`/linode/instances/${aliceLinodeId}`, { method: 'DELETE', token }), 404, [{ reason: 'Not found' }]);
    expect((await call(`/linode/instances/${aliceLinodeId}`, { token: tokenFor('iso-alice').accessToken })).status).toBe(200);
  });

  it('does not show another account’s events', async () => {
    const answer = await call('/account/events', { token: tokenFor('iso-bob').accessToken });
    expect(strictPage(strictEvent).parse(answer.body).results).toBe(0);
  });

  it('lets two accounts use the same label', async () => {
    const answer = await create('iso-bob', { type: 'g6-nanode-1', region: 'us-east', label: 'private-box' });
    expect(answer.status).toBe(200);
  });
});

describe('creating a Linode', () => {
  const deployment = {
    type: 'g6-standard-1',
    region: 'us-east',
    image: 'linode/debian12',
    root_pass: STRONG_PASSWORD,
    stackscript_id: 320826,
    stackscript_data: DEMO_DATA,
    authorized_keys: [sshPublicKey()],
    label: 'demo-app-1',
    tags: ['demo'],
    booted: true,
  };

  it('answers 200 with the new Linode, provisioning, with addresses from the documentation ranges', async () => {
    const answer = await create('maker', deployment);
    expect(answer.status).toBe(200);
    const linode = strictInstance.parse(answer.body);
    expect(linode).toMatchObject({ status: 'provisioning', label: 'demo-app-1', image: 'linode/debian12', tags: ['demo'] });
    expect(linode.ipv4).toHaveLength(1);
    expect(linode.ipv4[0]).toMatch(/^192\.0\.2\.\d{1,3}$/);
    expect(linode.ipv6).toMatch(/^2001:db8:[0-9a-f:]*\/128$/);
    expect(linode.specs).toMatchObject({ memory: 2048, vcpus: 1 });
  });

  it('names a Linode without a label linode<id>', async () => {
    const answer = await create('maker', { type: 'g6-nanode-1', region: 'us-east' });
    expect(answer.body.label).toBe(`linode${answer.body.id}`);
  });

  it('gives every Linode its own IPv4 address', async () => {
    const first = await create('addresses', { type: 'g6-nanode-1', region: 'us-east' });
    const second = await create('addresses', { type: 'g6-nanode-1', region: 'us-east' });
    expect(first.body.ipv4[0]).not.toBe(second.body.ipv4[0]);
  });

  it('refuses a label the account already uses', async () => {
    await create('dupe', { type: 'g6-nanode-1', region: 'us-east', label: 'twin' });
    expectError(await create('dupe', { type: 'g6-nanode-1', region: 'us-east', label: 'twin' }), 400, [
      { field: 'label', reason: 'Label must be unique among your linodes' },
    ]);
  });

  const { image: _image, ...withoutImage } = deployment;
  const { root_pass: _rootPass, ...withoutPassword } = deployment;
  it.each<[string, Record<string, unknown>, Array<{ field: string; reason: string }>]>([
    [
      'type and region missing',
      {},
      [
        { field: 'type', reason: 'A Linode type is required' },
        { field: 'region', reason: 'A region is required' },
      ],
    ],
    ['an unknown type', { ...deployment, type: 'g0-huge' }, [{ field: 'type', reason: 'Not a valid Linode type' }]],
    ['an unknown region', { ...deployment, region: 'mars-1' }, [{ field: 'region', reason: 'Not a valid region' }]],
    [
      'a region without Linodes',
      { ...deployment, region: 'nl-ams' },
      [{ field: 'region', reason: 'Linodes cannot be created in this region' }],
    ],
    [
      'a region in an outage',
      { ...deployment, region: 'ap-southeast' },
      [{ field: 'region', reason: 'This region is currently unavailable' }],
    ],
    ['no image with a StackScript', withoutImage, [{ field: 'image', reason: 'An image is required to deploy a StackScript' }]],
    ['an unknown image', { ...deployment, image: 'linode/beos5' }, [{ field: 'image', reason: 'Not a valid image' }]],
    [
      'an image the StackScript does not support',
      { ...deployment, image: 'linode/alpine3.20' },
      [{ field: 'image', reason: 'This StackScript does not support this image' }],
    ],
    [
      'no root password with an image',
      withoutPassword,
      [{ field: 'root_pass', reason: 'A root password is required when deploying an image' }],
    ],
    ['a short root password', { ...deployment, root_pass: 'aB3$x' }, [{ field: 'root_pass', reason: 'Length must be 7-128 characters' }]],
    [
      'a weak root password',
      { ...deployment, root_pass: 'Password123!' },
      [{ field: 'root_pass', reason: 'Password does not meet strength requirement' }],
    ],
    ['a short label', { ...deployment, label: 'ab' }, [{ field: 'label', reason: 'Length must be 3-64 characters' }]],
    [
      'a label with a double dash',
      { ...deployment, label: 'my--app' },
      [
        {
          field: 'label',
          reason:
            'Labels must begin and end with a letter or number, and contain only letters, numbers, ' +
            'dashes, underscores and periods, never two dashes, underscores or periods in a row',
        },
      ],
    ],
    ['an unknown StackScript', { ...deployment, stackscript_id: 99 }, [{ field: 'stackscript_id', reason: 'StackScript not found' }]],
    [
      'a missing required UDF',
      { ...deployment, stackscript_data: { ...DEMO_DATA, DB_PASSWORD: '' } },
      [{ field: 'stackscript_data.DB_PASSWORD', reason: 'A value for DB_PASSWORD is required' }],
    ],
    [
      'a single choice outside its list',
      { ...deployment, stackscript_data: { ...DEMO_DATA, WEB_SERVER: 'iis' } },
      [{ field: 'stackscript_data.WEB_SERVER', reason: 'Must be one of: nginx, apache, caddy' }],
    ],
    [
      'a multiple choice outside its list',
      { ...deployment, stackscript_data: { ...DEMO_DATA, EXTRA_PACKAGES: 'git,emacs' } },
      [{ field: 'stackscript_data.EXTRA_PACKAGES', reason: 'Each value must be one of: git, htop, fail2ban, ufw, unattended-upgrades' }],
    ],
    [
      'stackscript_data over 65,535 characters',
      { ...deployment, stackscript_data: { ...DEMO_DATA, SITE_TITLE: 'x'.repeat(70_000) } },
      [{ field: 'stackscript_data', reason: 'Must be at most 65,535 characters as JSON' }],
    ],
    [
      'a malformed SSH key',
      { ...deployment, authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5'] },
      [{ field: 'authorized_keys', reason: 'Item 1 is not a valid SSH public key' }],
    ],
    ['a too short tag', { ...deployment, tags: ['ok-tag', 'x'] }, [{ field: 'tags', reason: 'Each tag must be 3-50 characters' }]],
    ['a booted flag that is not a boolean', { ...deployment, booted: 'yes' }, [{ field: 'booted', reason: 'Must be true or false' }]],
  ])('refuses %s with 400 naming the field', async (_case, body, errors) => {
    expectError(await create('validator', body), 400, errors);
  });

  it('reports several problems in one answer', async () => {
    const answer = await create('validator', {
      type: 'g6-nanode-1',
      region: 'nl-ams',
      image: 'linode/debian12',
      root_pass: 'abc',
      tags: ['x'],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual(['region', 'root_pass', 'tags']);
  });
});

describe('create rate limit', () => {
  it('allows 10 creates per 30 s per token, then answers 429 with Retry-After', async () => {
    const token = tokenFor('hasty').accessToken;
    const attempt = () => call('/linode/instances', { method: 'POST', token, body: { type: 'g6-nanode-1', region: 'us-east' } });
    for (let i = 1; i <= 10; i += 1) {
      const answer = await attempt();
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-limit')).toBe('10');
      expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(10 - i));
    }
    const refused = await attempt();
    expectError(refused, 429, [{ reason: 'Too many requests' }]);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('counts each token separately', async () => {
    const answer = await create('hasty', { type: 'g6-nanode-1', region: 'us-east' });
    expect(answer.status).toBe(200);
  });
});

describe('a Linode’s life', () => {
  it('goes from provisioning through booting to running, with create and boot events', async () => {
    const token = tokenFor('lifer').accessToken;
    const created = await call('/linode/instances', {
      method: 'POST',
      token,
      body: { type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', root_pass: STRONG_PASSWORD },
    });
    expect(created.body.status).toBe('provisioning');
    const id: number = created.body.id;

    const eventsOf = async () => {
      const answer = await call('/account/events', { token, filter: { 'entity.id': id, 'entity.type': 'linode' } });
      return strictPage(strictEvent).parse(answer.body).data;
    };
    const early = await eventsOf();
    expect(early.map((event) => [event.action, event.status])).toEqual([['linode_create', 'started']]);
    expect(early[0].percent_complete).toBeLessThan(100);

    const seen: string[] = [];
    await eventually(
      async () => {
        const linode = strictInstance.parse((await call(`/linode/instances/${id}`, { token })).body);
        if (seen[seen.length - 1] !== linode.status) seen.push(linode.status);
        return linode.status;
      },
      (status) => status === 'running',
    );
    expect(seen[0]).toBe('provisioning');
    expect(seen[seen.length - 1]).toBe('running');
    expect(seen.filter((status) => !['provisioning', 'booting', 'running'].includes(status))).toEqual([]);

    const events = await eventsOf();
    expect(events.map((event) => [event.action, event.status, event.percent_complete])).toEqual([
      ['linode_boot', 'finished', 100],
      ['linode_create', 'finished', 100],
    ]);
    expect(events[0].entity).toEqual({ id, label: created.body.label, type: 'linode', url: `/v4/linode/instances/${id}` });
    expect(events[0].username).toBe('lifer');
  });

  it('answers the EventPoller’s filter with the one matching event', async () => {
    const token = tokenFor('poller').accessToken;
    const created = await call('/linode/instances', { method: 'POST', token, body: { type: 'g6-nanode-1', region: 'us-east' } });
    await create('poller', { type: 'g6-nanode-1', region: 'us-east' });
    const filter = {
      '+order': 'asc',
      '+order_by': 'created',
      'entity.id': created.body.id,
      'entity.type': 'linode',
      action: 'linode_create',
    };
    const answer = await call('/account/events', { token, filter });
    const events = strictPage(strictEvent).parse(answer.body).data;
    expect(events.map((event) => [event.action, event.entity?.id])).toEqual([['linode_create', created.body.id]]);
  });

  it('lists events newest first by default', async () => {
    const token = tokenFor('orderly').accessToken;
    await call('/linode/instances', { method: 'POST', token, body: { type: 'g6-nanode-1', region: 'us-east' } });
    await call('/linode/instances', { method: 'POST', token, body: { type: 'g6-nanode-1', region: 'us-east' } });
    const events = await eventually(
      async () => strictPage(strictEvent).parse((await call('/account/events', { token })).body).data,
      (list) => list.length === 4,
    );
    const ids = events.map((event) => event.id);
    expect(events.map((event) => event.created)).toEqual([...events.map((event) => event.created)].sort().reverse());
    expect(ids[0]).toBe(Math.max(...ids));
  });

  it('stays offline after provisioning when created with booted false, without a boot event', async () => {
    const token = tokenFor('sleeper').accessToken;
    const created = await call('/linode/instances', {
      method: 'POST',
      token,
      body: { type: 'g6-nanode-1', region: 'us-east', booted: false },
    });
    const status = await eventually(
      async () => (await call(`/linode/instances/${created.body.id}`, { token })).body.status as string,
      (value) => value !== 'provisioning',
    );
    expect(status).toBe('offline');
    const events = strictPage(strictEvent).parse((await call('/account/events', { token })).body).data;
    expect(events.map((event) => event.action)).toEqual(['linode_create']);
  });

  it('deletes a Linode: 404 afterwards, gone from the list, and a linode_delete event', async () => {
    const token = tokenFor('deleter').accessToken;
    const created = await call('/linode/instances', { method: 'POST', token, body: { type: 'g6-nanode-1', region: 'us-east' } });
    const id: number = created.body.id;

    const deleted = await call(`/linode/instances/${id}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});

    expectError(await call(`/linode/instances/${id}`, { token }), 404, [{ reason: 'Not found' }]);
    expectError(await call(`/linode/instances/${id}`, { method: 'DELETE', token }), 404, [{ reason: 'Not found' }]);
    expect(strictPage(strictInstance).parse((await call('/linode/instances', { token })).body).results).toBe(0);
    const events = strictPage(strictEvent).parse((await call('/account/events', { token, filter: { action: 'linode_delete' } })).body).data;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'notification', entity: { id, type: 'linode' }, username: 'deleter' });
  });
});
