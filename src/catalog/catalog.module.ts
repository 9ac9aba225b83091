import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeApiClient } from '../linode/linode-api.client';
import { CATALOG_OPTIONS, CATALOG_SOURCE, type CatalogOptions } from './catalog.options';
import { CatalogService } from './catalog.service';

export function catalogOptionsFrom(config: AppConfig): CatalogOptions {
  return {
    stackScriptId: config.linode.stackScriptId,
    stackScriptIds: config.linode.stackScriptIds,
    ttlMs: config.catalogTtlMs,
    planClasses: config.planClasses,
    appName: config.appName,
  };
}

/**
 * The catalog: Linode's public data (plans, regions, images, the StackScript), cached. No HTTP layer. Reads `APP_CONFIG` and
 * `LinodeApiClient`, both global. Tests swap `CATALOG_SOURCE` and `CATALOG_OPTIONS`.
 */
@Module({
  providers: [
    { provide: CATALOG_SOURCE, useExisting: LinodeApiClient },
    { provide: CATALOG_OPTIONS, inject: [APP_CONFIG], useFactory: catalogOptionsFrom },
    CatalogService,
  ],
  exports: [CatalogService],
})
export class CatalogModule {}
