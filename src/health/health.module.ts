import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CatalogModule } from '../catalog/catalog.module';
import { HealthController } from './health.controller';
import { ReadinessService, STORE_PING_TIMEOUT_MS } from './readiness.service';

/** `GET /healthz` (liveness) and `GET /readyz` (readiness); needs the global `KEY_VALUE_STORE`. */
@Module({
  // Terminus would log every failed probe; ReadinessService logs changes instead.
  imports: [TerminusModule.forRoot({ logger: false }), CatalogModule],
  controllers: [HealthController],
  providers: [{ provide: STORE_PING_TIMEOUT_MS, useValue: 2_000 }, ReadinessService],
})
export class HealthModule {}
