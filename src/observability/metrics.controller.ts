import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.registry';

@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  /** Prometheus text exposition of this app instance's metrics. */
  @Get('metrics')
  async metrics(@Res() res: Response): Promise<void> {
    const body = await this.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(this.registry.contentType).send(body);
  }
}
