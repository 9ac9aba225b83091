import { Body, Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConfigureSubmissionService } from '../catalog/configure-submission.service';
import { DraftStore } from '../provisioning/draft.store';
import { ProvisioningService } from '../provisioning/provisioning.service';
import { TokenVault } from '../provisioning/token-vault';
import { DraftExpiredError, DraftNoLongerValidError } from './auth.errors';
import { LinodeAuthorizationService } from './linode-authorization.service';
import { LinodeCallbackGuard, type RequestWithGrant } from './linode-callback.guard';
import { ScopesGuard } from './scopes.guard';
import { regenerateSession } from './session-rotation';
import { browserIdOf } from '../common/session-data';

@Controller()
export class AuthController {
  constructor(
    private readonly submissions: ConfigureSubmissionService,
    private readonly drafts: DraftStore,
    private readonly authorization: LinodeAuthorizationService,
    private readonly provisioning: ProvisioningService,
    private readonly tokens: TokenVault,
  ) {}

  /** Validates the selection, keeps it server-side, and sends the browser to Linode's sign-in. */
  @Post()
  async start(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.vary('HX-Request');
    const submission = await this.submissions.validate(body);
    if (!submission.ok) {
      res.status(submission.status).render('pages/configure', submission.viewModel);
      return;
    }
    const draftId = await this.drafts.save(submission.draft);
    const authorizeUrl = await this.authorization.begin(req, draftId);
    if (req.get('HX-Request') === 'true') {
      // OAuth must happen at the top level, not inside an htmx swap.
      res.status(200).setHeader('HX-Redirect', authorizeUrl);
      res.end();
      return;
    }
    res.redirect(302, authorizeUrl);
  }

  /** Linode sends the browser back here: state, then code exchange, then scopes, then deploy. */
  @Get('auth_callback')
  @UseGuards(LinodeCallbackGuard, ScopesGuard)
  async callback(@Req() req: RequestWithGrant, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const grant = req.linodeGrant!;
    const draft = await this.drafts.take(grant.draftId);
    if (!draft) {
      await this.tokens.revokeUnkept(grant.accessToken);
      throw new DraftExpiredError();
    }
    // The catalog may have changed while the person was at Linode (a region into outage, …).
    const stillInvalid = await this.submissions.revalidate(draft);
    if (stillInvalid) {
      await this.tokens.revokeUnkept(grant.accessToken);
      throw new DraftNoLongerValidError(Object.values(stillInvalid));
    }
    const description = await this.submissions.describe(draft);
    await regenerateSession(req);
    const record = await this.provisioning.deploy(grant.accessToken, draft, description, browserIdOf(req), grant.scopes, grant.expiresIn ?? undefined);
    // 303 to a clean URL: the code leaves the address bar and a refresh never deploys again.
    res.redirect(303, `/deployments/${record.id}`);
  }
}
