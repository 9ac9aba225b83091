import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeApiClient } from '../linode/linode-api.client';
import { CATALOG_OPTIONS, CATALOG_SOURCE, type CatalogOptions } from './catalog.options';
import { CatalogService } from './catalog.service';

/** Linode's public data, cached. Reads the global `APP_CONFIG` and `LinodeApiClient`. */
@Module({
  providers: [
    { provide: CATALOG_SOURCE, useExisting: LinodeApiClient },
    {
      provide: CATALOG_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): CatalogOptions => ({
        stackScriptId: config.linode.stackScriptId,
        stackScriptIds: config.linode.stackScriptIds,
        ttlMs: config.catalogTtlMs,
        planClasses: config.planClasses,
      }),
    },
    CatalogService,
  ],
  exports: [CatalogService],
})
export class CatalogModule {}
