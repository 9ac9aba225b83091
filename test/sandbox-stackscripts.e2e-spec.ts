/**
 * Your own StackScripts in the sandbox, the way Linode does it: `POST/PUT/DELETE
 * /v4/linode/stackscripts` with a `stackscripts:read_write` token, lists with `X-Filter`, and
 * `POST /__sandbox/stackscripts` without a token. Bad input gets Linode's error envelope and a 4xx.
 */
import { pageSchema, stackScriptSchema, strictSchema } from '../src/sandbox/contract/linode.contract';
import { errorEnvelopeSchema } from '../src/linode/contract/linode.vocabulary';
import { RunningSandbox, startSandbox } from '../src/sandbox/start-sandbox';
import { SandboxTokenStore } from '../src/sandbox/tokens/sandbox-token.store';

let sandbox: RunningSandbox;

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test; the strict contract schemas check its shape.
  body: any;
}

async function call(
  path: string,
  init: { method?: string; token?: string; body?: unknown; rawBody?: string; filter?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.filter !== undefined) headers['x-filter'] = JSON.stringify(init.filter);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const response = await fetch(`${sandbox.url}${path}`, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function tokenFor(username: string, scopes = ['stackscripts:read_write']): string {
  return sandbox.app.get(SandboxTokenStore).issue({ clientId: sandbox.options.clientId, username, scopes, codeId: null }).accessToken;
}

const valid = { label: 'my-app', script: '#!/bin/bash\necho hi\n', images: ['linode/debian12'] };

function expectEnvelope(answer: Answer, status: number, errors: Array<{ field?: string; reason: string }>): void {
  expect(answer).toEqual({ status, body: { errors } });
  strictSchema(errorEnvelopeSchema).parse(answer.body);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
});

afterAll(() => sandbox.close());

/** A valid create of a Linode from the StackScript `id`. */
const createFrom = (id: number) => ({
  type: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  root_pass: 'vK7#pQ2$wL9!mZ4@xR8&',
  stackscript_id: id,
});

describe('POST /v4/linode/stackscripts', () => {
  it('creates a StackScript in Linode’s shape, UDFs parsed from its tags (required and lowercase oneof/manyof)', async () => {
    const script = [
      '#!/bin/bash',
      '# <UDF name="SIZE" label="Size" oneOf="s,m,l" default="m">',
      '# <UDF name="EXTRAS" label="Extras" manyOf="a,b" default="" />',
      '# <UDF name="TOKEN" label="API token" required="true" default="">',
    ].join('\n');
    const answer = await call('/v4/linode/stackscripts', {
      method: 'POST',
      token: tokenFor('alice'),
      body: { ...valid, script, is_public: true, description: 'mine', rev_note: 'v1' },
    });
    expect(answer.status).toBe(200);
    const stackScript = strictSchema(stackScriptSchema).parse(answer.body);
    expect(stackScript).toMatchObject({
      username: 'alice',
      mine: true,
      is_public: true,
      description: 'mine',
      rev_note: 'v1',
      ordinal: 0,
      logo_url: '',
    });
    expect(stackScript.user_defined_fields).toEqual([
      { name: 'SIZE', label: 'Size', oneof: 's,m,l', default: 'm' },
      { name: 'EXTRAS', label: 'Extras', manyof: 'a,b', default: '' },
      { name: 'TOKEN', label: 'API token', required: 'true', default: '' },
    ]);
    expect((await call(`/v4/linode/stackscripts/${stackScript.id}`)).body).toMatchObject({ id: stackScript.id, mine: false });
  });

  it('creates a UDF-free StackScript that can be deployed', async () => {
    const token = tokenFor('dora', ['stackscripts:read_write', 'linodes:read_write']);
    const created = await call('/v4/linode/stackscripts', { method: 'POST', token, body: valid });
    expect(created.body.user_defined_fields).toEqual([]);
    const linode = await call('/v4/linode/instances', {
      method: 'POST',
      token,
      body: createFrom(created.body.id),
    });
    expect(linode.status).toBe(200);
  });

  it('keeps a private StackScript to its owner: others get 404 and cannot deploy it', async () => {
    const created = await call('/v4/linode/stackscripts', { method: 'POST', token: tokenFor('erin'), body: valid });
    expect(created.body.is_public).toBe(false);
    expect((await call(`/v4/linode/stackscripts/${created.body.id}`)).status).toBe(404);
    expect((await call(`/v4/linode/stackscripts/${created.body.id}`, { token: tokenFor('frank') })).status).toBe(404);
    expect((await call(`/v4/linode/stackscripts/${created.body.id}`, { token: tokenFor('erin') })).body.mine).toBe(true);
    const deploy = await call('/v4/linode/instances', {
      method: 'POST',
      token: tokenFor('frank', ['linodes:read_write']),
      body: createFrom(created.body.id),
    });
    expectEnvelope(deploy, 400, [{ field: 'stackscript_id', reason: 'StackScript not found' }]);
  });

  describe('bad input: Linode’s envelope and a 4xx, never a 500', () => {
    const post = (body: unknown, token = tokenFor('bad')) => call('/v4/linode/stackscripts', { method: 'POST', token, body });

    it('an unknown image', async () => {
      expectEnvelope(await post({ ...valid, images: ['linode/beos5'] }), 400, [
        { field: 'images', reason: 'Image not found: linode/beos5' },
      ]);
    });

    it('a missing script', async () => {
      expectEnvelope(await post({ label: 'x-app', images: ['linode/debian12'] }), 400, [{ field: 'script', reason: 'script is required' }]);
    });

    it('a script without a shebang', async () => {
      expectEnvelope(await post({ ...valid, script: 'echo hi' }), 400, [
        { field: 'script', reason: 'Script must begin with a shebang (example: #!/bin/bash)' },
      ]);
    });

    it('1 MB of script', async () => {
      expectEnvelope(await post({ ...valid, script: `#!/bin/sh\n${'x'.repeat(1024 * 1024)}` }), 413, [
        { reason: 'Request entity too large' },
      ]);
    });

    it('a UDF tag with broken quotes', async () => {
      expectEnvelope(await post({ ...valid, script: '#!/bin/sh\n# <UDF name="A label="a">\n' }), 400, [
        { field: 'script', reason: 'UDF tag 1 is malformed: every attribute must read name="value"' },
      ]);
    });

    it('a wrong scope (403) and no token (401)', async () => {
      expectEnvelope(await post(valid, tokenFor('bad', ['stackscripts:read_only', 'linodes:read_write'])), 403, [
        { reason: 'Your OAuth token is not authorized to use this endpoint.' },
      ]);
      expectEnvelope(await call('/v4/linode/stackscripts', { method: 'POST', body: valid }), 401, [{ reason: 'Invalid OAuth token' }]);
    });

    it('a body that is not JSON, or not an object', async () => {
      expectEnvelope(await call('/v4/linode/stackscripts', { method: 'POST', token: tokenFor('bad'), rawBody: '{"label":' }), 400, [
        { reason: 'Invalid JSON in request body' },
      ]);
      expectEnvelope(await post([1, 2]), 400, [{ reason: 'The request body must be a JSON object' }]);
    });
  });
});

describe('PUT and DELETE /v4/linode/stackscripts/{id}', () => {
  it('lets the owner update (keeping what is left out) and delete; another account gets 403 on a public one', async () => {
    const owner = tokenFor('gina');
    const { body: created } = await call('/v4/linode/stackscripts', { method: 'POST', token: owner, body: { ...valid, is_public: true } });
    const path = `/v4/linode/stackscripts/${created.id}`;
    const updated = await call(path, { method: 'PUT', token: owner, body: { script: '#!/bin/sh\n# <UDF name="N" label="Name">\n' } });
    expect(updated.body).toMatchObject({ label: 'my-app', user_defined_fields: [{ name: 'N', label: 'Name' }] });
    expectEnvelope(await call(path, { method: 'PUT', token: owner, body: { is_public: false } }), 400, [
      { field: 'is_public', reason: 'A public StackScript cannot be made private' },
    ]);
    expectEnvelope(await call(path, { method: 'PUT', token: tokenFor('hank'), body: { label: 'mine now' } }), 403, [
      { reason: 'Unauthorized' },
    ]);
    expectEnvelope(await call(path, { method: 'DELETE', token: tokenFor('hank') }), 403, [{ reason: 'Unauthorized' }]);
    expect(await call(path, { method: 'DELETE', token: owner })).toEqual({ status: 200, body: {} });
    expect((await call(path)).status).toBe(404);
  });
});

describe('GET /v4/linode/stackscripts with X-Filter', () => {
  beforeAll(async () => {
    const ivy = tokenFor('ivy');
    await call('/v4/linode/stackscripts', { method: 'POST', token: ivy, body: { ...valid, label: 'ivy-private' } });
    await call('/v4/linode/stackscripts', { method: 'POST', token: ivy, body: { ...valid, label: 'ivy-public', is_public: true } });
  });

  const labels = (answer: Answer) =>
    strictSchema(pageSchema(stackScriptSchema))
      .parse(answer.body)
      .data.map((s) => s.label);

  it('lists the public ones to anyone, and the account’s private ones to it alone', async () => {
    expect(labels(await call('/v4/linode/stackscripts'))).toContain('ivy-public');
    expect(labels(await call('/v4/linode/stackscripts'))).not.toContain('ivy-private');
    expect(labels(await call('/v4/linode/stackscripts', { token: tokenFor('ivy', ['stackscripts:read_only']) }))).toContain('ivy-private');
    // A token that may not read StackScripts sees what anyone sees.
    expect(labels(await call('/v4/linode/stackscripts', { token: tokenFor('ivy', ['linodes:read_only']) }))).not.toContain('ivy-private');
  });

  it('filters by mine, is_public and label', async () => {
    const ivy = tokenFor('ivy', ['stackscripts:read_only']);
    expect(labels(await call('/v4/linode/stackscripts', { token: ivy, filter: { mine: true } }))).toEqual(['ivy-private', 'ivy-public']);
    expect(labels(await call('/v4/linode/stackscripts', { token: ivy, filter: { mine: true, is_public: false } }))).toEqual([
      'ivy-private',
    ]);
    expect(labels(await call('/v4/linode/stackscripts', { filter: { label: 'Hello world' } }))).toEqual(['Hello world']);
    expect(labels(await call('/v4/linode/stackscripts', { filter: { label: { '+contains': 'ivy' } } }))).toEqual(['ivy-public']);
    expect(labels(await call('/v4/linode/stackscripts', { filter: { mine: true } }))).toEqual([]);
  });

  it('refuses a field that is not filterable', async () => {
    const answer = await call('/v4/linode/stackscripts', { filter: { script: 'x' } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0]).toMatchObject({ field: 'X-Filter', reason: expect.stringContaining('script') });
  });
});

describe('POST /__sandbox/stackscripts', () => {
  it('registers a public StackScript without a token and answers it with its id; a reset keeps it', async () => {
    const answer = await call('/__sandbox/stackscripts', { method: 'POST', body: { ...valid, label: 'control-app' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: expect.any(Number), label: 'control-app', is_public: true, username: 'sandbox' });
    const own = await call('/v4/linode/stackscripts', { method: 'POST', token: tokenFor('jack'), body: { ...valid, is_public: true } });
    expect((await call('/__sandbox/reset', { method: 'POST' })).status).toBe(200);
    expect((await call(`/v4/linode/stackscripts/${answer.body.id}`)).status).toBe(200);
    expect((await call(`/v4/linode/stackscripts/${own.body.id}`)).status).toBe(404);
  });

  it('refuses bad input the same way as the API', async () => {
    const post = (body: unknown) => call('/__sandbox/stackscripts', { method: 'POST', body });
    expectEnvelope(await post({ ...valid, images: ['linode/beos5'] }), 400, [{ field: 'images', reason: 'Image not found: linode/beos5' }]);
    expectEnvelope(await post({ label: 'no-script', images: ['any/all'] }), 400, [{ field: 'script', reason: 'script is required' }]);
    expectEnvelope(await post({ ...valid, script: '#!/bin/sh\n<UDF name=A label="a">' }), 400, [
      { field: 'script', reason: 'UDF tag 1 is malformed: every attribute must read name="value"' },
    ]);
    expectEnvelope(await post({ ...valid, script: `#!/bin/sh\n${'x'.repeat(1024 * 1024)}` }), 413, [
      { reason: 'Request entity too large' },
    ]);
  });
});
