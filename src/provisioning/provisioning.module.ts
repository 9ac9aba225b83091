import { Module } from '@nestjs/common';
import { DeploymentController } from './deployment.controller';
import { DeploymentStore } from './deployment.store';
import { DraftStore } from './draft.store';
import { ProvisioningService } from './provisioning.service';
import { TokenVault } from './token-vault';

@Module({
  controllers: [DeploymentController],
  providers: [ProvisioningService, DeploymentStore, DraftStore, TokenVault],
  exports: [ProvisioningService, DraftStore, TokenVault],
})
export class ProvisioningModule {}
