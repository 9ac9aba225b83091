import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { mayReadMetrics } from './metrics-access';

@Controller()
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'metricsToken'>,
  ) {}

  /** Prometheus text exposition of this app instance's metrics (bearer METRICS_TOKEN when set). */
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    if (!mayReadMetrics(this.config.metricsToken, authorization)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain');
      return '401 Unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>\n';
    }
    res.type(this.registry.contentType);
    return this.registry.metrics();
  }
}
