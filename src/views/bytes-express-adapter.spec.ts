import { Controller, Get, Header, HttpCode, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { BytesExpressAdapter } from './bytes-express-adapter';

const PAGE = Buffer.from('<p>caf\u00e9</p>');

@Controller()
class BytesController {
  @Get('page')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('ETag', 'W/"c-abc"')
  page() {
    return PAGE;
  }

  @Get('created')
  @HttpCode(201)
  @Header('Content-Type', 'image/svg+xml')
  created() {
    return Buffer.from('<svg/>');
  }

  @Get('object')
  object() {
    return { ok: true };
  }
}

@Module({ controllers: [BytesController] })
class BytesModule {}

describe('BytesExpressAdapter', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(BytesModule, new BytesExpressAdapter(), { logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it("sends a handler's Buffer as its bytes, with the handler's content type", async () => {
    const res = await request(app.getHttpServer()).get('/page').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (chunk: Buffer) => chunks.push(chunk));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(PAGE.length));
    expect(Buffer.compare(res.body as Buffer, PAGE)).toBe(0);
  });

  it('answers 304 without a body when the ETag matches', async () => {
    const res = await request(app.getHttpServer()).get('/page').set('If-None-Match', 'W/"c-abc"');
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
  });

  it('sends no body to a HEAD request', async () => {
    const res = await request(app.getHttpServer()).head('/page');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(PAGE.length));
    expect(res.text).toBeUndefined();
  });

  it("keeps the handler's status code", async () => {
    const res = await request(app.getHttpServer()).get('/created');
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('image/svg+xml');
  });

  it('leaves every other answer to Nest: an object is still JSON', async () => {
    const res = await request(app.getHttpServer()).get('/object');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});
