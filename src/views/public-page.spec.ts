import { createMock } from '@golevelup/ts-jest';
import type { Request, Response } from 'express';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AppConfig } from '../config/app-config';
import { publicCacheControl, PublicPageResponder } from './public-page';
import { RenderedPage } from './rendered-pages';

describe('publicCacheControl', () => {
  it('keeps a page fresh for a tenth of the catalog refresh and serves it stale for one refresh', () => {
    expect(publicCacheControl(10 * 60_000)).toBe('public, max-age=60, stale-while-revalidate=600');
  });

  it('never says max-age=0 for a very short refresh', () => {
    expect(publicCacheControl(1_000)).toBe('public, max-age=1, stale-while-revalidate=1');
  });
});

describe('PublicPageResponder', () => {
  /** The responder's answer with `page`, for a request that accepts `accepts`. */
  async function sent(page: RenderedPage, request: { accepts: string | false; fresh?: boolean }) {
    const res = createMock<Response>();
    const req = createMock<Request>({ acceptsEncodings: () => request.accepts, fresh: request.fresh ?? false });
    const body = await new PublicPageResponder(createMock<AppConfig>({ catalogTtlMs: 10 * 60_000 })).send(page, req, res);
    return { body, res };
  }

  it('marks the answer public for a tenth of the catalog refresh', async () => {
    const { res } = await sent(new RenderedPage('<p>hi</p>', 'W/"9-abc"'), { accepts: false });
    expect(res.setHeader).toHaveBeenCalledWith('Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
  });

  it("sends the page's own content type", async () => {
    const { res } = await sent(new RenderedPage('<svg/>', 'W/"6-abc"', 'image/svg+xml; charset=utf-8'), { accepts: false });
    expect(res.setHeader).toHaveBeenCalledWith('Content-Type', 'image/svg+xml; charset=utf-8');
  });

  /** The text of the bytes the responder answers with. */
  function bodyText(body: unknown): string {
    if (!Buffer.isBuffer(body)) throw new Error(`expected a Buffer, got ${typeof body}`);
    return body.toString('utf8');
  }

  const bigPage = () => new RenderedPage(`<p>${'x'.repeat(2000)}</p>`, 'W/"7d7-abc"');

  it('sends a rendered page as HTML with its ETag, so Express answers a matching If-None-Match with 304', async () => {
    const { body, res } = await sent(new RenderedPage('<p>hi</p>', 'W/"9-abc"'), { accepts: 'br' });
    expect(bodyText(body)).toBe('<p>hi</p>');
    expect(res.setHeader).toHaveBeenCalledWith('ETag', 'W/"9-abc"');
    expect(res.setHeader).toHaveBeenCalledWith('Content-Type', 'text/html; charset=utf-8');
    expect(res.setHeader).not.toHaveBeenCalledWith('Content-Encoding', expect.anything());
  });

  it.each(['br', 'gzip'] as const)('sends a large page compressed once as %s when the browser takes it', async (encoding) => {
    const page = bigPage();
    const { body, res } = await sent(page, { accepts: encoding });
    expect(res.setHeader).toHaveBeenCalledWith('Content-Encoding', encoding);
    const decompress = encoding === 'br' ? brotliDecompressSync : gunzipSync;
    const bytes = await page.encodedAs(encoding);
    expect(body).toBe(bytes);
    expect(decompress(bytes).toString()).toBe(page.bytes.toString());
    expect(await page.encodedAs(encoding)).toBe(bytes);
  });

  it('sends the HTML as it is when the browser takes no compression', async () => {
    const page = bigPage();
    expect(bodyText((await sent(page, { accepts: 'identity' })).body)).toBe(page.bytes.toString());
    expect(bodyText((await sent(page, { accepts: false })).body)).toBe(page.bytes.toString());
  });

  it('sends nothing for a page the browser already has, for Express to answer 304', async () => {
    const { body } = await sent(bigPage(), { accepts: 'identity', fresh: true });
    expect(body).toBeUndefined();
  });

  it('sends nothing for a compressed page the browser already has, for Express to answer 304', async () => {
    const { body, res } = await sent(bigPage(), { accepts: 'br', fresh: true });
    expect(body).toBeUndefined();
    expect(res.setHeader).toHaveBeenCalledWith('ETag', 'W/"7d7-abc"');
  });

  it("sets none of the page's headers when compressing it fails, so the error page is sent as itself", async () => {
    const page = bigPage();
    jest.spyOn(page, 'encodedAs').mockRejectedValue(new Error('brotli failed'));
    const res = createMock<Response>();
    const req = createMock<Request>({ acceptsEncodings: () => 'br', fresh: false });
    const responder = new PublicPageResponder(createMock<AppConfig>({ catalogTtlMs: 60_000 }));
    await expect(responder.send(page, req, res)).rejects.toThrow('brotli failed');
    expect(res.setHeader).not.toHaveBeenCalled();
  });
});
