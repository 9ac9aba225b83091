import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SignInDrafts } from '../auth/linode-sign-in.guard';
import { DraftStore } from '../configure/draft.store';
import { ConfigureModule } from '../configure/configure.module';
import { DeploymentFlow } from './deployment-flow';
import { DeploymentOwnerGuard } from './deployment-owner.guard';
import { DeploymentController } from './deployment.controller';
import { DeploymentStore } from './deployment.store';
import { DeploymentTracker } from './deployment-tracker';
import { InstanceCreator, LOOKUP_INTERVAL_MS } from './instance-creator';
import { ApplicationProber } from './readiness/application-prober';
import { ApplicationReadiness } from './readiness/application-readiness';
import { SignInController } from './sign-in.controller';
import { TokensModule } from '../tokens/tokens.module';

/** The use case after sign-in: deploy the draft, follow the instance, delete it on request. */
@Module({
  imports: [AuthModule, ConfigureModule, TokensModule],
  controllers: [SignInController, DeploymentController],
  providers: [
    { provide: SignInDrafts, useExisting: DraftStore },
    DeploymentFlow,
    InstanceCreator,
    { provide: LOOKUP_INTERVAL_MS, useValue: 1_500 },
    DeploymentTracker,
    ApplicationReadiness,
    { provide: ApplicationProber, useFactory: () => new ApplicationProber(fetch, Date.now) },
    DeploymentStore,
    DeploymentOwnerGuard,
  ],
})
export class ProvisioningModule {}
