import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { type CsrfCookie, readCookie } from '../common/csrf';
import { renderToString } from '../views/render';
import { setViewHeaders } from '../views/htmx-view';
import { ConfigurePageService } from './configure-page.service';
import { CONFIGURE_VIEWS } from './configure.controller';
import type { RawForm } from './raw-form';
import { GalleryService } from './gallery.service';
import { RenderedPageCache } from './rendered-page.cache';

export interface CachedConfigurePageOptions {
  /** The browser's CSRF nonce cookie, as `csrfProtection` reads and sets it. */
  csrf: CsrfCookie;
  /** The session cookie's name: a browser that has one goes the whole way, through its session. */
  sessionCookie: string;
}

/** How the shortcut's answers are logged and counted: as the routes they stand in for. */
const CONFIGURE_PAGE_ROUTE = { path: '/' };
const PRICE_SUMMARY_ROUTE = { path: '/price-summary' };
/** compression leaves answers smaller than this as they are (app.setup.ts): a fragment below it needs no encoder. */
const COMPRESSION_THRESHOLD = 1024;

/** What the `compression` middleware offers, in its order of preference (compression/index.js). */
const ENCODINGS = ['br', 'gzip', 'deflate', 'identity'];
const PREFERRED_ENCODINGS = ['br', 'gzip'];
/**
 * Brotli quality of the page, compressed per view (issue 14, measured in the app at 16 connections):
 * quality 4 (compression's default) 0.65 ms of CPU per view for 6,850 bytes, 2 0.45 ms for 7,300,
 * 1 0.25 ms for 7,855. One more kilobyte per first visit for less than half the CPU; static files
 * and everything else keep compression's quality 4.
 */
const BROTLI_QUALITY = 1;

/** The encoding `compression` would choose for this request, asked the same way it asks. */
function negotiatedEncoding(req: Request): string | undefined {
  if (!req.headers['accept-encoding']) return 'identity';
  // negotiator 1.x takes a preference order for ties (compression passes its own to 0.6's); @types/negotiator describes 0.6.
  const negotiator = new Negotiator(req) as Negotiator & {
    encoding(available: string[], options: { preferred: string[] }): string | undefined;
  };
  return negotiator.encoding(ENCODINGS, { preferred: PREFERRED_ENCODINGS });
}

/**
 * `GET /` (and `HEAD /`) and htmx's price fragment (`GET /price-summary` with `HX-Request`) for a
 * browser without a session, answered from caches before Express's remaining middleware and Nest's
 * router (issue 14): with the page already rendered, a view was mostly per-request machinery
 * (router layers, Nest's pipes, guards and interceptors) around one `Buffer.concat`. Mounted after
 * the logger, metrics, helmet and the canonical-origin check, so its answers carry the same
 * headers, log line and metrics; it answers as the controller does (same headers, same CSRF
 * cookie, same HTML), but for a brotli page's `Content-Length` (compression streams it chunked)
 * and quality (above). Anything else — another query, a session cookie, a gallery, a page not
 * rendered yet, a stale catalog, gzip — goes on to the controller.
 */
@Injectable()
export class CachedConfigurePage {
  /** Rendered price fragments by catalog snapshot and query (the same key as pages'). */
  private readonly fragments = new LRUCache<string, Buffer>({ max: 256 });

  constructor(
    private readonly page: ConfigurePageService,
    private readonly renderedPages: RenderedPageCache,
    private readonly galleries: GalleryService,
  ) {}

  middleware(options: CachedConfigurePageOptions): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      // The path first: most requests (static files, forms, polls) are none of these.
      const page = req.url === '/';
      if (!page && !this.isCheapPriceFragment(req)) return next();
      if (readCookie(req, options.sessionCookie) !== undefined) return next();
      if (page) return this.configurePage(req, res, next, options.csrf);
      return this.priceSummary(req, res, next, options.csrf);
    };
  }

  /**
   * htmx's price box without the plan list: a few hundred bytes that compression leaves alone. The
   * plan list (`plans=1`) is over its threshold, so it goes through the controller and compression.
   */
  private isCheapPriceFragment(req: Request): boolean {
    return req.method === 'GET' && req.path === '/price-summary' && req.get('HX-Request') === 'true' && req.query.plans !== '1';
  }

  private configurePage(req: Request, res: Response, next: NextFunction, csrf: CsrfCookie): void {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || this.galleries.hasGallery()) return next();
    // gzip and deflate (no browser of ours prefers them to br) go the whole way, through compression.
    const encoding = negotiatedEncoding(req);
    if (encoding !== 'identity' && encoding !== 'br') return next();
    this.page
      .pageCacheKey()
      .then((key) => {
        const template = key === null ? undefined : this.renderedPages.cached(key);
        if (template === undefined) return next();
        setViewHeaders(res);
        res.vary('Accept-Encoding'); // as compression adds it, after the controller's
        const nonce = csrf.nonceOf(req) ?? csrf.mint(res);
        (req as Request & { route: unknown }).route = CONFIGURE_PAGE_ROUTE;
        const { chunks, byteLength } = template.pieces(csrf.tokenFor(nonce));
        res.type('html');
        if (encoding === 'identity' || req.method === 'HEAD') {
          res.setHeader('Content-Length', byteLength);
          if (req.method === 'HEAD') return void res.end();
          // The cached parts themselves, in one go: nothing as big as the page is copied per view.
          res.cork();
          for (const chunk of chunks.slice(0, -1)) res.write(chunk);
          res.end(chunks[chunks.length - 1]);
          res.uncork();
          return;
        }
        // Compressed in one call, told the size, rather than streamed through an encoder sized for any length.
        const compressed = brotliCompressSync(Buffer.concat(chunks, byteLength), {
          params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: byteLength },
        });
        res.setHeader('Content-Encoding', 'br');
        res.setHeader('Content-Length', compressed.length);
        res.end(compressed);
      })
      .catch((error: unknown) => (res.headersSent ? next(error) : next())); // the controller answers a catalog problem
  }

  /** As `ConfigureController.priceSummary` answers htmx, rendered once per catalog snapshot and query. */
  private priceSummary(req: Request, res: Response, next: NextFunction, csrf: CsrfCookie): void {
    const query = req.query as RawForm;
    this.page
      .pageCacheKey(query)
      .then(async (key) => {
        if (key === null) return next();
        let fragment = this.fragments.get(key);
        if (fragment === undefined) {
          const model = await this.page.priceUpdate(query, false);
          fragment = Buffer.from(await renderToString(res, CONFIGURE_VIEWS.priceUpdate, { ...model, layout: false }), 'utf8');
          this.fragments.set(key, fragment);
        }
        // Should a price box ever grow past compression's threshold, compression gets it.
        if (fragment.length >= COMPRESSION_THRESHOLD && negotiatedEncoding(req) !== 'identity') return next();
        setViewHeaders(res);
        res.vary('Accept-Encoding');
        // Rendering the fragment through the controller reads res.locals.csrfToken, which gives a
        // browser without the nonce cookie one: so does this.
        if (csrf.nonceOf(req) === undefined) csrf.mint(res);
        (req as Request & { route: unknown }).route = PRICE_SUMMARY_ROUTE;
        res.type('html').setHeader('Content-Length', fragment.length);
        res.end(fragment);
      })
      .catch((error: unknown) => (res.headersSent ? next(error) : next())); // the controller answers a catalog or template problem
  }
}
