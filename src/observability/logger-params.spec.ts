import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from '../common/testing/eventually';
import { Body, Controller, Get, INestApplication, Logger, Param, Post, Res, ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Response } from 'express';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import request from 'supertest';
import type { LogLevel } from '../config/app-config';
import { loggerParams, requestLogger, wantsPrettyLogs } from './logger-params';
import { QuietBootLogger } from './quiet-boot-logger';

/** Every secret in these tests contains this marker, so one search finds any that leaked. */
const MARK = 'SECRET';

@Controller()
class SampleController {
  private readonly logger = new Logger('Sample');

  @Get('auth_callback')
  callback(@Res({ passthrough: true }) res: Response): string {
    this.logger.log(
      { credentials: { access_token: `${MARK}-access`, refresh_token: `${MARK}-refresh`, token_type: 'bearer' } },
      'token exchanged',
    );
    res.setHeader('Set-Cookie', `iol.sid=${MARK}-set-cookie; HttpOnly`);
    return 'signed in';
  }

  @Post('deploy')
  deploy(@Body() body: Record<string, unknown>): { ok: true } {
    this.logger.log({ body }, 'deployment requested');
    return { ok: true };
  }

  @Get('search')
  search(): string[] {
    return [];
  }

  @Get('deployments/:id')
  deployment(@Param('id') id: string): { id: string } {
    this.logger.log(`showing deployment ${id}`);
    return { id };
  }

  @Get('boom')
  boom(): never {
    throw new Error('kaput');
  }

  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  readyz(): never {
    throw new ServiceUnavailableException({ status: 'error' });
  }
}

interface LogLine {
  level: string;
  msg: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number | null };
  route?: string;
  durationMs?: number;
  context?: string;
  [key: string]: unknown;
}

interface Started {
  app: INestApplication;
  /** Raw output, exactly as written. */
  output: string[];
  entries(): LogLine[];
  /** The final line of each request, in order. */
  requestLines(): LogLine[];
}

interface AppOptions {
  level?: LogLevel;
}

async function startApp(options: AppOptions = {}): Promise<Started> {
  const output: string[] = [];
  const destination = { write: (line: string) => void output.push(line) };
  // nestjs-pino keeps the logger for lines written outside requests in a module-level variable,
  // set by the first app only; each test app here gets its own.
  __resetOutOfContextForTests();
  const moduleRef = await Test.createTestingModule({
    imports: [LoggerModule.forRoot(loggerParams({ logLevel: options.level ?? 'info', nodeEnv: 'test' }, destination))],
    controllers: [SampleController],
    providers: [QuietBootLogger],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(QuietBootLogger));
  app.use(requestLogger(app));
  await app.init();
  const entries = () => output.map((line) => JSON.parse(line) as LogLine);
  return { app, output, entries, requestLines: () => entries().filter((entry) => entry.res !== undefined) };
}

/** Request lines are written when the response finishes, which may be a moment after the client has it. */

const requestLinesAfter = (started: Started, count: number) =>
  eventually(started.requestLines, (lines) => lines.length >= count, { timeoutMs: 2_000, intervalMs: 2 });

describe('LoggerModule with loggerParams', () => {
  const apps: INestApplication[] = [];
  const start = async (options?: AppOptions) => {
    const started = await startApp(options);
    apps.push(started.app);
    return started;
  };

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('writes one JSON line per request with its id, method, templated route, status and duration', async () => {
    const started = await start();
    const response = await request(started.app.getHttpServer()).get('/deployments/d-42').expect(200);
    const [line] = await requestLinesAfter(started, 1);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request completed',
      req: { id: response.headers['x-request-id'], method: 'GET', url: '/deployments/d-42' },
      route: '/deployments/:id',
      res: { statusCode: 200 },
    });
    expect(typeof line.durationMs).toBe('number');
    expect(started.requestLines()).toHaveLength(1);
  });

  it('labels requests no route handled as "unmatched"', async () => {
    const started = await start();
    await request(started.app.getHttpServer()).get('/nowhere').expect(404);
    const [line] = await requestLinesAfter(started, 1);
    expect(line).toMatchObject({ route: 'unmatched', res: { statusCode: 404 } });
  });

  it('keeps a sane incoming X-Request-Id and echoes it', async () => {
    const started = await start();
    const response = await request(started.app.getHttpServer()).get('/search').set('X-Request-Id', 'lb-7f3a.91_x').expect(200);
    expect(response.headers['x-request-id']).toBe('lb-7f3a.91_x');
    const [line] = await requestLinesAfter(started, 1);
    expect(line.req?.id).toBe('lb-7f3a.91_x');
  });

  it.each([
    ['too long', 'a'.repeat(65)],
    ['with other characters', 'id with spaces{}'],
    ['empty', ''],
  ])('replaces an incoming X-Request-Id that is %s with a UUID', async (_case, incoming) => {
    const started = await start();
    const response = await request(started.app.getHttpServer()).get('/search').set('X-Request-Id', incoming).expect(200);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives each request without an id a fresh UUID', async () => {
    const started = await start();
    const first = await request(started.app.getHttpServer()).get('/search').expect(200);
    const second = await request(started.app.getHttpServer()).get('/search').expect(200);
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it("tags lines logged while handling a request with that request's id", async () => {
    const started = await start();
    const response = await request(started.app.getHttpServer()).get('/deployments/d-9').expect(200);
    await requestLinesAfter(started, 1);
    const handlerLine = started.entries().find((entry) => entry.msg === 'showing deployment d-9');
    expect(handlerLine).toMatchObject({ level: 'info', context: 'Sample', req: { id: response.headers['x-request-id'] } });
  });

  it('never writes tokens, codes, states, secrets, passwords or credential headers', async () => {
    const started = await start();
    const server = started.app.getHttpServer();
    await request(server)
      .get(`/auth_callback?code=${MARK}-code&state=${MARK}-state`)
      .set('Authorization', `Bearer ${MARK}-bearer`)
      .set('Cookie', `iol.sid=${MARK}-cookie`)
      .expect(200);
    await request(server)
      .post('/deploy')
      .set('Cookie', `iol.sid=${MARK}-cookie`)
      .send({
        label: 'visible-label',
        password: `${MARK}-password`,
        root_pass: `${MARK}-root-pass`,
        client_secret: `${MARK}-client-secret`,
        code_verifier: `${MARK}-verifier`,
        token: `${MARK}-token`,
      })
      .expect(201);
    await request(server)
      .get(`/search?q=visible-query&access_token=${MARK}-at&Token=${MARK}-t2&refresh_token=${MARK}-rt&code[]=${MARK}-c2`)
      .expect(200);
    await requestLinesAfter(started, 3);

    expect(started.output.filter((line) => line.includes(MARK))).toEqual([]);
    // …while what was logged around the secrets is still there.
    const entries = started.entries();
    expect(entries.find((entry) => entry.msg === 'token exchanged')).toMatchObject({
      credentials: { access_token: '[Redacted]', refresh_token: '[Redacted]', token_type: 'bearer' },
    });
    expect(entries.find((entry) => entry.msg === 'deployment requested')).toMatchObject({
      body: { label: 'visible-label', password: '[Redacted]', root_pass: '[Redacted]', token: '[Redacted]' },
    });
    expect(started.requestLines()[2].req?.url).toBe('/search');
    expect(started.requestLines()[0].req?.url).toBe('/auth_callback');
  });

  it('logs the OAuth callback by its path alone', async () => {
    const started = await start();
    await request(started.app.getHttpServer()).get('/auth_callback?error=access_denied&state=abc').expect(200);
    const [line] = await requestLinesAfter(started, 1);
    expect(line.req?.url).toBe('/auth_callback');
  });

  it('redacts secret fields in objects logged straight to pino outside a request', async () => {
    const started = await start();
    (await started.app.resolve(PinoLogger)).logger.info(
      {
        credentials: { client_secret: `${MARK}-cs`, clientSecret: `${MARK}-cs2` },
        headers: { authorization: `Bearer ${MARK}-bearer`, cookie: `${MARK}-cookie`, 'set-cookie': [`${MARK}-sc`] },
      },
      'configured',
    );
    expect(started.output.filter((line) => line.includes(MARK))).toEqual([]);
    const line = started.entries().find((entry) => entry.msg === 'configured');
    expect(line).toMatchObject({
      credentials: { client_secret: '[Redacted]', clientSecret: '[Redacted]' },
      headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'set-cookie': '[Redacted]' },
    });
  });

  it('logs failed requests at error level', async () => {
    const started = await start();
    await request(started.app.getHttpServer()).get('/boom').expect(500);
    const [line] = await requestLinesAfter(started, 1);
    expect(line).toMatchObject({ level: 'error', msg: 'request errored', route: '/boom', res: { statusCode: 500 } });
  });

  it('leaves successful probes out of the log but logs failing ones', async () => {
    const started = await start();
    const server = started.app.getHttpServer();
    await request(server).get('/healthz').expect(200);
    await request(server).get('/readyz').expect(503);
    await request(server).get('/search').expect(200);
    const lines = await requestLinesAfter(started, 2);
    expect(lines.map((line) => line.req?.url)).toEqual(['/readyz', '/search']);
  });

  it("routes Nest's own log lines through pino as JSON, its start-up lines at debug", async () => {
    expect((await start()).entries()).not.toContainEqual(expect.objectContaining({ context: 'RoutesResolver' }));
    const started = await start({ level: 'debug' });
    expect(started.entries()).toContainEqual(expect.objectContaining({ level: 'debug', context: 'RoutesResolver' }));
  });

  it('writes nothing at all at level "silent"', async () => {
    const started = await start({ level: 'silent' });
    await request(started.app.getHttpServer()).get('/deployments/1').expect(200);
    await request(started.app.getHttpServer()).get('/boom').expect(500);
    expect(started.output).toEqual([]);
  });
});

describe('wantsPrettyLogs', () => {
  it('gives readable lines to a person at a terminal', () => {
    expect(wantsPrettyLogs('development', true)).toBe(true);
  });

  it('keeps JSON in production, even at a terminal', () => {
    expect(wantsPrettyLogs('production', true)).toBe(false);
  });

  it('keeps JSON when stdout is a pipe or a file (log collectors, containers)', () => {
    expect(wantsPrettyLogs('development', false)).toBe(false);
  });
});

describe('stdoutDestination', () => {
  // Writes are asynchronous (a full pipe must not stop the event loop); lines logged just before
  // process.exit must still all arrive.
  it('loses no line logged just before process.exit, with stdout a pipe', () => {
    const script = [
      "const pino = require('pino');",
      "const { stdoutDestination } = require('./src/observability/logger-params');",
      "const log = pino({}, stdoutDestination('production'));",
      "for (let i = 0; i < 5000; i++) log.info({ i, pad: 'x'.repeat(200) }, 'line');",
      'process.exit(0);',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: join(__dirname, '..', '..'),
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { i: number });
    expect(lines).toHaveLength(5000);
    expect(lines[4999].i).toBe(4999);
  });
});
