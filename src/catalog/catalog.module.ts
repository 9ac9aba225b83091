import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeApiClient } from '../linode/linode-api.client';
import { CATALOG_OPTIONS, CATALOG_SOURCE, type CatalogOptions } from './catalog.options';
import { CatalogService } from './catalog.service';
import { ConfigurePageService } from './configure-page.service';
import { ConfigureSubmissionService } from './configure-submission.service';
import { ConfigureController } from './configure.controller';

export function catalogOptionsFrom(config: AppConfig): CatalogOptions {
  return {
    stackScriptId: config.linode.stackScriptId,
    ttlMs: config.catalogTtlMs,
    planClasses: config.planClasses,
    appName: config.appName,
  };
}

/**
 * The catalog (Linode's public data, cached) and the configure page. Reads `APP_CONFIG` and
 * `LinodeApiClient`, both global. Tests swap `CATALOG_SOURCE` and `CATALOG_OPTIONS`.
 */
@Module({
  controllers: [ConfigureController],
  providers: [
    { provide: CATALOG_SOURCE, useExisting: LinodeApiClient },
    { provide: CATALOG_OPTIONS, inject: [APP_CONFIG], useFactory: catalogOptionsFrom },
    CatalogService,
    ConfigurePageService,
    ConfigureSubmissionService,
  ],
  exports: [CatalogService, ConfigureSubmissionService],
})
export class CatalogModule {}
