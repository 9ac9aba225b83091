import { Logger } from '@nestjs/common';
import { LinodeApiError } from '../linode/linode-api.error';
import { buildCatalogSnapshot, type CatalogSnapshot } from './catalog-snapshot';
import type { SharedCatalogLists } from './catalog-lists';
import { CatalogMisconfiguredError, describeUnusableImages } from './catalog-misconfigured.error';
import { CatalogUnavailableError } from './catalog-unavailable.error';
import type { CatalogOptions, CatalogSource } from './catalog.options';

interface LoadFailure {
  at: number;
  detail: string;
  cause: unknown;
  misconfigured: boolean;
}

/**
 * One StackScript's configure page data, cached in memory. Once warm a page view never waits on
 * Linode: an expired snapshot is served while one background refresh replaces it. When refreshing
 * fails the last good snapshot stays in service, marked stale; after a failure Linode is asked
 * again only once `retryDelayMs` has passed (it rate-limits public endpoints per server IP).
 */
export class StackScriptCatalog {
  private readonly logger = new Logger('CatalogService');
  private readonly retryDelayMs: number;
  private current: CatalogSnapshot | null = null;
  private inFlight: Promise<CatalogSnapshot> | null = null;
  private lastFailure: LoadFailure | null = null;

  constructor(
    private readonly stackScriptId: number,
    private readonly source: CatalogSource,
    private readonly lists: SharedCatalogLists,
    private readonly options: CatalogOptions,
    private readonly now: () => number,
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 10_000;
  }

  /** The current snapshot; loads it when cold, and starts a background refresh when it is old. */
  async snapshot(): Promise<CatalogSnapshot> {
    if (this.current) {
      if (this.isExpired() && this.inFlight === null && !this.inRetryDelay()) {
        this.load().catch(() => undefined); // logged in fetchSnapshot; the old snapshot stays in service
      }
      return this.current;
    }
    if (this.inFlight) return this.inFlight;
    if (this.lastFailure && this.inRetryDelay()) throw this.failureError(this.lastFailure);
    return this.load();
  }

  /**
   * Loads at boot so the first visitor does not wait. Never throws: answers the configuration
   * problem when Linode refused the StackScript (missing or private), else null.
   */
  async warmUp(): Promise<string | null> {
    try {
      await this.load();
      return null;
    } catch {
      const cause = this.lastFailure?.cause;
      if (!(cause instanceof LinodeApiError) || ![401, 403, 404].includes(cause.status)) return null;
      return `StackScript ${this.stackScriptId} cannot be read (${cause.message}): make it public, or use another id`;
    }
  }

  ageMs(): number | null {
    return this.current ? Math.max(0, this.now() - this.current.fetchedAt) : null;
  }

  /** The served snapshot is past its TTL and the latest attempt to refresh it failed. */
  isStale(): boolean {
    return this.current !== null && this.isExpired() && this.lastFailure !== null && this.lastFailure.at >= this.current.fetchedAt;
  }

  isLoaded(): boolean {
    return this.current !== null;
  }

  private isExpired(): boolean {
    return this.current !== null && this.now() - this.current.fetchedAt >= this.options.ttlMs;
  }

  private inRetryDelay(): boolean {
    return this.lastFailure !== null && this.now() - this.lastFailure.at < this.retryDelayMs;
  }

  /** One load at a time: every caller during a load gets the same promise. */
  private load(): Promise<CatalogSnapshot> {
    this.inFlight ??= this.fetchSnapshot().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchSnapshot(): Promise<CatalogSnapshot> {
    try {
      const [lists, stackScript] = await Promise.all([this.lists.load(), this.source.getStackScript(this.stackScriptId)]);
      // As old as its oldest part, so that it is refreshed when the shared lists expire.
      const snapshot = buildCatalogSnapshot({ ...lists, stackScript }, this.options.planClasses, lists.fetchedAt);
      if (snapshot.images.length === 0) {
        throw new CatalogMisconfiguredError(describeUnusableImages(stackScript.id, stackScript.images));
      }
      this.current = snapshot;
      this.lastFailure = null;
      return snapshot;
    } catch (cause) {
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

  private failureError(failure: LoadFailure): Error {
    const retryAfterSeconds = Math.max(1, Math.ceil((failure.at + this.retryDelayMs - this.now()) / 1000));
    if (failure.misconfigured) return new CatalogMisconfiguredError(failure.detail, retryAfterSeconds);
    return new CatalogUnavailableError(failure.detail, retryAfterSeconds);
  }
}

function describeFailure(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
