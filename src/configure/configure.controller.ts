import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HtmxView, HxRequest, setViewHeaders, ViewResult } from '../views/htmx-view';
import { render } from '../views/render';
import { signInStartFor } from '../auth/linode-sign-in.guard';
import { ConfigurePageService } from './configure-page.service';
import { ConfigureSubmissionService } from './configure-submission.service';
import { DraftStore } from './draft.store';
import type { RawForm } from './raw-form';
import { RenderedPageCache } from './rendered-page.cache';
import { GalleryService } from './gallery.service';
import { KeptChoicesService } from './kept-choices.service';
import { browserIdOf } from '../common/session-data';
import { AllowedStackScriptPipe } from './stackscript-id.pipe';

export const CONFIGURE_VIEWS = {
  page: 'pages/configure',
  priceUpdate: 'partials/_configure-price-update',
  fieldError: 'partials/_field-error',
  gallery: 'pages/gallery',
} as const;

/**
 * The configure page (`GET /`), its htmx fragments, and its form (`POST /`): a valid choice is kept
 * server-side as a draft and the browser goes to Linode's sign-in. The same under `/s/:stackScriptId`
 * for each allowed StackScript; `GET /` is a gallery of them when there are several.
 */
@Controller()
export class ConfigureController {
  constructor(
    private readonly page: ConfigurePageService,
    private readonly submissions: ConfigureSubmissionService,
    private readonly drafts: DraftStore,
    private readonly renderedPages: RenderedPageCache,
    private readonly galleries: GalleryService,
    private readonly keptChoices: KeptChoicesService,
  ) {}

  @Get()
  async show(@Query() query: RawForm, @Res() res: Response): Promise<void> {
    if (this.galleries.hasGallery()) {
      setViewHeaders(res);
      await render(res, CONFIGURE_VIEWS.gallery, await this.galleries.gallery());
      return;
    }
    await this.showPage(query, undefined, res);
  }

  /** One allowed StackScript's configure page; deep links preselect `region`, `type`, `image`, `udf_<NAME>`. */
  @Get('s/:stackScriptId')
  async showStackScript(
    @Param('stackScriptId', AllowedStackScriptPipe) stackScriptId: number,
    @Query() query: RawForm,
    @Res() res: Response,
  ): Promise<void> {
    await this.showPage(query, stackScriptId, res);
  }

  private async showPage(query: RawForm, stackScriptId: number | undefined, res: Response): Promise<void> {
    setViewHeaders(res);
    const token = (res.locals.csrfToken as string | undefined) ?? ''; // mints the browser's cookie if needed
    const key = await this.page.pageCacheKey(query, stackScriptId);
    res.type('html').send(await this.renderedPages.html(res, CONFIGURE_VIEWS.page, token, key, () => this.page.page(query, stackScriptId)));
  }

  /** After Linode refused a create: the configure page with this browser's kept choices and what went wrong. */
  @Get('again/:keptId')
  @HtmxView(CONFIGURE_VIEWS.page)
  async again(@Param('keptId') keptId: string, @Req() req: Request): Promise<ViewResult> {
    // 400: the form holds errors, as after a refused submit.
    return new ViewResult(await this.keptChoices.page(keptId, browserIdOf(req)), 400);
  }

  /** Validates the selection, keeps it server-side, and sends the browser to Linode's sign-in. */
  @Post()
  async submit(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.submitFor(undefined, body, req, res);
  }

  @Post('s/:stackScriptId')
  async submitStackScript(
    @Param('stackScriptId', AllowedStackScriptPipe) stackScriptId: number,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.submitFor(stackScriptId, body, req, res);
  }

  private async submitFor(stackScriptId: number | undefined, body: unknown, req: Request, res: Response): Promise<void> {
    setViewHeaders(res);
    const submission = await this.submissions.validate(body, stackScriptId);
    if (!submission.ok) {
      res.status(submission.status);
      await render(res, CONFIGURE_VIEWS.page, submission.viewModel);
      return;
    }
    res.redirect(303, signInStartFor(req, await this.drafts.save(submission.draft)));
  }

  /**
   * The price box for `?type=&region=`: a fragment for htmx (with the plan list re-priced when the
   * region changed, `plans=1`), the whole page for a plain request.
   */
  @Get('price-summary')
  @HtmxView(CONFIGURE_VIEWS.page, CONFIGURE_VIEWS.priceUpdate)
  async priceSummary(@Query() query: RawForm, @HxRequest() htmx: boolean): Promise<object> {
    if (!htmx) return this.page.page(query);
    return this.page.priceUpdate(query, query.plans === '1');
  }

  @Get('s/:stackScriptId/price-summary')
  @HtmxView(CONFIGURE_VIEWS.page, CONFIGURE_VIEWS.priceUpdate)
  async stackScriptPriceSummary(
    @Param('stackScriptId', AllowedStackScriptPipe) stackScriptId: number,
    @Query() query: RawForm,
    @HxRequest() htmx: boolean,
  ): Promise<object> {
    if (!htmx) return this.page.page(query, stackScriptId);
    return this.page.priceUpdate(query, query.plans === '1', stackScriptId);
  }

  /**
   * Inline validation as the user types: `field` names the form field, whose value is sent under its
   * own name. POST so that values (a UDF may hold a token) never end up in URLs and access logs.
   */
  @Post('validate')
  @HttpCode(200)
  async validate(@Body() body: unknown, @Res() res: Response): Promise<void> {
    await this.validateFor(undefined, body, res);
  }

  @Post('s/:stackScriptId/validate')
  @HttpCode(200)
  async validateStackScript(
    @Param('stackScriptId', AllowedStackScriptPipe) stackScriptId: number,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.validateFor(stackScriptId, body, res);
  }

  private async validateFor(stackScriptId: number | undefined, body: unknown, res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const form: RawForm = typeof body === 'object' && body !== null ? (body as RawForm) : {};
    const field = typeof form.field === 'string' ? form.field : '';
    const error = await this.page.fieldError(form, field, stackScriptId);
    if (!error) {
      res.status(204).end(); // htmx leaves the page alone
      return;
    }
    // Only the message: htmx swaps it into the field's existing error element (a live region).
    await render(res, CONFIGURE_VIEWS.fieldError, { ...error, inner: true, layout: false });
  }
}
