/**
 * The sandbox's login service (login.linode.com stand-in) driven over HTTP like a browser and an
 * OAuth client would: consent page → form post → redirect with a code → token exchange.
 */
import request from 'supertest';
import { createHash, randomBytes } from 'node:crypto';
import { RunningSandbox, startSandbox } from '../src/sandbox/start-sandbox';
import { SandboxOptions } from '../src/sandbox/sandbox.options';
import { SandboxTokenStore } from '../src/sandbox/tokens/sandbox-token.store';
import { SandboxAuthorizationCodeStore } from '../src/sandbox/oauth/authorization-code.store';

const CLIENT_ID = 'e2e-client';
const CLIENT_SECRET = 'e2e-secret';
const REDIRECT_URI = 'http://localhost:5000/auth_callback';
const BASE_OPTIONS: Partial<SandboxOptions> = {
  port: 0,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  clientLabel: 'E2E test app',
  redirectUri: REDIRECT_URI,
};
const CLIENT_CREDENTIALS = { client_id: CLIENT_ID, client_secret: CLIENT_SECRET };

type Query = Record<string, string>;

function authorizePath(query: Query): string {
  return `/oauth/authorize?${new URLSearchParams(query).toString()}`;
}

function baseQuery(extra: Query = {}): Query {
  return { client_id: CLIENT_ID, response_type: 'code', scope: 'linodes:read_write', state: 'state-1', ...extra };
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

interface FormInput {
  type: string;
  name: string;
  value: string;
  checked: boolean;
}

/** The consent form's inputs, read the way a browser would submit them. */
function formInputs(html: string): FormInput[] {
  return [...html.matchAll(/<input ([^>]*)>/g)].map(([, attributes]) => {
    const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? '';
    const decode = (value: string) =>
      value
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    return {
      type: attribute('type'),
      name: attribute('name'),
      value: decode(attribute('value')),
      checked: /\bchecked\b/.test(attributes),
    };
  });
}

/** What the browser posts when the user edits the form and presses a button. */
function submission(html: string, decision: 'approve' | 'deny', edits: { untick?: string[]; username?: string } = {}): URLSearchParams {
  const body = new URLSearchParams();
  for (const input of formInputs(html)) {
    if (input.type === 'checkbox') {
      if (input.checked && !edits.untick?.includes(input.value)) body.append(input.name, input.value);
    } else if (input.name === 'username' && edits.username !== undefined) {
      body.append('username', edits.username);
    } else {
      body.append(input.name, input.value);
    }
  }
  body.append('decision', decision);
  return body;
}

describe('sandbox login service (e2e)', () => {
  let sandbox: RunningSandbox;
  let tokens: SandboxTokenStore;

  beforeAll(async () => {
    sandbox = await startSandbox(BASE_OPTIONS);
    tokens = sandbox.app.get(SandboxTokenStore);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const http = () => request(sandbox.url);

  async function consentPage(query: Query): Promise<string> {
    const response = await http().get(authorizePath(query)).expect(200);
    return response.text;
  }

  async function postConsent(body: URLSearchParams) {
    return http().post('/oauth/authorize').type('form').send(body.toString());
  }

  /** Goes through the consent page and returns where the browser is sent. */
  async function authorize(
    query: Query,
    decision: 'approve' | 'deny' = 'approve',
    edits: { untick?: string[]; username?: string } = {},
  ): Promise<URL> {
    const response = await postConsent(submission(await consentPage(query), decision, edits));
    expect(response.status).toBe(302);
    return new URL(response.headers.location);
  }

  async function codeFor(query: Query, edits: { untick?: string[]; username?: string } = {}): Promise<string> {
    const code = (await authorize(query, 'approve', edits)).searchParams.get('code');
    expect(code).toMatch(/^[0-9a-f]{20}$/);
    return code as string;
  }

  function tokenRequest(fields: Record<string, string>) {
    return http().post('/oauth/token').type('form').send(new URLSearchParams(fields).toString());
  }

  function exchange(code: string, extra: Record<string, string> = {}) {
    return tokenRequest({ ...CLIENT_CREDENTIALS, code, ...extra });
  }

  describe('the authorization code flow', () => {
    it('gives a working token for the approved scopes, without PKCE', async () => {
      const code = await codeFor(baseQuery({ scope: 'linodes:read_write,events:read_only' }));
      const response = await exchange(code).expect(200);
      expect(response.body).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 7200,
        refresh_token: expect.any(String),
        scope: 'linodes:read_write events:read_only',
        scopes: 'linodes:read_write events:read_only',
      });
      const auth = tokens.authenticate(response.body.access_token);
      expect(auth.ok && auth.token).toMatchObject({
        username: 'sandbox-user',
        clientId: CLIENT_ID,
        scopes: ['linodes:read_write', 'events:read_only'],
      });
    });

    it('gives a working token with PKCE S256 and the right verifier', async () => {
      const { verifier, challenge } = pkcePair();
      const code = await codeFor(baseQuery({ code_challenge: challenge, code_challenge_method: 'S256' }));
      const response = await exchange(code, { grant_type: 'authorization_code', code_verifier: verifier }).expect(200);
      expect(tokens.authenticate(response.body.access_token).ok).toBe(true);
    });

    it('sends the code to the redirect URI with the state unchanged', async () => {
      const state = 'ünïcode & spaces/?=#';
      const location = await authorize(baseQuery({ state }));
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
      expect(location.searchParams.get('state')).toBe(state);
      expect(location.searchParams.get('code')).toBeTruthy();
    });

    it('sends no state back when none was sent', async () => {
      const query = baseQuery();
      delete query.state;
      const location = await authorize(query);
      expect(location.searchParams.has('state')).toBe(false);
    });

    it('signs the user in under the name typed on the consent page', async () => {
      const code = await codeFor(baseQuery(), { username: 'alice_01' });
      const response = await exchange(code).expect(200);
      const auth = tokens.authenticate(response.body.access_token);
      expect(auth.ok && auth.token.username).toBe('alice_01');
    });

    it('grants only the scopes left ticked', async () => {
      const code = await codeFor(baseQuery({ scope: 'linodes:read_write,events:read_only' }), { untick: ['events:read_only'] });
      const response = await exchange(code).expect(200);
      expect(response.body.scopes).toBe('linodes:read_write');
      const auth = tokens.authenticate(response.body.access_token);
      expect(auth.ok && auth.token.scopes).toEqual(['linodes:read_write']);
    });

    it('sends access_denied with the state when the user denies', async () => {
      const location = await authorize(baseQuery(), 'deny');
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('state')).toBe('state-1');
      expect(location.searchParams.has('code')).toBe(false);
    });

    it('sends access_denied when the user approves with every scope unticked', async () => {
      const location = await authorize(baseQuery(), 'approve', { untick: ['linodes:read_write'] });
      expect(location.searchParams.get('error')).toBe('access_denied');
    });

    it('shows the consent page again with 400 for a bad username', async () => {
      const response = await postConsent(submission(await consentPage(baseQuery()), 'approve', { username: 'x!' }));
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain('<form method="post" action="/oauth/authorize">');
      expect(response.text).toMatch(/username must be/i);
    });

    it('sends the code to a redirect URI with its own query, appending with &', async () => {
      const redirect = `${REDIRECT_URI}?returnTo=%2Fdeployments`;
      const location = await authorize(baseQuery({ redirect_uri: redirect }));
      expect(location.href.startsWith(`${redirect}&`)).toBe(true);
      expect(location.searchParams.get('returnTo')).toBe('/deployments');
    });
  });

  describe('the consent page', () => {
    it('is labelled as the sandbox and shows the client and each requested scope', async () => {
      const html = await consentPage(baseQuery({ scope: 'linodes:read_write events:read_only' }));
      expect(html).toContain('Linode sandbox — not the real Linode');
      expect(html).toContain('E2E test app');
      const boxes = formInputs(html).filter((input) => input.type === 'checkbox');
      expect(boxes.map(({ name, value, checked }) => ({ name, value, checked }))).toEqual([
        { name: 'scopes', value: 'linodes:read_write', checked: true },
        { name: 'scopes', value: 'events:read_only', checked: true },
      ]);
    });

    it('carries the original parameters as hidden inputs', async () => {
      const { challenge } = pkcePair();
      const query = baseQuery({ redirect_uri: `${REDIRECT_URI}?a=1`, code_challenge: challenge, code_challenge_method: 'S256' });
      const hidden = formInputs(await consentPage(query)).filter((input) => input.type === 'hidden');
      expect(Object.fromEntries(hidden.map((input) => [input.name, input.value]))).toEqual(query);
    });

    it('shows * as all scopes', async () => {
      expect(await consentPage(baseQuery({ scope: '*' }))).toContain('all scopes (*)');
    });

    it('escapes the state', async () => {
      const html = await consentPage(baseQuery({ state: '"><script>alert(1)</script>' }));
      expect(html).not.toContain('<script>');
      expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('is not cacheable, not frameable and runs no script', async () => {
      const response = await http().get(authorizePath(baseQuery())).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    });
  });

  describe('scope parameters', () => {
    it('accepts the scopes parameter of the python client', async () => {
      const query = baseQuery({ scopes: 'linodes:read_write,events:read_only' });
      delete query.scope;
      const code = await codeFor(query);
      expect((await exchange(code).expect(200)).body.scopes).toBe('linodes:read_write events:read_only');
    });

    it('accepts space-separated scopes under scope', async () => {
      const code = await codeFor(baseQuery({ scope: 'linodes:read_only events:read_only' }));
      expect((await exchange(code).expect(200)).body.scopes).toBe('linodes:read_only events:read_only');
    });

    it('sends invalid_scope to the client for an unknown scope', async () => {
      const response = await http()
        .get(authorizePath(baseQuery({ scope: 'linodes:read_write,gadgets:read_only' })))
        .expect(302);
      const location = new URL(response.headers.location);
      expect(location.searchParams.get('error')).toBe('invalid_scope');
      expect(location.searchParams.get('error_description')).toContain('gadgets:read_only');
      expect(location.searchParams.get('state')).toBe('state-1');
    });

    it('sends unsupported_response_type to the client for response_type=token', async () => {
      const response = await http()
        .get(authorizePath(baseQuery({ response_type: 'token' })))
        .expect(302);
      expect(new URL(response.headers.location).searchParams.get('error')).toBe('unsupported_response_type');
    });
  });

  describe('client and redirect URI checks', () => {
    async function expectErrorPage(query: Query): Promise<void> {
      const response = await http().get(authorizePath(query));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain('Linode sandbox');
    }

    it('shows an error page, not a redirect, for an unknown client', async () => {
      await expectErrorPage(baseQuery({ client_id: 'someone-else' }));
    });

    it('shows an error page, not a redirect, without a client_id', async () => {
      const query = baseQuery();
      delete query.client_id;
      await expectErrorPage(query);
    });

    it('shows an error page for an unknown client even when the POST is forged', async () => {
      const body = new URLSearchParams({ ...baseQuery({ client_id: 'someone-else' }), decision: 'approve', scopes: 'linodes:read_write' });
      const response = await postConsent(body);
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
    });

    it('accepts a sub-path of the registered redirect URI', async () => {
      const location = await authorize(baseQuery({ redirect_uri: `${REDIRECT_URI}/nested` }));
      expect(location.pathname).toBe('/auth_callback/nested');
    });

    it.each([
      ['another host', 'http://evil.example/auth_callback'],
      ['https://evil', 'https://evil'],
      ['a look-alike host', 'http://localhost:5000.evil.com/auth_callback'],
      ['credentials before another host', 'http://localhost:5000@evil.com/auth_callback'],
      ['a dot-dot escape', 'http://localhost:5000/auth_callback/../x'],
      ['an encoded dot-dot escape', 'http://localhost:5000/auth_callback/%2e%2e/x'],
      ['a sibling path', 'http://localhost:5000/auth_callback_evil'],
      ['another port', 'http://localhost:5001/auth_callback'],
      ['a fragment', `${REDIRECT_URI}#x`],
      ['a non-URL', 'not a url'],
    ])('shows an error page, not a redirect, for %s', async (_name, redirectUri) => {
      await expectErrorPage(baseQuery({ redirect_uri: redirectUri }));
    });

    it('refuses a forged consent POST with a redirect URI that is not allowed', async () => {
      const html = await consentPage(baseQuery());
      const body = submission(html, 'approve');
      body.set('redirect_uri', 'https://evil.example/auth_callback');
      const response = await postConsent(body);
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
    });
  });

  describe('PKCE', () => {
    it('rejects the plain method with invalid_request at the client', async () => {
      const response = await http()
        .get(authorizePath(baseQuery({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })))
        .expect(302);
      expect(new URL(response.headers.location).searchParams.get('error')).toBe('invalid_request');
    });

    it('rejects a challenge without a method (which means plain)', async () => {
      const response = await http()
        .get(authorizePath(baseQuery({ code_challenge: pkcePair().challenge })))
        .expect(302);
      expect(new URL(response.headers.location).searchParams.get('error')).toBe('invalid_request');
    });

    it('refuses a wrong verifier', async () => {
      const code = await codeFor(baseQuery({ code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }));
      const response = await exchange(code, { code_verifier: pkcePair().verifier }).expect(400);
      expect(response.body.error).toBe('invalid_grant');
    });

    it('refuses a missing verifier', async () => {
      const code = await codeFor(baseQuery({ code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }));
      expect((await exchange(code).expect(400)).body.error).toBe('invalid_grant');
    });

    it('refuses a verifier for a code requested without a challenge', async () => {
      const code = await codeFor(baseQuery());
      expect((await exchange(code, { code_verifier: pkcePair().verifier }).expect(400)).body.error).toBe('invalid_grant');
    });
  });

  describe('the token endpoint', () => {
    it('refuses a wrong client secret with 401 invalid_client', async () => {
      const code = await codeFor(baseQuery());
      const response = await exchange(code, { client_secret: 'wrong' }).expect(401);
      expect(response.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    });

    it('refuses a missing client secret with 401 invalid_client', async () => {
      const code = await codeFor(baseQuery());
      await tokenRequest({ client_id: CLIENT_ID, code }).expect(401);
    });

    it('refuses a code used twice and revokes the token the first use got', async () => {
      const code = await codeFor(baseQuery());
      const first = await exchange(code).expect(200);
      const second = await exchange(code).expect(400);
      expect(second.body.error).toBe('invalid_grant');
      expect(tokens.authenticate(first.body.access_token)).toEqual({ ok: false, status: 'revoked' });
    });

    it('refuses a redirect_uri different from the one the code was sent to', async () => {
      const code = await codeFor(baseQuery({ redirect_uri: `${REDIRECT_URI}?returnTo=%2F` }));
      const response = await exchange(code, { redirect_uri: REDIRECT_URI }).expect(400);
      expect(response.body.error).toBe('invalid_grant');
    });

    it('accepts the same redirect_uri the code was sent to', async () => {
      const redirect = `${REDIRECT_URI}?returnTo=%2F`;
      const code = await codeFor(baseQuery({ redirect_uri: redirect }));
      await exchange(code, { redirect_uri: redirect }).expect(200);
    });

    it('refuses an unknown code', async () => {
      expect((await exchange('0123456789abcdef0123').expect(400)).body.error).toBe('invalid_grant');
    });

    it('refuses an unknown grant type', async () => {
      const response = await tokenRequest({ ...CLIENT_CREDENTIALS, grant_type: 'client_credentials' }).expect(400);
      expect(response.body.error).toBe('unsupported_grant_type');
    });

    it('accepts a multipart form (as Cloud Manager sends)', async () => {
      const code = await codeFor(baseQuery());
      const response = await http()
        .post('/oauth/token')
        .field('grant_type', 'authorization_code')
        .field('client_id', CLIENT_ID)
        .field('client_secret', CLIENT_SECRET)
        .field('code', code)
        .expect(200);
      expect(tokens.authenticate(response.body.access_token).ok).toBe(true);
    });

    it('refuses a file in a multipart form with 400', async () => {
      const response = await http()
        .post('/oauth/token')
        .field('client_id', CLIENT_ID)
        .attach('code', Buffer.from('x'), 'code.txt')
        .expect(400);
      expect(response.body.error).toBe('invalid_request');
    });

    it('refuses a JSON body with 400 invalid_request', async () => {
      const response = await http()
        .post('/oauth/token')
        .send({ ...CLIENT_CREDENTIALS, code: 'x' })
        .expect(400);
      expect(response.body.error).toBe('invalid_request');
    });

    it('refuses a repeated parameter with 400 invalid_request', async () => {
      const response = await http()
        .post('/oauth/token')
        .type('form')
        .send(`client_id=${CLIENT_ID}&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&code=x`)
        .expect(400);
      expect(response.body.error).toBe('invalid_request');
    });

    it('marks token responses and errors as not cacheable', async () => {
      const code = await codeFor(baseQuery());
      expect((await exchange(code).expect(200)).headers['cache-control']).toBe('no-store');
      expect((await exchange(code).expect(400)).headers['cache-control']).toBe('no-store');
    });
  });

  describe('refresh', () => {
    it('rotates both tokens and ends the old pair at once', async () => {
      const first = (await exchange(await codeFor(baseQuery())).expect(200)).body;
      const refreshed = await tokenRequest({
        ...CLIENT_CREDENTIALS,
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
      }).expect(200);
      expect(refreshed.body).toMatchObject({ token_type: 'bearer', expires_in: 7200, scopes: 'linodes:read_write' });
      expect(refreshed.body.access_token).not.toBe(first.access_token);
      expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
      expect(tokens.authenticate(refreshed.body.access_token).ok).toBe(true);
      expect(tokens.authenticate(first.access_token)).toEqual({ ok: false, status: 'revoked' });
    });

    it('refuses the old refresh token after rotation', async () => {
      const first = (await exchange(await codeFor(baseQuery())).expect(200)).body;
      const refresh = { ...CLIENT_CREDENTIALS, grant_type: 'refresh_token', refresh_token: first.refresh_token };
      await tokenRequest(refresh).expect(200);
      expect((await tokenRequest(refresh).expect(400)).body.error).toBe('invalid_grant');
    });

    it('refuses a refresh with a wrong client secret', async () => {
      const first = (await exchange(await codeFor(baseQuery())).expect(200)).body;
      await tokenRequest({
        ...CLIENT_CREDENTIALS,
        client_secret: 'x',
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
      }).expect(401);
    });
  });

  describe('revoke', () => {
    function revoke(fields: Record<string, string>) {
      return http().post('/oauth/revoke').type('form').send(new URLSearchParams(fields).toString());
    }

    it('ends the access token and its refresh token at once', async () => {
      const first = (await exchange(await codeFor(baseQuery())).expect(200)).body;
      await revoke({ ...CLIENT_CREDENTIALS, token: first.access_token, token_type_hint: 'access_token' }).expect(200);
      expect(tokens.authenticate(first.access_token)).toEqual({ ok: false, status: 'revoked' });
      await tokenRequest({ ...CLIENT_CREDENTIALS, grant_type: 'refresh_token', refresh_token: first.refresh_token }).expect(400);
    });

    it('answers 200 for an unknown token', async () => {
      await revoke({ ...CLIENT_CREDENTIALS, token: 'not-a-token', token_type_hint: 'access_token' }).expect(200);
    });

    it('refuses wrong client credentials with 401 and keeps the token', async () => {
      const first = (await exchange(await codeFor(baseQuery())).expect(200)).body;
      const response = await revoke({ ...CLIENT_CREDENTIALS, client_secret: 'x', token: first.access_token }).expect(401);
      expect(response.body.error).toBe('invalid_client');
      expect(tokens.authenticate(first.access_token).ok).toBe(true);
    });
  });

  describe('robustness', () => {
    it.each([
      ['PUT', '/oauth/authorize'],
      ['DELETE', '/oauth/authorize'],
      ['GET', '/oauth/token'],
      ['PUT', '/oauth/revoke'],
    ])('answers %s %s with 405 and Allow', async (method, path) => {
      const response = await http()[method.toLowerCase() as 'put' | 'get' | 'delete'](path);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBeTruthy();
    });

    it('ignores unknown authorize parameters', async () => {
      await http()
        .get(authorizePath(baseQuery({ prompt: 'login', foo: 'bar' })))
        .expect(200);
    });

    it('refuses a repeated authorize parameter without failing', async () => {
      const response = await http().get(`${authorizePath(baseQuery())}&state=again`);
      expect(response.status).toBe(302);
      expect(new URL(response.headers.location).searchParams.get('error')).toBe('invalid_request');
    });

    it('answers a consent POST with a JSON body with 400', async () => {
      const response = await http()
        .post('/oauth/authorize')
        .send({ ...baseQuery(), decision: 'approve' });
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
    });

    it('answers a token POST with no body with 400', async () => {
      await http().post('/oauth/token').expect(400);
    });

    it('forgets pending codes when the code store is reset', async () => {
      const code = await codeFor(baseQuery());
      sandbox.app.get(SandboxAuthorizationCodeStore).reset();
      expect((await exchange(code).expect(400)).body.error).toBe('invalid_grant');
    });
  });
});

describe('sandbox login service with options (e2e)', () => {
  const started: RunningSandbox[] = [];

  async function start(options: Partial<SandboxOptions>): Promise<RunningSandbox> {
    const sandbox = await startSandbox({ ...BASE_OPTIONS, ...options });
    started.push(sandbox);
    return sandbox;
  }

  afterAll(async () => {
    await Promise.all(started.map((sandbox) => sandbox.close()));
  });

  it('refuses an expired code', async () => {
    const codeTtlMs = 50;
    const sandbox = await start({ codeTtlMs, autoApprove: 'ttl-user' });
    const response = await request(sandbox.url).get(authorizePath(baseQuery())).expect(302);
    const code = new URL(response.headers.location).searchParams.get('code') as string;
    // The behaviour under test is the passing of time itself.
    await new Promise((resolve) => setTimeout(resolve, codeTtlMs + 20));
    const exchanged = await request(sandbox.url)
      .post('/oauth/token')
      .type('form')
      .send(new URLSearchParams({ ...CLIENT_CREDENTIALS, code }).toString())
      .expect(400);
    expect(exchanged.body).toEqual({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
  });

  it('approves at once as the auto-approve user with every requested scope', async () => {
    const sandbox = await start({ autoApprove: 'robot' });
    const response = await request(sandbox.url)
      .get(authorizePath(baseQuery({ scope: 'linodes:read_write,events:read_only' })))
      .expect(302);
    const location = new URL(response.headers.location);
    expect(location.searchParams.get('state')).toBe('state-1');
    const exchanged = await request(sandbox.url)
      .post('/oauth/token')
      .type('form')
      .send(new URLSearchParams({ ...CLIENT_CREDENTIALS, code: location.searchParams.get('code') as string }).toString())
      .expect(200);
    expect(exchanged.body.scopes).toBe('linodes:read_write events:read_only');
    const auth = sandbox.app.get(SandboxTokenStore).authenticate(exchanged.body.access_token);
    expect(auth.ok && auth.token.username).toBe('robot');
  });

  it('does not auto-approve a request for an unknown client', async () => {
    const sandbox = await start({ autoApprove: 'robot' });
    const response = await request(sandbox.url).get(authorizePath(baseQuery({ client_id: 'other' })));
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });

  it('escapes the client label on the consent page', async () => {
    const sandbox = await start({ clientLabel: '<img src=x onerror=alert(1)> & Co' });
    const response = await request(sandbox.url).get(authorizePath(baseQuery())).expect(200);
    expect(response.text).not.toContain('<img');
    expect(response.text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
  });
});

describe('unreadable request bodies', () => {
  let sandbox: Awaited<ReturnType<typeof import('../src/sandbox/start-sandbox').startSandbox>>;
  beforeAll(async () => {
    const { startSandbox } = await import('../src/sandbox/start-sandbox');
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('answers a token request in an unknown charset with OAuth’s error JSON (400), not a stack trace', async () => {
    const res = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' },
      body: 'client_id=x',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'The request body could not be read' });
  });

  it('answers malformed JSON on the API with Linode’s error envelope (400)', async () => {
    const res = await fetch(`${sandbox.url}/v4/linode/instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body: '{"type":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ reason: 'Invalid JSON in request body' }] });
  });
});
