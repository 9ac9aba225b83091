import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CatalogModule } from '../catalog/catalog.module';
import { CatalogHealthIndicator } from './catalog.health';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';
import { STORE_PING_TIMEOUT_MS, StoreHealthIndicator } from './store.health';

/** `GET /healthz` (liveness) and `GET /readyz` (readiness); needs the global `KEY_VALUE_STORE`. */
@Module({
  // Terminus would log every failed probe; ReadinessService logs changes instead.
  imports: [TerminusModule.forRoot({ logger: false }), CatalogModule],
  controllers: [HealthController],
  providers: [{ provide: STORE_PING_TIMEOUT_MS, useValue: 2_000 }, StoreHealthIndicator, CatalogHealthIndicator, ReadinessService],
})
export class HealthModule {}
