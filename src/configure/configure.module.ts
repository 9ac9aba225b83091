import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ConfigurePageService } from './configure-page.service';
import { ConfigureSubmissionService } from './configure-submission.service';
import { ConfigureController } from './configure.controller';
import { DraftStore } from './draft.store';
import { DeployButtonController } from './deploy-button.controller';
import { DeployButtonService } from './deploy-button.service';
import { KeptChoicesService } from './kept-choices.service';
import { RenderedPages } from '../views/rendered-pages';
import { PublicPageResponder } from '../views/public-page';

@Module({
  imports: [CatalogModule, AuthModule],
  controllers: [ConfigureController, DeployButtonController],
  providers: [
    ConfigurePageService,
    ConfigureSubmissionService,
    DraftStore,
    KeptChoicesService,
    DeployButtonService,
    RenderedPages,
    PublicPageResponder,
  ],
  exports: [ConfigureSubmissionService, DraftStore, KeptChoicesService],
})
export class ConfigureModule {}
