/**
 * One SIGTERM to the app in sandbox mode (`node dist/main.js` without credentials, the sandbox in
 * the same process): requests in flight finish, then the process exits 0. Only the app handles the
 * signal; the sandbox stays up until the app has drained, so requests that go through it finish too.
 */
import http from 'node:http';
import { eventually } from '../src/common/testing/eventually';
import { buildIfNeeded, startAppProcess, type AppProcess } from './support/reliability-app-process';
import { SandboxControl } from './support/reliability-sandbox';
import { freePort } from './support/stack';

const SANDBOX_LATENCY_MS = 1_000;

interface Answer {
  status: number;
  body: string;
}

interface InFlight {
  /** Once the connection is open. */
  connected: Promise<void>;
  answer: Promise<Answer>;
}

function inFlight(request: http.ClientRequest): InFlight {
  const connected = new Promise<void>((resolve) => request.once('socket', (socket) => socket.once('connect', () => resolve())));
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  return { connected, answer };
}

/** A form post whose body the client sends in two parts: in flight until `finish()` is called. */
function slowUpload(port: number): InFlight & { finish(): void } {
  const body = 'region=us-east&type=g6-nanode-1&label=slow-upload';
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/',
    headers: { host: `localhost:${port}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length },
  });
  request.write(body.slice(0, 10));
  return { ...inFlight(request), finish: () => request.end(body.slice(10)) };
}

async function startInSandboxMode(): Promise<{ app: AppProcess; port: number; sandboxPort: number }> {
  const port = await freePort();
  const sandboxPort = await freePort();
  const app = await startAppProcess('shutdown', port, {
    PUBLIC_URL: `http://localhost:${port}`,
    SANDBOX_PORT: String(sandboxPort),
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
  });
  return { app, port, sandboxPort };
}

describe('SIGTERM in sandbox mode', () => {
  beforeAll(() => buildIfNeeded(), 180_000);

  it.each([1, 2, 3])('drains requests in flight and exits 0 (run %i)', async () => {
    const { app, port, sandboxPort } = await startInSandboxMode();
    await new SandboxControl(`http://127.0.0.1:${sandboxPort}`).addFault({ route: 'GET /oauth/authorize', latencyMs: SANDBOX_LATENCY_MS });
    const upload = slowUpload(port);
    upload.answer.catch(() => undefined); // awaited below, after the other one
    const throughSandbox = inFlight(
      http.get({ host: '127.0.0.1', port, path: '/__sandbox-login/oauth/authorize', headers: { host: `localhost:${port}` } }),
    );
    await Promise.all([upload.connected, throughSandbox.connected]);
    // Answered after both connections were accepted, so the app holds both requests.
    expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);

    const exitCode = app.stop();
    await eventually(() => (app.output().includes('shutting down') ? true : undefined));
    // The sandbox answers a second later: time enough for a second SIGTERM to arrive, were one sent.
    const proxied = await throughSandbox.answer;
    upload.finish();
    const uploaded = await upload.answer;

    expect(proxied.status).toBeGreaterThanOrEqual(200);
    expect(proxied.status).toBeLessThan(500);
    expect(uploaded.status).toBeGreaterThanOrEqual(200);
    expect(uploaded.status).toBeLessThan(500);
    expect(await exitCode).toBe(0);
    expect(app.output()).not.toContain('received again');
    expect(app.output()).toContain('shut down cleanly');
  });

  it('exits 1 at once on a second SIGTERM while requests are still in flight', async () => {
    const { app, port } = await startInSandboxMode();
    const upload = slowUpload(port);
    upload.answer.catch(() => undefined); // cut off: the process exits under it
    await upload.connected;
    expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);

    void app.stop();
    await eventually(() => (app.output().includes('shutting down') ? true : undefined));
    expect(await app.stop()).toBe(1);
    expect(app.output()).toContain('SIGTERM received again while shutting down: exiting now');
  });
});
