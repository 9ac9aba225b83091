import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application } from 'express';
import { LRUCache } from 'lru-cache';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESS = {
  // Once per page, so the smallest bytes are worth their time.
  br: (bytes: Buffer) => promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
  gzip: (bytes: Buffer) => promisify(gzip)(bytes, { level: constants.Z_BEST_COMPRESSION }),
};

type PageEncoding = keyof typeof COMPRESS;

const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/** A public page's bytes, with the validator Express would give them and their compressed forms, made once. */
export class RenderedPage {
  /** Encoded once and kept as bytes only: a string body would be encoded again on every send. */
  readonly bytes: Buffer;
  private readonly encoded: Partial<Record<PageEncoding, Promise<Buffer>>> = {};

  constructor(
    html: string,
    readonly etag: string,
    readonly contentType = HTML_CONTENT_TYPE,
  ) {
    this.bytes = Buffer.from(html);
  }

  encodedAs(encoding: PageEncoding): Promise<Buffer> {
    this.encoded[encoding] ??= COMPRESS[encoding](this.bytes);
    return this.encoded[encoding];
  }
}

/**
 * Renders a public page once per distinct input (catalog snapshot, chosen values), so a repeat visit
 * costs a lookup. Only while Express caches views: in development a template edit shows at once.
 */
@Injectable()
export class RenderedPages {
  private readonly pages = new LRUCache<string, RenderedPage>({ max: 64 });

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** `inputs` must determine the model: equal inputs, equal bytes. */
  async render(view: string, inputs: unknown, model: () => object | Promise<object>, contentType?: string): Promise<RenderedPage> {
    const app = this.adapterHost.httpAdapter.getInstance<Application>();
    const cached = app.enabled('view cache');
    const key = cached ? JSON.stringify([view, inputs]) : '';
    const kept = cached ? this.pages.get(key) : undefined;
    if (kept) return kept;
    const values = await model();
    const html = await new Promise<string>((resolve, reject) => {
      app.render(view, values, (error: Error | null, rendered?: string) => (error ? reject(error) : resolve(rendered ?? '')));
    });
    const etagOf = app.get('etag fn') as (body: string, encoding: BufferEncoding) => string;
    const page = new RenderedPage(html, etagOf(html, 'utf8'), contentType);
    if (cached) this.pages.set(key, page);
    return page;
  }
}
