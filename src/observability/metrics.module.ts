import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { CatalogModule } from '../catalog/catalog.module';
import { CatalogMetrics } from './catalog.metrics';
import { DeploymentMetrics } from './deployment.metrics';
import { HttpRequestMetrics } from './http-request.metrics';
import { LinodeCallMetrics } from './linode-call.metrics';
import { MetricsController } from './metrics.controller';

/**
 * Prometheus metrics at `GET /metrics`. Global, so `LinodeCallMetrics` and `DeploymentMetrics`
 * can be injected wherever deployments happen and Linode clients are built.
 */
@Global()
@Module({
  imports: [CatalogModule],
  controllers: [MetricsController],
  providers: [
    {
      // Each app has its own registry, never prom-client's global one, so several apps in one process
      // do not clash; with Node's process metrics (CPU, memory, event-loop lag, GC, handles).
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    HttpRequestMetrics,
    LinodeCallMetrics,
    DeploymentMetrics,
    CatalogMetrics,
  ],
  exports: [LinodeCallMetrics, DeploymentMetrics],
})
export class MetricsModule {}
