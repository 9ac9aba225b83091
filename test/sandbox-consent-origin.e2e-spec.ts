/**
 * The standalone sandbox's consent form refuses a post from another site's page, by the rule the
 * app applies to its own forms: Sec-Fetch-Site first, then Origin; neither header is not a browser.
 */
import { type RunningSandbox, startSandbox } from '../src/sandbox/start-sandbox';

const REDIRECT_URI = 'http://localhost:5000/auth_callback';

describe('the sandbox consent form and cross-origin posts', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, redirectUri: REDIRECT_URI });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  /** An approval of a well-formed request: without a refusal the sandbox redirects to the callback with a code. */
  async function approve(headers: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({
      client_id: sandbox.options.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'linodes:read_write',
      scopes: 'linodes:read_write',
      state: 'state-1',
      username: 'sandbox-user',
      decision: 'approve',
    });
    return fetch(`${sandbox.url}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
      redirect: 'manual',
    });
  }

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['a foreign Origin without Sec-Fetch-Site', { origin: 'https://evil.example' }],
    ['Origin: null without Sec-Fetch-Site', { origin: 'null' }],
  ])('refuses %s with 403 and no code', async (_case, headers) => {
    const answer = await approve(headers);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('location')).toBeNull();
    expect(await answer.text()).toContain('This authorization request cannot be completed');
  });

  it.each([
    ['Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin' })],
    ['its own Origin without Sec-Fetch-Site', () => ({ origin: sandbox.url })],
    ['neither header (not a browser)', () => ({})],
    [
      'the app’s origin forwarded by its one-port proxy',
      () => ({ origin: 'http://localhost:5000', 'x-forwarded-host': 'localhost:5000', 'x-forwarded-proto': 'http' }),
    ],
  ])('accepts %s and redirects with a code', async (_case, headers) => {
    const answer = await approve(headers());
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });
});
