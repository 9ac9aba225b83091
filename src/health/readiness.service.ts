import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { CatalogHealthIndicator } from './catalog.health';
import { StoreHealthIndicator } from './store.health';

/**
 * Whether this instance should get traffic: its store answers and it has a catalog to show.
 * Logs when that changes, not on every probe (the same line every few seconds of an outage).
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private lastStatus: HealthCheckResult['status'] | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly catalog: CatalogHealthIndicator,
  ) {}

  /** Terminus's report; ready when its `status` is `ok`. */
  async check(): Promise<HealthCheckResult> {
    let report: HealthCheckResult;
    try {
      report = await this.health.check([() => this.store.check('store'), () => this.catalog.check('catalog')]);
    } catch (error) {
      // Terminus reports "not ready" by throwing its report inside a 503 exception.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      report = error.getResponse() as HealthCheckResult;
    }
    if (report.status !== this.lastStatus) this.noteChange(report);
    return report;
  }

  private noteChange(report: HealthCheckResult): void {
    this.lastStatus = report.status;
    if (report.status === 'ok') return this.logger.log('ready to serve requests');
    const failing = Object.entries(report.error ?? {}).map(([name, detail]) =>
      typeof detail?.message === 'string' ? `${name}: ${detail.message}` : name,
    );
    this.logger.warn(`not ready (${report.status}): ${failing.join('; ') || 'shutting down'}`);
  }
}
