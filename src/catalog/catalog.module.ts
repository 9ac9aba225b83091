import { Module } from '@nestjs/common';
import { CatalogService } from './catalog.service';

/** Linode's public data, cached. Reads the global `APP_CONFIG` and `LinodeApiClient`. */
@Module({ providers: [CatalogService], exports: [CatalogService] })
export class CatalogModule {}
