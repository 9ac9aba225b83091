/**
 * What a deploy link carries never reaches the request log: the app started as `npm start` runs it
 * (sandbox mode, JSON lines on stdout), visited through links that fill options.
 */
import { eventually } from '../src/common/testing/eventually';
import { buildIfNeeded, startAppProcess, type AppProcess } from './support/reliability-app-process';
import { freePort } from './support/stack';

const SECRET = 'VictimDbPass-123';
const ATTACKER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAttackerKey attacker@evil';

interface RequestLine {
  msg: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
}

function requestLines(output: string): RequestLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RequestLine)
    .filter((line) => line.res !== undefined);
}

describe('the request log and deploy links', () => {
  let app: AppProcess;
  let appUrl: string;

  beforeAll(async () => {
    buildIfNeeded();
    const port = await freePort();
    appUrl = `http://localhost:${port}`;
    app = await startAppProcess('request-log', port, {
      PUBLIC_URL: appUrl,
      SANDBOX_PORT: String(await freePort()),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      RATE_LIMIT_VALIDATE: '1',
    });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['the configure page', `/?udf_DB_PASSWORD=${SECRET}&region=us-east`, '/'],
    ['a deep link to a StackScript', `/s/320826?udf_pubkey=${encodeURIComponent(ATTACKER_KEY)}&udf_db_pass=${SECRET}`, '/s/320826'],
    ['a fragment with the form in its query', `/price-summary?region=us-east&udf_DB_PASSWORD=${SECRET}`, '/price-summary'],
  ])('logs %s by its path alone', async (_what, link, path) => {
    await fetch(`${appUrl}${link}`);
    const lines = await eventually(
      () => requestLines(app.output()).filter((line) => line.req?.url === path || line.req?.url.startsWith(`${path}?`)),
      (found) => found.length > 0,
    );
    expect(lines.map((line) => line.req?.url)).toEqual([path]);
    expect(app.output()).not.toContain(SECRET);
    expect(app.output()).not.toContain('AttackerKey');
  });

  it.each([
    [
      'a redirect to the canonical origin',
      () => fetch(`${appUrl.replace('localhost', '127.0.0.1')}/?from=elsewhere`, { redirect: 'manual' }),
      'GET',
      '/',
      308,
    ],
    ['a file under /static', () => fetch(`${appUrl}/static/css/app.css`), 'GET', '/static/css/app.css', 200],
    [
      'a rate-limited request',
      async () => {
        await fetch(`${appUrl}/validate`, { method: 'POST' });
        return fetch(`${appUrl}/validate`, { method: 'POST' });
      },
      'POST',
      '/validate',
      429,
    ],
  ])("logs %s, answered ahead of Nest's router", async (_what, send, method, path, status) => {
    expect((await send()).status).toBe(status);
    await eventually(
      () =>
        requestLines(app.output()).filter(
          (line) => line.req?.method === method && line.req.url === path && line.res?.statusCode === status,
        ),
      (found) => found.length > 0,
    );
  });
});
