import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { LinodeGrant } from '../auth/linode.strategy';
import { regenerateSession } from '../auth/session-rotation';
import { browserIdOf } from '../common/session-data';
import { ConfigureSubmissionService } from '../configure/configure-submission.service';
import { DraftStore } from '../configure/draft.store';
import { KeptChoicesService, type Refusal } from '../configure/kept-choices.service';
import type { DeploymentDraft } from '../configure/deployment-draft';
import { scopesAllow } from '../linode/contract/oauth-scopes';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { DraftExpiredError, DraftNoLongerValidError, InsufficientScopesError } from './deployment-flow.errors';
import type { DeploymentRecord } from './deployment.record';
import { InstanceCreator } from './instance-creator';
import { CreateRefusedError } from './linode-error.messages';
import { TokenVault } from '../tokens/token-vault';

/**
 * What a completed sign-in is for: check the scopes, take the draft (still valid against today's
 * catalog), rotate the session, create the instance. Whenever it stops short, the token is revoked.
 */
@Injectable()
export class DeploymentFlow {
  constructor(
    private readonly drafts: DraftStore,
    private readonly submissions: ConfigureSubmissionService,
    private readonly creator: InstanceCreator,
    private readonly tokens: TokenVault,
    private readonly metrics: DeploymentMetrics,
    private readonly keptChoices: KeptChoicesService,
  ) {}

  async deploy(req: Request, grant: LinodeGrant): Promise<DeploymentRecord> {
    const { draft, description } = await this.prepare(req, grant).catch(async (error: unknown) => {
      await this.tokens.revoke(grant.accessToken);
      throw error;
    });
    try {
      return await this.creator.deploy(grant, draft, description, browserIdOf(req));
    } catch (error) {
      if (!(error instanceof CreateRefusedError)) throw error;
      throw new CreateRefusedError(error.linodeErrors, error.details, await this.keep(draft, req, { linodeErrors: error.linodeErrors }));
    }
  }

  /** The draft to deploy, still valid, and the session rotated; any failure here gives the token back. */
  private async prepare(req: Request, grant: LinodeGrant) {
    // A person may trim scopes on Linode's consent page.
    if (!scopesAllow(grant.scopes, 'linodes', 'read_write')) {
      this.metrics.record('insufficient_scopes');
      throw new InsufficientScopesError(grant.scopes);
    }
    const draft = await this.drafts.take(grant.draftId);
    if (!draft) throw new DraftExpiredError();
    const { errors, description } = await this.submissions.recheck(draft);
    if (errors) throw new DraftNoLongerValidError(Object.values(errors), await this.keep(draft, req, { fieldErrors: errors }));
    await regenerateSession(req);
    return { draft, description };
  }

  /** Keeps the refused choices for "Try again"; undefined when they could not be kept (the refusal still shows). */
  private keep(draft: DeploymentDraft, req: Request, refusal: Refusal): Promise<string | undefined> {
    return this.keptChoices.keep(draft, browserIdOf(req), refusal).catch(() => undefined);
  }
}
