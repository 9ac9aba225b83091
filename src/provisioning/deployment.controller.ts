import { Controller, Get, Header, Post, Redirect, Render, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { LRUCache } from 'lru-cache';
import { HTMX_FRAGMENT, HxRequest } from '../views/htmx';
import { DeploymentOwnerGuard, OwnedDeployment } from './deployment-owner.guard';
import type { DeploymentRecord } from './deployment.record';
import { deleteConfirmViewModel, deploymentViewModel } from './deployment.view-model';
import { DeploymentTracker } from './deployment-tracker';
import { ApplicationReadiness } from './readiness/application-readiness';

/** HTTP status that tells htmx to stop polling. */
export const HTMX_STOP_POLLING = 286;

@Controller('deployments')
@UseGuards(DeploymentOwnerGuard)
export class DeploymentController {
  /** Polls share one status refresh per deployment a second, however many tabs poll; failures are not kept. */
  private readonly polls = new LRUCache<string, DeploymentRecord, DeploymentRecord>({
    max: 1000,
    ttl: 1000,
    fetchMethod: (_id, _stale, { context }) => this.tracker.refresh(context),
  });

  constructor(
    private readonly tracker: DeploymentTracker,
    private readonly readiness: ApplicationReadiness,
  ) {}

  /** The owner's deployment page, or (htmx) its status fragment, which stops polling once there is nothing more to follow. */
  @Get(':id')
  @Render('pages/deployment')
  @Header('Cache-Control', 'no-store')
  @Header('Vary', 'HX-Request')
  async show(@OwnedDeployment() owned: DeploymentRecord, @HxRequest() htmx: boolean, @Res({ passthrough: true }) res: Response) {
    if (htmx) {
      const fragment = deploymentViewModel(await this.polls.forceFetch(owned.id, { context: owned }));
      if (!fragment.polling) res.status(HTMX_STOP_POLLING);
      return { ...fragment, ...HTMX_FRAGMENT };
    }
    // The page reads its own record and drops what polls shared, which may still hold the root password.
    const record = await this.tracker.refresh(owned);
    this.polls.delete(owned.id);
    const rootPassword = await this.tracker.takeRootPassword(record);
    return deploymentViewModel(record, rootPassword, this.readiness.follows(record));
  }

  /** Asks before deleting (works without JavaScript), or says why this page can no longer delete the server. */
  @Get(':id/delete')
  @Render('pages/delete-confirm')
  @Header('Cache-Control', 'no-store')
  async confirmDelete(@OwnedDeployment() record: DeploymentRecord) {
    return deleteConfirmViewModel(record, await this.tracker.canDelete(record));
  }

  /** Deletes the instance through Linode's API while the token is still held. CSRF-protected. */
  @Post(':id/delete')
  @Redirect()
  async delete(@OwnedDeployment() record: DeploymentRecord) {
    await this.tracker.deleteInstance(record);
    this.polls.delete(record.id);
    return { url: `/deployments/${record.id}`, statusCode: 303 };
  }
}
