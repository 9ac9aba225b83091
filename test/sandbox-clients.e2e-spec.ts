/**
 * Any Linode client works against the sandbox: each test sends exactly what one of Linode's own
 * clients sends (plain fetch, no client library), from sign-in to deployment.
 * - linode_api4 (Python) LinodeLoginClient + LinodeClient, as Linode's Flask example uses them:
 *   `scopes` as a comma list on the authorize URL, a token request with only `code`, `client_id`
 *   and `client_secret` (no `grant_type`), a public StackScript read with `Bearer no-token`,
 *   revocation with `token_type_hint`.
 * - linode-cli: `Authorization: Bearer`, JSON bodies, `X-Filter` on lists.
 * - Cloud Manager's token request as multipart form data, with `grant_type`.
 * - @linode/api-v4, which calls some endpoints under `/v4beta`.
 */
import { RunningSandbox, startSandbox } from '../src/sandbox/start-sandbox';

const CLIENT_ID = 'clients-e2e';
const CLIENT_SECRET = 'clients-e2e-secret';
const REDIRECT_URI = 'http://localhost:5000/auth_callback';
const ROOT_PASS = 'vK7#pQ2$wL9!mZ4@xR8&';
const PYTHON_UA = 'python-linode_api4/5.25.0 python-requests/2.32.3';
const CLI_UA = 'linode-cli/5.56.0 linode-api-docs/4.189.0 python/3.12.3';

let sandbox: RunningSandbox;

beforeAll(async () => {
  // The browser part of sign-in (the consent page) is approved at once as `pyuser`: the clients
  // under test never see that page.
  sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    bootMs: 200,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    autoApprove: 'pyuser',
  });
});

afterAll(() => sandbox.close());

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test; the strict contract schemas check its shape.
  body: any;
}

async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${sandbox.url}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // HTML pages stay text.
  }
  return { status: response.status, headers: response.headers, body };
}

/** linode_api4 `generate_login_url(scopes=[…])` then the browser: the code from the redirect. */
async function pythonAuthorize(scopes: string): Promise<string> {
  const query = new URLSearchParams({ client_id: CLIENT_ID, response_type: 'code', scopes });
  const answer = await send(`/oauth/authorize?${query.toString()}`);
  expect(answer.status).toBe(302);
  const location = new URL(answer.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  return location.searchParams.get('code')!;
}

/** linode_api4 `finish_oauth(code)`: requests.post(data={code, client_id, client_secret}). */
async function pythonFinishOAuth(
  code: string,
): Promise<{ access_token: string; scopes: string; refresh_token: string; expires_in: number }> {
  const answer = await send('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'python-requests/2.32.3' },
    body: new URLSearchParams({ code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }).toString(),
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

function api(path: string, token: string, init: { method?: string; body?: unknown; filter?: unknown; userAgent?: string } = {}) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'user-agent': init.userAgent ?? PYTHON_UA,
  };
  if (init.filter !== undefined) headers['x-filter'] = JSON.stringify(init.filter);
  return send(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

describe("Linode's Python client, as the Flask example uses it", () => {
  it('registers a UDF-free StackScript through the control plane, then signs in, creates a Linode from it and revokes the token', async () => {
    const registered = await send('/__sandbox/stackscripts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        label: 'Demonstration_Public',
        script: '#!/bin/bash\necho "hello" > /root/hello.txt\n',
        images: ['linode/debian12', 'linode/ubuntu24.04'],
        description: 'Like make_stackscript.py makes',
      }),
    });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ is_public: true, user_defined_fields: [], username: 'sandbox' });
    const stackScriptId: number = registered.body.id;

    // LinodeClient('no-token'): the form's data comes from public endpoints with a dummy token.
    const types = await api('/v4/linode/types', 'no-token', { filter: { label: { '+contains': 'Linode' } } });
    expect(types.status).toBe(200);
    expect(types.body.data.length).toBeGreaterThan(0);
    const stackScript = await api(`/v4/linode/stackscripts/${stackScriptId}`, 'no-token');
    expect(stackScript.status).toBe(200);
    expect(stackScript.body.images).toEqual(['linode/debian12', 'linode/ubuntu24.04']);

    const code = await pythonAuthorize('linodes:read_write,stackscripts:read_only');
    const token = await pythonFinishOAuth(code);
    expect(token).toMatchObject({ expires_in: 7200 });
    expect(token.scopes.split(/[,\s]+/)).toEqual(['linodes:read_write', 'stackscripts:read_only']);

    // instance_create(type, region, group=…, image=…, stackscript=…) with the root password the
    // old client generated.
    const created = await api('/v4/linode/instances', token.access_token, {
      method: 'POST',
      body: {
        type: 'g6-nanode-1',
        region: 'us-east',
        image: 'linode/debian12',
        root_pass: ROOT_PASS,
        stackscript_id: stackScriptId,
        group: 'flask-app',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'provisioning', group: 'flask-app', image: 'linode/debian12' });

    // expire_token(token)
    const revoked = await send('/oauth/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token_type_hint: 'access_token',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        token: token.access_token,
      }).toString(),
    });
    expect(revoked.status).toBe(200);
    expect((await api('/v4/profile', token.access_token)).status).toBe(401);
  });

  it('deploys the built-in hello-world StackScript, which needs no stackscript_data', async () => {
    const token = await pythonFinishOAuth(await pythonAuthorize('linodes:read_write'));
    const created = await api('/v4/linode/instances', token.access_token, {
      method: 'POST',
      body: { type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', root_pass: ROOT_PASS, stackscript_id: 320827 },
    });
    expect(created.status).toBe(200);
  });
});

describe('linode-cli style: Bearer token, JSON bodies, X-Filter', () => {
  let token: string;

  beforeAll(async () => {
    // Cloud Manager's token request: multipart form data, with grant_type.
    const code = await pythonAuthorize('stackscripts:read_write,linodes:read_write');
    const form = new FormData();
    form.append('grant_type', 'authorization_code');
    form.append('client_id', CLIENT_ID);
    form.append('client_secret', CLIENT_SECRET);
    form.append('code', code);
    const answer = await send('/oauth/token', { method: 'POST', body: form });
    expect(answer.status).toBe(200);
    token = answer.body.access_token;
  });

  it('creates a private StackScript, finds it with mine, updates it, deploys it and deletes it', async () => {
    const cli = (path: string, init: Parameters<typeof api>[2] = {}) => api(path, token, { ...init, userAgent: CLI_UA });
    const created = await cli('/v4/linode/stackscripts', {
      method: 'POST',
      body: {
        label: 'cli-app',
        script: '#!/bin/bash\n# <UDF name="GREETING" label="Greeting" default="hi">\necho "$GREETING"\n',
        images: ['linode/debian12'],
        is_public: false,
        description: '',
        rev_note: 'first',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      mine: true,
      is_public: false,
      username: 'pyuser',
      user_defined_fields: [{ name: 'GREETING', label: 'Greeting', default: 'hi' }],
    });
    const id: number = created.body.id;

    const mine = await cli('/v4/linode/stackscripts', { filter: { mine: true } });
    expect(mine.body.data.map((s: { id: number }) => s.id)).toEqual([id]);

    const updated = await cli(`/v4/linode/stackscripts/${id}`, { method: 'PUT', body: { label: 'cli-app-2', rev_note: 'second' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ label: 'cli-app-2', rev_note: 'second' });

    const linode = await cli('/v4/linode/instances', {
      method: 'POST',
      body: { type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', root_pass: ROOT_PASS, stackscript_id: id },
    });
    expect(linode.status).toBe(200);

    expect((await cli(`/v4/linode/stackscripts/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await cli(`/v4/linode/stackscripts/${id}`)).status).toBe(404);
  });
});

describe('@linode/api-v4 style: /v4beta is an alias of /v4', () => {
  it('answers regions, creates and reads a Linode under /v4beta', async () => {
    const token = (await pythonFinishOAuth(await pythonAuthorize('linodes:read_write'))).access_token;
    const regions = await api('/v4beta/regions', token);
    expect(regions.status).toBe(200);
    expect(regions.body.data.map((r: { id: string }) => r.id)).toContain('us-east');
    const created = await api('/v4beta/linode/instances', token, {
      method: 'POST',
      body: { type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', root_pass: ROOT_PASS },
    });
    expect(created.status).toBe(200);
    const read = await api(`/v4beta/linode/instances/${created.body.id}?page=1`, token);
    expect(read.body).toMatchObject({ id: created.body.id });
    // Errors under /v4beta keep Linode's envelope.
    expect(await api('/v4beta/nothing-here', token)).toMatchObject({ status: 404, body: { errors: [{ reason: 'Not found' }] } });
  });
});
