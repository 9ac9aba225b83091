import { Controller, Get, Inject, Optional, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { mayReadMetrics } from './metrics-access';
import { METRICS_REGISTRY } from './metrics.registry';

@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Optional() @Inject(APP_CONFIG) private readonly config?: Pick<AppConfig, 'metricsToken'>,
  ) {}

  /** Prometheus text exposition of this app instance's metrics (bearer METRICS_TOKEN when set). */
  @Get('metrics')
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (!mayReadMetrics(this.config?.metricsToken ?? null, req.get('authorization'))) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.type('text/plain').send('401 Unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    const body = await this.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(this.registry.contentType).send(body);
  }
}
