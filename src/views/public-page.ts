import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RenderedPage } from './rendered-pages';

/** Smaller answers are not worth compressing (compression's own threshold in app.setup.ts). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** Fresh for a tenth of the catalog's refresh, stale for one more: never much older than the app's own catalog. */
export function publicCacheControl(catalogTtlMs: number): string {
  const refreshSeconds = Math.max(1, Math.round(catalogTtlMs / 1000));
  return `public, max-age=${Math.max(1, Math.round(refreshSeconds / 10))}, stale-while-revalidate=${refreshSeconds}`;
}

/**
 * Answers with a page that has the same bytes for every visitor, so any HTTP cache may keep it.
 * Its path must be among app.setup.ts's public reads, which skip the session. The bytes go out
 * through `BytesExpressAdapter`.
 */
@Injectable()
export class PublicPageResponder {
  private readonly cacheControl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cacheControl = publicCacheControl(config.catalogTtlMs);
  }

  /** With the ETag set, Express answers a matching If-None-Match with 304 without hashing the body. */
  async send(page: RenderedPage, req: Request, res: Response): Promise<Buffer | undefined> {
    const encoding = page.bytes.length >= COMPRESSION_THRESHOLD_BYTES ? req.acceptsEncodings('br', 'gzip', 'identity') : false;
    // Compressed once per page; compression passes an answer that already has its Content-Encoding.
    const compressed = encoding === 'br' || encoding === 'gzip' ? encoding : undefined;
    // The body first: should compressing fail, the error page carries none of this page's headers.
    const body = compressed ? await page.encodedAs(compressed) : page.bytes;
    res.setHeader('Cache-Control', this.cacheControl);
    res.setHeader('ETag', page.etag);
    res.setHeader('Content-Type', page.contentType);
    if (compressed) res.setHeader('Content-Encoding', compressed);
    if (req.fresh) return undefined; // res.send() of nothing: Express answers 304
    return body;
  }
}
