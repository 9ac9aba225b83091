import { Logger } from '@nestjs/common';
import { buildCatalogSnapshot, type CatalogSnapshot } from './catalog-snapshot';
import { CatalogMisconfiguredError, describeUnusableImages } from './catalog-misconfigured.error';
import { CatalogUnavailableError } from './catalog-unavailable.error';
import { DEFAULT_RETRY_DELAY_MS, type CatalogOptions, type CatalogSource } from './catalog.options';

export interface CatalogStats {
  /** Calls made to the source (four per load: types, regions, images, StackScript). */
  upstreamCalls: number;
  loads: number;
  failedLoads: number;
}

/**
 * Linode's public catalog as one StackScript's configure page needs it, cached in memory. Once warm a page view never waits on Linode: a
 * snapshot older than the TTL is still served while one background refresh replaces it
 * (stale-while-revalidate). Concurrent loads share one request set (single flight). When
 * refreshing fails the last good snapshot keeps being served, marked stale; only with no snapshot
 * at all does `snapshot()` throw `CatalogUnavailableError`.
 */
export class StackScriptCatalog {
  private readonly logger = new Logger('CatalogService');
  private readonly retryDelayMs: number;
  private current: CatalogSnapshot | null = null;
  private inFlight: Promise<CatalogSnapshot> | null = null;
  private lastFailure: { at: number; detail: string; cause: unknown; misconfigured: boolean } | null = null;

  constructor(
    private readonly stackScriptId: number,
    private readonly source: CatalogSource,
    private readonly options: CatalogOptions,
    private readonly now: () => number,
    /** Shared with the other StackScripts' catalogs: the service reports one set of counters. */
    private readonly counters: CatalogStats,
  ) {
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  }

  /** The current snapshot; loads it when cold, and starts a background refresh when it is old. */
  async snapshot(): Promise<CatalogSnapshot> {
    if (this.current) {
      if (this.refreshDue()) this.refreshInBackground();
      return this.current;
    }
    if (this.inFlight) return this.inFlight;
    if (this.inRetryDelay()) {
      throw this.failureError(this.lastFailure!);
    }
    return this.load();
  }

  /** Load at boot so the first visitor does not wait. Never throws: the result says whether it worked. */
  async warmUp(): Promise<boolean> {
    try {
      await this.load();
      return true;
    } catch {
      return false; // already logged; the first page view retries
    }
  }

  /** Age of the served snapshot in ms; null before the first successful load. */
  ageMs(): number | null {
    return this.current ? Math.max(0, this.now() - this.current.fetchedAt) : null;
  }

  /** The served snapshot is past its TTL and the latest attempt to refresh it failed. */
  isStale(): boolean {
    return (
      this.current !== null &&
      this.now() - this.current.fetchedAt >= this.options.ttlMs &&
      this.lastFailure !== null &&
      this.lastFailure.at >= this.current.fetchedAt
    );
  }

  /** A snapshot can be served (fresh or stale): what readiness checks ask. */
  isLoaded(): boolean {
    return this.current !== null;
  }

  private refreshDue(): boolean {
    return (
      this.current !== null && this.now() - this.current.fetchedAt >= this.options.ttlMs && this.inFlight === null && !this.inRetryDelay()
    );
  }

  private inRetryDelay(): boolean {
    return this.lastFailure !== null && this.now() - this.lastFailure.at < this.retryDelayMs;
  }

  private secondsUntilRetry(failedAt: number): number {
    return Math.max(1, Math.ceil((failedAt + this.retryDelayMs - this.now()) / 1000));
  }

  private refreshInBackground(): void {
    this.load().catch(() => undefined); // logged in load(); the old snapshot stays in service
  }

  /** One load at a time: every caller during a load gets the same promise. */
  private load(): Promise<CatalogSnapshot> {
    this.inFlight ??= this.fetchSnapshot().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchSnapshot(): Promise<CatalogSnapshot> {
    const startedAt = this.now();
    this.counters.loads += 1;
    try {
      const [types, regions, images, stackScript] = await Promise.all([
        this.call(() => this.source.listTypes()),
        this.call(() => this.source.listRegions()),
        this.call(() => this.source.listImages()),
        this.call(() => this.source.getStackScript(this.stackScriptId)),
      ]);
      const snapshot = buildCatalogSnapshot({ types, regions, images, stackScript }, this.options.planClasses, startedAt);
      if (snapshot.images.length === 0) {
        throw new CatalogMisconfiguredError(describeUnusableImages(stackScript.id, stackScript.images));
      }
      this.current = snapshot;
      this.lastFailure = null;
      return snapshot;
    } catch (cause) {
      this.counters.failedLoads += 1;
      const misconfigured = cause instanceof CatalogMisconfiguredError;
      const detail = misconfigured ? cause.detail : describeFailure(cause);
      this.lastFailure = { at: this.now(), detail, cause, misconfigured };
      if (misconfigured) {
        this.logger.error(`Configuration error: ${detail}`);
      } else if (this.current) {
        this.logger.warn(`Catalog refresh failed, still serving data from ${this.ageMs()} ms ago: ${detail}`);
      } else {
        this.logger.error(`Catalog could not be loaded: ${detail}`);
      }
      throw this.failureError(this.lastFailure);
    }
  }

  private failureError(failure: NonNullable<StackScriptCatalog['lastFailure']>): Error {
    const retryAfterSeconds = this.secondsUntilRetry(failure.at);
    if (failure.misconfigured) return new CatalogMisconfiguredError(failure.detail, { retryAfterSeconds });
    return new CatalogUnavailableError(failure.detail, { cause: failure.cause, retryAfterSeconds });
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    this.counters.upstreamCalls += 1;
    return request();
  }
}

function describeFailure(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}
