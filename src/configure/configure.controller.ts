import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Redirect,
  Render,
  Req,
  Res,
  Session,
  UseFilters,
  type HttpRedirectResponse,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { HxRequest } from '../views/htmx';
import { signInStartFor } from '../auth/linode-sign-in.guard';
import { PublicPageResponder } from '../views/public-page';
import { ConfigureFormPipe, type ConfigureForm } from './configure-form';
import { CONFIGURE_PAGE_VIEW, ConfigurePageAgainFilter } from './configure-page-again.filter';
import { ConfigurePageService } from './configure-page.service';
import { ConfigureSubmissionService } from './configure-submission.service';
import type { ConfigureViewModel } from './configure-view-model';
import { DraftStore } from './draft.store';
import { KeptChoicesService } from './kept-choices.service';
import { StackScriptId } from './stackscript-id.pipe';

/** Every route is also served under `/s/:stackScriptId`, for each allowed StackScript. */
@Controller()
export class ConfigureController {
  constructor(
    private readonly page: ConfigurePageService,
    private readonly submissions: ConfigureSubmissionService,
    private readonly drafts: DraftStore,
    private readonly keptChoices: KeptChoicesService,
    private readonly publicPages: PublicPageResponder,
  ) {}

  /** A deep link may preselect `region`, `type`, `image` and listed `udf_<NAME>` choices. */
  @Get(['', 's/:stackScriptId'])
  @Header('Vary', 'HX-Request')
  async show(
    @StackScriptId() stackScriptId: number | undefined,
    @Query(ConfigureFormPipe) query: ConfigureForm,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const gallery = stackScriptId === undefined && this.page.hasGallery();
    return this.publicPages.send(await (gallery ? this.page.gallery() : this.page.page(query, stackScriptId)), req, res);
  }

  /** After Linode refused a create: this browser's kept choices and what went wrong. */
  @Get('again/:keptId')
  @Render(CONFIGURE_PAGE_VIEW)
  @Header('Cache-Control', 'no-store')
  @HttpCode(400) // the form holds errors, as after a refused submit
  async again(@Param('keptId') keptId: string, @Session() session: Request['session']): Promise<ConfigureViewModel> {
    // Read, never created: a browser without a session has no kept choices, and gets no session here.
    return this.keptChoices.page(keptId, session.browserId);
  }

  @Post(['', 's/:stackScriptId'])
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @Header('Vary', 'HX-Request')
  @UseFilters(ConfigurePageAgainFilter)
  async submit(
    @StackScriptId() stackScriptId: number | undefined,
    @Body(ConfigureFormPipe) form: ConfigureForm,
    @Req() req: Request,
  ): Promise<HttpRedirectResponse> {
    const draftId = await this.drafts.save(await this.submissions.draftOf(form, stackScriptId));
    return { url: signInStartFor(req, draftId), statusCode: 303 };
  }

  /** The price box for htmx, with the plan list re-priced when `plans=1`; without JavaScript, the whole page. */
  @Get(['price-summary', 's/:stackScriptId/price-summary'])
  @Header('Vary', 'HX-Request')
  async priceSummary(
    @StackScriptId() stackScriptId: number | undefined,
    @Query(ConfigureFormPipe) query: ConfigureForm,
    @HxRequest() htmx: boolean,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const page = htmx ? this.page.priceUpdate(query, stackScriptId) : this.page.page(query, stackScriptId);
    return this.publicPages.send(await page, req, res);
  }

  /** POST, so that typed values never end up in URLs and access logs; a 204 leaves the page alone. */
  @Post(['validate', 's/:stackScriptId/validate'])
  @Render('partials/_field-error')
  @Header('Cache-Control', 'no-store')
  async validate(
    @StackScriptId() stackScriptId: number | undefined,
    @Body(ConfigureFormPipe) form: ConfigureForm,
    @Res({ passthrough: true }) res: Response,
  ) {
    const error = await this.page.fieldError(form, stackScriptId);
    res.status(error ? 200 : 204);
    return { ...error, inner: true, layout: false };
  }
}
