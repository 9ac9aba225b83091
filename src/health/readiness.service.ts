import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult, HealthIndicatorService } from '@nestjs/terminus';
import { CatalogService } from '../catalog/catalog.service';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';

export const STORE_PING_TIMEOUT_MS = Symbol('STORE_PING_TIMEOUT_MS');

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
    private readonly indicators: HealthIndicatorService,
    private readonly catalog: CatalogService,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Inject(STORE_PING_TIMEOUT_MS) private readonly pingTimeoutMs: number,
  ) {}

  /** Terminus's report; ready when its `status` is `ok`. */
  async check(): Promise<HealthCheckResult> {
    let report: HealthCheckResult;
    try {
      report = await this.health.check([() => this.storeAnswers(), () => this.catalogLoaded()]);
    } catch (error) {
      // Terminus reports "not ready" by throwing its report inside a 503 exception.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      report = error.getResponse() as HealthCheckResult;
    }
    if (report.status !== this.lastStatus) this.noteChange(report);
    return report;
  }

  /**
   * Up when the store answers a ping in time: a Redis client that lost its connection may queue
   * commands instead of failing them. Its errors are not passed on: they can quote the Redis URL,
   * password included.
   */
  private async storeAnswers() {
    const indicator = this.indicators.check('store');
    // Unreferenced: a pending probe never keeps the process alive.
    const timedOut = sleep(this.pingTimeoutMs, 'timeout' as const, { ref: false });
    try {
      const answer = await Promise.race([this.store.ping(), timedOut]);
      if (answer === true) return indicator.up();
      return indicator.down({
        message: answer === 'timeout' ? `no answer to a ping within ${this.pingTimeoutMs} ms` : 'the store refused a ping',
      });
    } catch {
      return indicator.down({ message: 'the ping failed' });
    }
  }

  /** Up once a catalog is loaded; a stale one is still up (it is served while Linode is unreachable) and says so. */
  private catalogLoaded() {
    const indicator = this.indicators.check('catalog');
    if (!this.catalog.isLoaded()) return indicator.down({ message: 'the Linode catalog has not been loaded yet' });
    const ageMs = this.catalog.ageMs();
    return indicator.up({ ageSeconds: ageMs === null ? null : Math.round(ageMs / 1000), stale: this.catalog.isStale() });
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
