import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { ConfigurePageService } from './configure-page.service';
import { PageTemplate } from './page-template';
import type { RawForm } from './raw-form';

/**
 * Stands in for the CSRF token in cached pages. Letters and digits only, so HTML and JSON escaping
 * leave it as is; the real token (base64url) is put in its place for each answer.
 */
export const CSRF_TOKEN_PLACEHOLDER = 'csrftokenplaceholder7f3a9c1e5b';

export const CONFIGURE_VIEWS = {
  page: 'pages/configure',
  priceUpdate: 'partials/_configure-price-update',
  fieldError: 'partials/_field-error',
} as const;

/**
 * The configure page (`GET /`) and its htmx fragments. `POST /` — validating and starting sign-in
 * — belongs to the auth controller, which uses `ConfigureSubmissionService`.
 */
@Controller()
export class ConfigureController {
  /**
   * Rendered configure pages by catalog snapshot and preselection: the page is the same for every
   * visitor but for the CSRF token, and rendering it is most of a page view's work. Kept as bytes
   * around the token's slots (see PageTemplate).
   */
  private readonly renderedPages = new LRUCache<string, PageTemplate>({ max: 64 });

  constructor(private readonly page: ConfigurePageService) {}

  @Get()
  async show(@Query() query: RawForm, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store'); // the form carries this browser's CSRF token
    res.vary('HX-Request'); // an error here is answered as a fragment to htmx
    const token = (res.locals.csrfToken as string | undefined) ?? ''; // mints the browser's cookie if needed
    // Substituted raw, so only a token that needs no escaping anywhere (base64url) uses the cache.
    const key = /^[A-Za-z0-9_-]*$/.test(token) ? await this.page.pageCacheKey(query) : null;
    if (key === null) {
      await render(res, CONFIGURE_VIEWS.page, await this.page.page(query));
      return;
    }
    let template = this.renderedPages.get(key);
    if (template === undefined) {
      const html = await renderToString(res, CONFIGURE_VIEWS.page, { ...(await this.page.page(query)), csrfToken: CSRF_TOKEN_PLACEHOLDER });
      template = new PageTemplate(html, CSRF_TOKEN_PLACEHOLDER);
      this.renderedPages.set(key, template);
    }
    res.type('html').send(template.fill(token));
  }

  /**
   * The price box for `?type=&region=`: a fragment for htmx (with the plan list re-priced when the
   * region changed, `plans=1`), the whole page for a plain request.
   */
  @Get('price-summary')
  async priceSummary(@Query() query: RawForm, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.vary('HX-Request');
    res.setHeader('Cache-Control', 'no-store');
    if (req.get('HX-Request') !== 'true') {
      await render(res, CONFIGURE_VIEWS.page, await this.page.page(query));
      return;
    }
    const update = await this.page.priceUpdate(query, query.plans === '1');
    await render(res, CONFIGURE_VIEWS.priceUpdate, { ...update, layout: false });
  }

  /**
   * Inline validation as the user types: `field` names the form field, whose value is sent under its
   * own name. POST so that values (a UDF may hold a token) never end up in URLs and access logs.
   */
  @Post('validate')
  @HttpCode(200)
  async validate(@Body() body: unknown, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const form: RawForm = typeof body === 'object' && body !== null ? (body as RawForm) : {};
    const field = typeof form.field === 'string' ? form.field : '';
    const error = await this.page.fieldError(form, field);
    if (!error) {
      res.status(204).end(); // htmx leaves the page alone
      return;
    }
    // Only the message: htmx swaps it into the field's existing error element (a live region).
    await render(res, CONFIGURE_VIEWS.fieldError, { ...error, inner: true, layout: false });
  }
}

/** `res.render` to a string, as a promise, so a template error reaches Nest's exception filter. */
function renderToString(res: Response, view: string, model: object): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, model, (error: Error | null, html: string) => (error ? reject(error) : resolve(html)));
  });
}

/** `res.render` as a promise, so a template error reaches Nest's exception filter. */
function render(res: Response, view: string, model: object): Promise<void> {
  return new Promise((resolve, reject) => {
    res.render(view, model, (error: Error | null, html: string) => {
      if (error) return reject(error);
      res.type('html').send(html);
      resolve();
    });
  });
}
