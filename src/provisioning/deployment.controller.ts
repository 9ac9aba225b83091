import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { DeploymentStore } from './deployment.store';
import { deploymentViewModel } from './deployment.view-model';
import { isSettled, ProvisioningService } from './provisioning.service';
import type { DeploymentRecord } from './deployment.record';
import { StatusRefreshes } from './status-refreshes';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HTTP status that tells htmx to stop polling. */
export const HTMX_STOP_POLLING = 286;

@Controller('deployments')
export class DeploymentController {
  /** Status asked of Linode at most once a second per deployment, however many polls (issue 14). */
  private readonly refreshes = new StatusRefreshes<DeploymentRecord>(1000);

  constructor(
    private readonly deployments: DeploymentStore,
    private readonly provisioning: ProvisioningService,
  ) {}

  /** The owner's deployment page, or (htmx) its status fragment. Anyone else gets a 404. */
  @Get(':id')
  async show(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const owned = await this.owned(req, id);
    const poll = req.get('HX-Request') === 'true';
    // Only the polls share refreshes: the full page takes the root password out of the record, so
    // it always reads its own, and drops what polls shared (it may still hold the password).
    const record = poll ? await this.refreshes.get(owned.id, () => this.provisioning.refresh(owned)) : await this.provisioning.refresh(owned);
    if (!poll) this.refreshes.forget(owned.id);
    // refresh() settles a deployment whose token is gone, so an unsettled one still holds it.
    const canDelete = !isSettled(record);
    res.setHeader('Cache-Control', 'no-store');
    res.vary('HX-Request');
    if (poll) {
      res.status(isSettled(record) ? HTMX_STOP_POLLING : 200);
      res.render('partials/_deployment-status', { ...deploymentViewModel(record, null, canDelete), layout: false });
      return;
    }
    const rootPassword = await this.provisioning.takeRootPassword(record);
    res.render('pages/deployment', deploymentViewModel(record, rootPassword, canDelete));
  }

  /** Asks before deleting (works without JavaScript). */
  @Get(':id/delete')
  async confirmDelete(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const record = await this.owned(req, id);
    res.setHeader('Cache-Control', 'no-store');
    if (!(await this.provisioning.canDelete(record))) {
      res.redirect(303, `/deployments/${record.id}`);
      return;
    }
    res.render('pages/delete-confirm', { ...deploymentViewModel(record, null, true), pageTitle: `Delete ${record.label}?` });
  }

  /** Deletes the instance through Linode's API while the token is still held. CSRF-protected. */
  @Post(':id/delete')
  async delete(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const record = await this.owned(req, id);
    await this.provisioning.deleteInstance(record);
    this.refreshes.forget(record.id);
    res.redirect(303, `/deployments/${record.id}`);
  }

  /** The deployment if this browser created it; anyone else gets the same 404 as for no deployment. */
  private async owned(req: Request, id: string) {
    const browserId = req.session.browserId;
    const stored = browserId ? await this.deployments.get(id) : undefined;
    if (!stored || typeof stored.ownerId !== 'string' || !safeEqual(stored.ownerId, browserId!)) throw new NotFoundException();
    return stored;
  }
}
