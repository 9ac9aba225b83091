import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeApiClient } from '../linode/linode-api.client';
import { LinodeApiError } from '../linode/linode-api.error';
import { buildCatalogSnapshot, type CatalogLists, type CatalogSnapshot } from './catalog-snapshot';
import { CatalogMisconfiguredError, CatalogUnavailableError, describeUnusableImages, StackScriptNotOfferedError } from './catalog.errors';

/** Where the catalog reads Linode's public data; specs pass a fake. */
export type CatalogSource = Pick<LinodeApiClient, 'listTypes' | 'listRegions' | 'listImages' | 'getStackScript'>;

/** The StackScripts offered (the default first), how long a snapshot counts as fresh, and the plan classes in display order. */
export type CatalogConfig = Pick<AppConfig, 'catalogTtlMs' | 'planClasses'> & {
  linode: Pick<AppConfig['linode'], 'stackScriptId' | 'stackScriptIds'>;
};

/** After a failed load Linode is asked again only this much later: it rate-limits public endpoints per server IP. */
export const RETRY_DELAY_MS = 10_000;

interface LoadFailure {
  at: number;
  cause: unknown;
}

interface StackScriptEntry {
  id: number;
  current: CatalogSnapshot | null;
  lastFailure: LoadFailure | null;
  load: () => Promise<CatalogSnapshot>;
}

/**
 * Linode's public catalog, one snapshot per allowed StackScript (the default when no id is given).
 * Once warm a page view never waits on Linode: an old snapshot is served while one refresh runs.
 */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger(CatalogService.name);
  private readonly entries: ReadonlyMap<number, StackScriptEntry>;
  private lists: (CatalogLists & { fetchedAt: number }) | null = null;
  private readonly fetchLists = singleFlight(async () => {
    const fetchedAt = Date.now();
    const [types, regions, images] = await Promise.all([this.source.listTypes(), this.source.listRegions(), this.source.listImages()]);
    this.lists = { types, regions, images, fetchedAt };
    return this.lists;
  });

  constructor(
    @Inject(LinodeApiClient) private readonly source: CatalogSource,
    @Inject(APP_CONFIG) private readonly config: CatalogConfig,
  ) {
    this.entries = new Map(
      config.linode.stackScriptIds.map((id) => {
        const entry: StackScriptEntry = { id, current: null, lastFailure: null, load: singleFlight(() => this.fetchSnapshot(entry)) };
        return [id, entry];
      }),
    );
  }

  /** Every StackScript this install deploys, the default first. */
  allowedStackScriptIds(): readonly number[] {
    return [...this.entries.keys()];
  }

  isAllowed(stackScriptId: number): boolean {
    return this.entries.has(stackScriptId);
  }

  /** The current snapshot; loads it when cold, and starts a background refresh when it is old. */
  snapshot(stackScriptId = this.config.linode.stackScriptId): Promise<CatalogSnapshot> {
    const entry = this.entryFor(stackScriptId);
    if (entry.current) {
      if (this.isExpired(entry.current) && !this.inRetryDelay(entry)) {
        entry.load().catch(() => undefined); // logged in fetchSnapshot; the old snapshot stays in service
      }
      return Promise.resolve(entry.current);
    }
    if (entry.lastFailure && this.inRetryDelay(entry)) return Promise.reject(this.failureError(entry.lastFailure));
    return entry.load();
  }

  /**
   * Loads every allowed StackScript so the first visitor does not wait. Never throws: answers the
   * StackScripts Linode refused (missing or private), as configuration problems.
   */
  async warmUp(): Promise<string[]> {
    const problems = await Promise.all([...this.entries.values()].map((entry) => this.warmUpOne(entry)));
    return problems.filter((problem) => problem !== null);
  }

  ageMs(stackScriptId = this.config.linode.stackScriptId): number | null {
    const { current } = this.entryFor(stackScriptId);
    return current ? Math.max(0, Date.now() - current.fetchedAt) : null;
  }

  /** The served snapshot is past its TTL and the latest attempt to refresh it failed (a success clears the failure). */
  isStale(stackScriptId = this.config.linode.stackScriptId): boolean {
    const { current, lastFailure } = this.entryFor(stackScriptId);
    return current !== null && this.isExpired(current) && lastFailure !== null;
  }

  /** The default StackScript's page can be served (fresh or stale): what readiness checks ask. */
  isLoaded(): boolean {
    return this.entryFor(this.config.linode.stackScriptId).current !== null;
  }

  private entryFor(stackScriptId: number): StackScriptEntry {
    const entry = this.entries.get(stackScriptId);
    if (!entry) throw new StackScriptNotOfferedError();
    return entry;
  }

  private isExpired({ fetchedAt }: { fetchedAt: number }): boolean {
    return Date.now() - fetchedAt >= this.config.catalogTtlMs;
  }

  private inRetryDelay({ lastFailure }: StackScriptEntry): boolean {
    return lastFailure !== null && Date.now() - lastFailure.at < RETRY_DELAY_MS;
  }

  private async warmUpOne(entry: StackScriptEntry): Promise<string | null> {
    await entry.load().catch(() => undefined); // the failure is kept in lastFailure
    const cause = entry.lastFailure?.cause;
    if (!(cause instanceof LinodeApiError) || ![401, 403, 404].includes(cause.status)) return null;
    return `StackScript ${entry.id} cannot be read (${cause.message}): make it public, or use another id`;
  }

  private async fetchSnapshot(entry: StackScriptEntry): Promise<CatalogSnapshot> {
    try {
      const freshLists = this.lists && !this.isExpired(this.lists) ? this.lists : this.fetchLists();
      const [lists, stackScript] = await Promise.all([freshLists, this.source.getStackScript(entry.id)]);
      // As old as its oldest part, so that it is refreshed when the shared lists expire.
      const snapshot = buildCatalogSnapshot({ ...lists, stackScript }, this.config.planClasses, lists.fetchedAt);
      if (snapshot.images.length === 0) {
        throw new CatalogMisconfiguredError(describeUnusableImages(stackScript.id, stackScript.images));
      }
      entry.current = snapshot;
      entry.lastFailure = null;
      return snapshot;
    } catch (cause) {
      entry.lastFailure = { at: Date.now(), cause };
      if (cause instanceof CatalogMisconfiguredError) {
        this.logger.error(`Configuration error: ${cause.detail}`);
      } else if (entry.current) {
        this.logger.warn(`Catalog refresh failed, still serving data from ${this.ageMs(entry.id)} ms ago: ${String(cause)}`);
      } else {
        this.logger.error(`Catalog could not be loaded: ${String(cause)}`);
      }
      throw this.failureError(entry.lastFailure);
    }
  }

  private failureError({ at, cause }: LoadFailure): Error {
    const retryAfterSeconds = Math.max(1, Math.ceil((at + RETRY_DELAY_MS - Date.now()) / 1000));
    if (cause instanceof CatalogMisconfiguredError) return new CatalogMisconfiguredError(cause.detail, retryAfterSeconds);
    return new CatalogUnavailableError(String(cause), retryAfterSeconds);
  }
}

/** Runs `load` once at a time: every caller during a load gets the same promise. */
function singleFlight<T>(load: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= load().finally(() => {
      running = null;
    });
    return running;
  };
}
