import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { CatalogHealthIndicator } from './catalog.health';
import { StoreHealthIndicator } from './store.health';

export interface Readiness {
  ready: boolean;
  /** Terminus's report: `status`, `info`, `error`, `details`. */
  report: HealthCheckResult;
}

/**
 * Whether this instance should get traffic: its store answers and it has a catalog to show.
 * Logs when that changes rather than on every probe, which would repeat the same line every
 * few seconds for as long as an outage lasts.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private lastReady: boolean | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly catalog: CatalogHealthIndicator,
  ) {}

  async check(): Promise<Readiness> {
    let report: HealthCheckResult;
    try {
      report = await this.health.check([() => this.store.check('store'), () => this.catalog.check('catalog')]);
    } catch (error) {
      // Terminus reports "not ready" by throwing its report inside a 503 exception.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      report = error.getResponse() as HealthCheckResult;
    }
    const ready = report.status === 'ok';
    this.noteChange(ready, report);
    return { ready, report };
  }

  private noteChange(ready: boolean, report: HealthCheckResult): void {
    if (ready === this.lastReady) return;
    this.lastReady = ready;
    if (ready) {
      this.logger.log('ready to serve requests');
      return;
    }
    const failing = Object.entries(report.error ?? {}).map(([name, detail]) =>
      typeof detail?.message === 'string' ? `${name}: ${detail.message}` : name,
    );
    this.logger.warn(`not ready (${report.status}): ${failing.join('; ') || 'shutting down'}`);
  }
}
