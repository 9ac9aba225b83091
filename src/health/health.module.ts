import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CATALOG_STATUS, type CatalogStatusSource } from '../observability/catalog-status';
import { CatalogHealthIndicator } from './catalog.health';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';
import { STORE_PING_TIMEOUT_MS, StoreHealthIndicator } from './store.health';

export interface HealthOptions extends CatalogStatusSource {
  storePingTimeoutMs?: number;
}

/** `GET /healthz` (liveness) and `GET /readyz` (readiness); needs the global `KEY_VALUE_STORE`. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      // Terminus would log every failed probe; ReadinessService logs changes instead.
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        { provide: CATALOG_STATUS, useExisting: options.catalogStatus },
        { provide: STORE_PING_TIMEOUT_MS, useValue: options.storePingTimeoutMs ?? 2_000 },
        StoreHealthIndicator,
        CatalogHealthIndicator,
        ReadinessService,
      ],
    };
  }
}
