import { createMock } from '@golevelup/ts-jest';
import { FakeCatalogModule, fakeCatalog } from '../observability/testing/fake-catalog';
import { CatalogModule } from '../catalog/catalog.module';
import { ArgumentsHost, Catch, ExceptionFilter, Global, INestApplication, LoggerService, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Response } from 'express';
import request from 'supertest';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import { HealthModule } from './health.module';
import { STORE_PING_TIMEOUT_MS } from './readiness.service';

/** Like the app's PageExceptionFilter: every error becomes an HTML page. */
@Catch()
class HtmlPageFilter implements ExceptionFilter {
  catch(_error: unknown, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(500).type('html').send('<h1>Something went wrong</h1>');
  }
}

const store = createMock<KeyValueStore>();

@Global()
@Module({ providers: [{ provide: KEY_VALUE_STORE, useValue: store }], exports: [KEY_VALUE_STORE] })
class FakeStoreModule {}

/** Stands in for CatalogService; the tests set what it reports. */
const catalog = fakeCatalog;

interface LoggedLine {
  level: string;
  message: string;
  context: unknown;
}

class RecordingLogger implements LoggerService {
  readonly lines: LoggedLine[] = [];
  log = (message: unknown, ...rest: unknown[]) => this.record('log', message, rest);
  warn = (message: unknown, ...rest: unknown[]) => this.record('warn', message, rest);
  error = (message: unknown, ...rest: unknown[]) => this.record('error', message, rest);

  private record(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push({ level, message: String(message), context: rest.at(-1) });
  }
}

const PING_TIMEOUT_MS = 50;

async function startApp(logger: LoggerService = new RecordingLogger()): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [FakeStoreModule, HealthModule],
    providers: [{ provide: APP_FILTER, useClass: HtmlPageFilter }],
  })
    .overrideModule(CatalogModule)
    .useModule(FakeCatalogModule)
    .overrideProvider(STORE_PING_TIMEOUT_MS)
    .useValue(PING_TIMEOUT_MS)
    .compile();
  const app = moduleRef.createNestApplication({ logger });
  await app.init();
  return app;
}

describe('health endpoints', () => {
  let app: INestApplication;

  beforeEach(() => {
    store.ping.mockReset().mockResolvedValue(true);
    catalog.age = 30_000;
    catalog.stale = false;
  });

  afterEach(async () => {
    await app?.close();
  });

  describe('GET /healthz', () => {
    it('answers 200 with status ok, as JSON, never cached', async () => {
      app = await startApp();
      const response = await request(app.getHttpServer()).get('/healthz').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    });

    it('stays 200 while the store and the catalog are down: the process itself is alive', async () => {
      store.ping.mockResolvedValue(false);
      catalog.age = null;
      app = await startApp();
      await request(app.getHttpServer()).get('/healthz').expect(200);
    });
  });

  describe('GET /readyz', () => {
    it('answers 200 when the store answers and a catalog is loaded', async () => {
      app = await startApp();
      const response = await request(app.getHttpServer()).get('/readyz').expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({
        status: 'ok',
        info: { store: { status: 'up' }, catalog: { status: 'up', ageSeconds: 30, stale: false } },
        error: {},
        details: { store: { status: 'up' }, catalog: { status: 'up', ageSeconds: 30, stale: false } },
      });
    });

    it('stays ready with a stale catalog, and says it is stale', async () => {
      catalog.stale = true;
      app = await startApp();
      const response = await request(app.getHttpServer()).get('/readyz').expect(200);
      expect(response.body.info.catalog).toEqual({ status: 'up', ageSeconds: 30, stale: true });
    });

    it('answers 503 in JSON, not the HTML error page, when the store refuses a ping', async () => {
      store.ping.mockResolvedValue(false);
      app = await startApp();
      const response = await request(app.getHttpServer()).get('/readyz').expect(503);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({
        status: 'error',
        error: { store: { status: 'down' } },
        info: { catalog: { status: 'up' } },
      });
    });

    it('answers 503 when the ping fails, without repeating the error (it may hold the Redis URL)', async () => {
      store.ping.mockRejectedValue(new Error('connect ECONNREFUSED redis://:hunter2@cache:6379'));
      app = await startApp();
      const response = await request(app.getHttpServer()).get('/readyz').expect(503);
      expect(response.body.error.store).toEqual({ status: 'down', message: 'the ping failed' });
      expect(response.text).not.toContain('hunter2');
    });

    it('answers 503 when the store does not answer the ping in time', async () => {
      store.ping.mockReturnValue(new Promise<boolean>(() => undefined));
      app = await startApp();
      const response = await request(app.getHttpServer()).get('/readyz').expect(503);
      expect(response.body.error.store).toEqual({ status: 'down', message: `no answer to a ping within ${PING_TIMEOUT_MS} ms` });
    });

    it('answers 503 until a catalog has been loaded', async () => {
      catalog.age = null;
      app = await startApp();
      const response = await request(app.getHttpServer()).get('/readyz').expect(503);
      expect(response.body.error.catalog).toEqual({ status: 'down', message: 'the Linode catalog has not been loaded yet' });

      catalog.age = 0;
      await request(app.getHttpServer()).get('/readyz').expect(200);
    });

    it('logs when readiness changes, not on every probe', async () => {
      const logger = new RecordingLogger();
      app = await startApp(logger);
      const server = app.getHttpServer();
      await request(server).get('/readyz').expect(200);
      store.ping.mockResolvedValue(false);
      await request(server).get('/readyz').expect(503);
      await request(server).get('/readyz').expect(503);
      store.ping.mockResolvedValue(true);
      await request(server).get('/readyz').expect(200);

      const readinessLines = logger.lines.filter((line) => line.context === 'Readiness').map(({ level, message }) => ({ level, message }));
      expect(readinessLines).toEqual([
        { level: 'log', message: 'ready to serve requests' },
        { level: 'warn', message: 'not ready (error): store: the store refused a ping' },
        { level: 'log', message: 'ready to serve requests' },
      ]);
    });
  });
});
