import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { LRUCache } from 'lru-cache';
import { renderToString } from '../views/render';
import { PageTemplate } from './page-template';

/**
 * Stands in for the CSRF token in cached pages. Letters and digits only, so HTML and JSON escaping
 * leave it as is; the real token (base64url) is put in its place for each answer.
 */
export const CSRF_TOKEN_PLACEHOLDER = 'csrftokenplaceholder7f3a9c1e5b';

/**
 * Rendered configure pages by catalog snapshot and preselection: the page is the same for every
 * visitor but for the CSRF token, and rendering it is most of a page view's work. Kept as bytes
 * around the token's slots (see PageTemplate): a view is one Buffer.concat.
 */
@Injectable()
export class RenderedPageCache {
  private readonly pages = new LRUCache<string, PageTemplate>({ max: 64 });

  /** The cached page for `key`, if it has been rendered. */
  cached(key: string): PageTemplate | undefined {
    return this.pages.get(key);
  }

  /**
   * The page with this browser's `token` in it. `key` null (or a token that would need escaping,
   * as it is substituted raw) renders without the cache.
   */
  async html(res: Response, view: string, token: string, key: string | null, model: () => Promise<object>): Promise<string | Buffer> {
    if (key === null || !/^[A-Za-z0-9_-]*$/.test(token)) return renderToString(res, view, await model());
    let template = this.pages.get(key);
    if (template === undefined) {
      const html = await renderToString(res, view, { ...(await model()), csrfToken: CSRF_TOKEN_PLACEHOLDER });
      template = new PageTemplate(html, CSRF_TOKEN_PLACEHOLDER);
      this.pages.set(key, template);
    }
    return template.fill(token);
  }
}
