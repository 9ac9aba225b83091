import { DynamicModule, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { CATALOG_STATUS, type CatalogStatusSource } from './catalog-status';
import { CatalogMetrics } from './catalog.metrics';
import { DeploymentMetrics } from './deployment.metrics';
import { HttpRequestMetrics } from './http-request.metrics';
import { LinodeCallMetrics } from './linode-call.metrics';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics.registry';

/**
 * Prometheus metrics at `GET /metrics`. Global, so `LinodeCallMetrics` and `DeploymentMetrics`
 * can be injected wherever deployments happen and Linode clients are built.
 */
@Module({})
export class MetricsModule implements OnModuleDestroy {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  static forRoot(options: CatalogStatusSource): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: options.imports ?? [],
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
        { provide: CATALOG_STATUS, useExisting: options.catalogStatus },
        HttpRequestMetrics,
        LinodeCallMetrics,
        DeploymentMetrics,
        CatalogMetrics,
      ],
      exports: [METRICS_REGISTRY, LinodeCallMetrics, DeploymentMetrics],
    };
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
