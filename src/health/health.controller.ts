import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ReadinessService } from './readiness.service';

/**
 * Probes for orchestrators and load balancers. "Not ready" is answered here, not thrown: the
 * app's exception filter would turn a thrown 503 into an HTML page, which a probe cannot read.
 */
@Controller()
export class HealthController {
  constructor(private readonly readinessService: ReadinessService) {}

  /** Liveness: the process is up and its event loop answers. Never depends on anything outside. */
  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  liveness(): HealthCheckResult {
    const processInfo = { status: 'up' as const, uptimeSeconds: Math.round(process.uptime()) };
    return { status: 'ok', info: { process: processInfo }, error: {}, details: { process: processInfo } };
  }

  /** Readiness: 200 when the store answers and a catalog is loaded, else 503 with what is down. */
  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  async readiness(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    const report = await this.readinessService.check();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
