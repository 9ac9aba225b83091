import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ConfigurePageService } from './configure-page.service';
import { ConfigureSubmissionService } from './configure-submission.service';
import { ConfigureController } from './configure.controller';
import { DraftStore } from './draft.store';
import { RenderedPageCache } from './rendered-page.cache';
import { GalleryService } from './gallery.service';
import { KeptChoicesService } from './kept-choices.service';
import { KeptChoicesStore } from './kept-choices.store';
import { AllowedStackScriptPipe } from './stackscript-id.pipe';

/** The configure page: the form, its htmx fragments, the draft it yields, and starting sign-in. */
@Module({
  imports: [CatalogModule, AuthModule],
  controllers: [ConfigureController],
  providers: [
    ConfigurePageService,
    ConfigureSubmissionService,
    DraftStore,
    RenderedPageCache,
    GalleryService,
    AllowedStackScriptPipe,
    KeptChoicesStore,
    KeptChoicesService,
  ],
  exports: [ConfigureSubmissionService, DraftStore, KeptChoicesService],
})
export class ConfigureModule {}
