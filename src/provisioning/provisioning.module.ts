import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConfigureModule } from '../configure/configure.module';
import { DeploymentFlow } from './deployment-flow';
import { DeploymentOwnerGuard } from './deployment-owner.guard';
import { DeploymentController } from './deployment.controller';
import { DeploymentStore } from './deployment.store';
import { DeploymentTracker } from './deployment-tracker';
import { InstanceCreator } from './instance-creator';
import { SignInCallbackController } from './sign-in-callback.controller';
import { TokensModule } from '../tokens/tokens.module';

/** The use case after sign-in: deploy the draft, follow the instance, delete it on request. */
@Module({
  imports: [AuthModule, ConfigureModule, TokensModule],
  controllers: [SignInCallbackController, DeploymentController],
  providers: [DeploymentFlow, InstanceCreator, DeploymentTracker, DeploymentStore, DeploymentOwnerGuard],
})
export class ProvisioningModule {}
