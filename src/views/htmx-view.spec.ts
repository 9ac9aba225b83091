import { Controller, Get, type INestApplication, Query } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { HtmxView, HxRequest, ViewResult } from './htmx-view';

@Controller()
class ProbeController {
  @Get('thing')
  @HtmxView('page', 'fragment')
  thing(@HxRequest() htmx: boolean, @Query('status') status?: string): ViewResult<{ htmx: boolean }> {
    return new ViewResult({ htmx }, status ? Number(status) : undefined);
  }

  @Get('plain')
  @HtmxView('page')
  plain(): { htmx: string } {
    return { htmx: 'never' };
  }
}

/** A view engine that writes the view's name and the model it got, so the spec sees what was rendered. */
async function startApp(): Promise<INestApplication> {
  const views = mkdtempSync(join(tmpdir(), 'htmx-view-'));
  for (const name of ['page', 'fragment']) writeFileSync(join(views, `${name}.probe`), name);
  const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  app.engine('probe', (path: string, options: object, callback: (err: Error | null, html?: string) => void) => {
    const { htmx, layout } = options as { htmx?: unknown; layout?: unknown };
    callback(null, JSON.stringify({ view: path.replace(/^.*\//, ''), htmx, layout: layout ?? null }));
  });
  app.setBaseViewsDir(views);
  app.setViewEngine('probe');
  await app.init();
  return app;
}

describe('@HtmxView', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('renders the page for a plain request, with the layout', async () => {
    const answer = await request(app.getHttpServer()).get('/thing').expect(200);
    expect(JSON.parse(answer.text)).toEqual({ view: 'page.probe', htmx: false, layout: null });
  });

  it('renders the fragment for htmx, without the layout', async () => {
    const answer = await request(app.getHttpServer()).get('/thing').set('HX-Request', 'true').expect(200);
    expect(JSON.parse(answer.text)).toEqual({ view: 'fragment.probe', htmx: true, layout: false });
  });

  it('answers with the status the handler chose', async () => {
    await request(app.getHttpServer()).get('/thing?status=286').set('HX-Request', 'true').expect(286);
    await request(app.getHttpServer()).get('/thing?status=400').expect(400);
  });

  it('is never cached and varies on HX-Request, page and fragment alike', async () => {
    for (const htmx of [false, true]) {
      const call = request(app.getHttpServer()).get('/thing');
      const answer = await (htmx ? call.set('HX-Request', 'true') : call);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers.vary?.toLowerCase()).toContain('hx-request');
    }
  });

  it('renders the page for htmx too when there is no fragment', async () => {
    const answer = await request(app.getHttpServer()).get('/plain').set('HX-Request', 'true').expect(200);
    expect(JSON.parse(answer.text)).toEqual({ view: 'page.probe', htmx: 'never', layout: null });
  });
});
