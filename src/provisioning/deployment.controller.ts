import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DeploymentStore } from './deployment.store';
import { deploymentViewModel } from './deployment.view-model';
import { isSettled, ProvisioningService } from './provisioning.service';

/** HTTP status that tells htmx to stop polling. */
export const HTMX_STOP_POLLING = 286;

@Controller('deployments')
export class DeploymentController {
  constructor(
    private readonly deployments: DeploymentStore,
    private readonly provisioning: ProvisioningService,
  ) {}

  /** The owner's deployment page, or (htmx) its status fragment. Anyone else gets a 404. */
  @Get(':id')
  async show(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const owned = req.session.deploymentIds ?? [];
    const stored = owned.includes(id) ? await this.deployments.get(id) : undefined;
    if (!stored) throw new NotFoundException();
    const record = await this.provisioning.refresh(stored);
    res.setHeader('Cache-Control', 'no-store');
    res.vary('HX-Request');
    if (req.get('HX-Request') === 'true') {
      res.status(isSettled(record) ? HTMX_STOP_POLLING : 200);
      res.render('partials/_deployment-status', { ...deploymentViewModel(record, null), layout: false });
      return;
    }
    const rootPassword = await this.provisioning.takeRootPassword(record);
    res.render('pages/deployment', deploymentViewModel(record, rootPassword));
  }
}
