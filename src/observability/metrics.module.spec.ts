import { FakeCatalogModule, fakeCatalog } from './testing/fake-catalog';
import { CatalogModule } from '../catalog/catalog.module';
import { Controller, Get, INestApplication, InternalServerErrorException, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { aRegion, FakeLinode, json, page } from '../linode/fake-linode.test-helper';
import { LinodeApiClient } from '../linode/linode-api.client';
import { ConfigModule } from '../config/config.module';
import { loadAppConfig } from '../config/load-app-config';
import { DeploymentMetrics } from './deployment.metrics';
import { LinodeCallMetrics } from './linode-call.metrics';
import { MetricsModule } from './metrics.module';
import { HttpRequestMetrics } from './http-request.metrics';

@Controller()
class SampleController {
  @Get('deployments/:id')
  deployment(@Param('id') id: string) {
    return { id };
  }

  @Get('broken')
  broken(): never {
    throw new InternalServerErrorException();
  }
}

/** Stands in for CatalogService; the tests set what it reports. */
const catalog = fakeCatalog;

async function startApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadAppConfig({ NODE_ENV: 'test' })), MetricsModule],
    controllers: [SampleController],
  })
    .overrideModule(CatalogModule)
    .useModule(FakeCatalogModule)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.use(app.get(HttpRequestMetrics).observe);
  await app.init();
  return app;
}

async function scrape(app: INestApplication): Promise<string> {
  const response = await request(app.getHttpServer()).get('/metrics').expect(200);
  return response.text;
}

/** The value of one sample line, e.g. `metric{label="x"} 3` → 3; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('MetricsModule', () => {
  const apps: INestApplication[] = [];
  const start = async () => {
    const app = await startApp();
    apps.push(app);
    return app;
  };

  afterEach(async () => {
    catalog.age = null;
    catalog.stale = false;
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('serves Prometheus text at GET /metrics, never cached', async () => {
    const app = await start();
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('includes Node process metrics', async () => {
    const text = await scrape(await start());
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('times requests under their templated route, never the raw URL', async () => {
    const app = await start();
    await request(app.getHttpServer()).get('/deployments/d-4711').expect(200);
    const text = await scrape(app);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/deployments/:id",status_code="200"}')).toBe(1);
    expect(text).not.toContain('d-4711');
  });

  it('labels requests by status code, errors included', async () => {
    const app = await start();
    await request(app.getHttpServer()).get('/broken').expect(500);
    const text = await scrape(app);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/broken",status_code="500"}')).toBe(1);
  });

  it('labels requests that no route handled as "unmatched"', async () => {
    const app = await start();
    await request(app.getHttpServer()).get('/no/such/page-123').expect(404);
    const text = await scrape(app);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}')).toBe(1);
    expect(text).not.toContain('page-123');
  });

  it('counts Linode calls and their durations by method, endpoint and status', async () => {
    const app = await start();
    const linode = app.get(LinodeCallMetrics);
    linode.record({ method: 'GET', endpoint: '/linode/instances/:id', status: 200, durationMs: 120 });
    linode.record({ method: 'GET', endpoint: '/linode/instances/:id', status: 200, durationMs: 80 });
    linode.record({ method: 'POST', endpoint: '/linode/instances', status: 'error', durationMs: 10_000 });
    const text = await scrape(app);
    expect(sample(text, 'linode_api_requests_total{method="GET",endpoint="/linode/instances/:id",status="200"}')).toBe(2);
    expect(sample(text, 'linode_api_requests_total{method="POST",endpoint="/linode/instances",status="error"}')).toBe(1);
    expect(sample(text, 'linode_api_request_duration_seconds_sum{method="GET",endpoint="/linode/instances/:id",status="200"}')).toBeCloseTo(
      0.2,
    );
  });

  it('records what the real Linode client reports through its onCall hook', async () => {
    const app = await start();
    const fake = await FakeLinode.start();
    try {
      fake.handle((_request, response) => json(response, 200, page([aRegion('us-east')])));
      const client = new LinodeApiClient(fake.config(), { onCall: app.get(LinodeCallMetrics).record });
      await client.listRegions();
      const text = await scrape(app);
      expect(sample(text, 'linode_api_requests_total{method="GET",endpoint="/regions",status="200"}')).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('counts deployments by outcome, exporting every outcome from zero', async () => {
    const app = await start();
    app.get(DeploymentMetrics).record('created');
    app.get(DeploymentMetrics).record('created');
    app.get(DeploymentMetrics).record('insufficient_scopes');
    const text = await scrape(app);
    expect(sample(text, 'deployments_total{outcome="created"}')).toBe(2);
    expect(sample(text, 'deployments_total{outcome="insufficient_scopes"}')).toBe(1);
    expect(sample(text, 'deployments_total{outcome="denied"}')).toBe(0);
  });

  it('reads the catalog age, loaded and stale flags from the catalog at scrape time', async () => {
    const app = await start();
    let text = await scrape(app);
    expect(sample(text, 'catalog_loaded')).toBe(0);

    catalog.age = 90_000;
    catalog.stale = true;
    text = await scrape(app);
    expect(sample(text, 'catalog_loaded')).toBe(1);
    expect(sample(text, 'catalog_age_seconds')).toBe(90);
    expect(sample(text, 'catalog_stale')).toBe(1);
  });

  it('keeps the metrics of two apps in one process apart', async () => {
    const first = await start();
    const second = await start();
    await request(first.getHttpServer()).get('/deployments/1').expect(200);
    first.get(DeploymentMetrics).record('failed');
    const text = await scrape(second);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/deployments/:id",status_code="200"}')).toBeUndefined();
    expect(sample(text, 'deployments_total{outcome="failed"}')).toBe(0);
  });
});
