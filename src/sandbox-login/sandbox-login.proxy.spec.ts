import { Logger } from '@nestjs/common';
import express from 'express';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { renderError } from '../common/page-exception.filter';
import { sandboxLoginProxy } from './sandbox-login.proxy';

const PUBLIC_ORIGIN = 'http://localhost:5000';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Stands in for the sandbox: records what reaches it and answers like its consent page. */
async function startUpstream(): Promise<{ server: Server; origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'referrer-policy': 'no-referrer',
        'set-cookie': 'sandbox=1; Path=/',
      });
      res.end('<form method="post" action="/__sandbox-login/oauth/authorize"></form>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function appFor(sandboxOrigin: string): express.Express {
  const app = express();
  // As the app renders its error pages (without its partials here: renderError falls back to text).
  app.set('views', join(__dirname, '..', '..', 'views'));
  app.set('view engine', 'hbs');
  const logger = new Logger('test');
  app.use('/__sandbox-login', sandboxLoginProxy(sandboxOrigin, PUBLIC_ORIGIN, logger));
  app.use((_req, res) => res.status(404).send('app 404'));
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => renderError(err, req, res, logger));
  return app;
}

describe('sandboxLoginProxy', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let app: express.Express;

  beforeAll(async () => {
    upstream = await startUpstream();
    app = appFor(upstream.origin);
  });
  afterAll(async () => {
    await new Promise((resolve) => upstream.server.close(resolve));
  });
  beforeEach(() => {
    upstream.seen.length = 0;
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('forwards the authorize page with its query to the sandbox, without the mount path', async () => {
    const res = await request(app).get('/__sandbox-login/oauth/authorize?client_id=a&state=s');
    expect(res.status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]).toMatchObject({ method: 'GET', url: '/oauth/authorize?client_id=a&state=s' });
  });

  it('tells the sandbox the mount path and the origin the browser sees, replacing whatever the client sent', async () => {
    await request(app)
      .get('/__sandbox-login/oauth/authorize')
      .set({ 'X-Forwarded-Prefix': '/evil', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' });
    expect(upstream.seen[0].headers).toMatchObject({
      'x-forwarded-prefix': '/__sandbox-login',
      'x-forwarded-host': 'localhost:5000',
      'x-forwarded-proto': 'http',
    });
  });

  it("keeps the app's cookies and credentials from the sandbox, and the sandbox's cookies from the browser", async () => {
    const res = await request(app).get('/__sandbox-login/oauth/authorize').set('Cookie', 'iol.sid=secret').set('Authorization', 'Bearer x');
    expect(upstream.seen[0].headers.cookie).toBeUndefined();
    expect(upstream.seen[0].headers.authorization).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it("answers with same-origin Referrer-Policy and adds form-action 'self' to the sandbox's CSP", async () => {
    const res = await request(app).get('/__sandbox-login/oauth/authorize');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; form-action 'self'");
  });

  it('streams a consent form posted from PUBLIC_URL through unchanged', async () => {
    const res = await request(app)
      .post('/__sandbox-login/oauth/authorize')
      .set('Origin', PUBLIC_ORIGIN)
      .type('form')
      .send('decision=approve&username=sandbox-user');
    expect(res.status).toBe(200);
    expect(upstream.seen[0]).toMatchObject({ method: 'POST', body: 'decision=approve&username=sandbox-user' });
  });

  it.each([
    ['Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin' }],
    ['neither Sec-Fetch-Site nor Origin (not a browser)', {}],
  ])('streams a consent form with %s through', async (_case, headers) => {
    const res = await request(app).post('/__sandbox-login/oauth/authorize').set(headers).type('form').send('a=b');
    expect(res.status).toBe(200);
  });

  it.each([
    ['another origin', { Origin: 'http://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site', Origin: PUBLIC_ORIGIN }],
  ])('refuses a consent form from %s with 403, without reaching the sandbox', async (_case, headers) => {
    const res = await request(app).post('/__sandbox-login/oauth/authorize').set(headers).type('form').send('decision=approve');
    expect(res.status).toBe(403);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('This sign-in form was not sent from this site’s own page');
    expect(upstream.seen).toHaveLength(0);
  });

  it.each([
    '/__sandbox-login/oauth/token',
    '/__sandbox-login/v4/profile',
    '/__sandbox-login/__sandbox/reset',
    '/__sandbox-login',
    '/__sandbox-login/oauth/authorize/x',
  ])('leaves %s to the app (its 404), never forwarding it', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(404);
    expect(res.text).toBe('app 404');
    expect(upstream.seen).toHaveLength(0);
  });

  it('answers 502 with a plain message, no stack trace, when the sandbox does not answer', async () => {
    const closed = await startUpstream();
    await new Promise((resolve) => closed.server.close(resolve));
    const res = await request(appFor(closed.origin)).get('/__sandbox-login/oauth/authorize');
    expect(res.status).toBe(502);
    expect(res.text).toContain('The sandbox sign-in page is not answering');
    expect(res.text).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
  });
});
