import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CatalogSnapshot } from './catalog-snapshot';
import { CATALOG_CLOCK, CATALOG_OPTIONS, CATALOG_SOURCE, type CatalogOptions, type CatalogSource } from './catalog.options';
import { StackScriptNotOfferedError } from './stackscript-not-offered.error';
import { StackScriptCatalog, type CatalogStats } from './stackscript-catalog';

export type { CatalogStats } from './stackscript-catalog';

/**
 * Linode's public catalog, cached in memory per allowed StackScript (one `StackScriptCatalog`
 * each, made at start: the allow-list is fixed). Each one: once warm a page view never waits on Linode (stale-while-
 * revalidate), concurrent loads share one request set (single flight), and when refreshing fails
 * the last good snapshot keeps being served, marked stale. Methods without an id mean the default
 * StackScript. Only allowed ids get a cache entry: any other is a `StackScriptNotOfferedError` (404).
 */
@Injectable()
export class CatalogService {
  private readonly counters: CatalogStats = { upstreamCalls: 0, loads: 0, failedLoads: 0 };
  private readonly catalogs: ReadonlyMap<number, StackScriptCatalog>;
  private readonly allowed: readonly number[];

  constructor(
    @Inject(CATALOG_SOURCE) private readonly source: CatalogSource,
    @Inject(CATALOG_OPTIONS) private readonly options: CatalogOptions,
    @Optional() @Inject(CATALOG_CLOCK) private readonly now: () => number = Date.now,
  ) {
    this.allowed = [options.stackScriptId, ...(options.stackScriptIds ?? []).filter((id) => id !== options.stackScriptId)];
    this.catalogs = new Map(this.allowed.map((id) => [id, new StackScriptCatalog(id, source, options, this.now, this.counters)]));
  }

  /** The default StackScript (`GET /`). */
  get defaultStackScriptId(): number {
    return this.options.stackScriptId;
  }

  /** Every StackScript this install deploys, the default first. */
  allowedStackScriptIds(): readonly number[] {
    return this.allowed;
  }

  isAllowed(stackScriptId: number): boolean {
    return this.catalogs.has(stackScriptId);
  }

  /** The current snapshot of a StackScript's page; loads it when cold, refreshes it in the background when old. */
  snapshot(stackScriptId = this.options.stackScriptId): Promise<CatalogSnapshot> {
    return this.catalogFor(stackScriptId).snapshot();
  }

  /** Load every allowed StackScript at boot so the first visitor does not wait. Never throws. */
  async warmUp(): Promise<boolean> {
    const results = await Promise.all(this.allowed.map((id) => this.catalogFor(id).warmUp()));
    return results.every(Boolean);
  }

  /** Age of the served snapshot in ms; null before the first successful load. */
  ageMs(stackScriptId = this.options.stackScriptId): number | null {
    return this.catalogFor(stackScriptId).ageMs();
  }

  /** The served snapshot is past its TTL and the latest attempt to refresh it failed. */
  isStale(stackScriptId = this.options.stackScriptId): boolean {
    return this.catalogFor(stackScriptId).isStale();
  }

  /** The default StackScript's page can be served (fresh or stale): what readiness checks ask. */
  isLoaded(): boolean {
    return this.catalogFor(this.options.stackScriptId).isLoaded();
  }

  /** Counters for benchmarks and metrics, over every StackScript. */
  stats(): CatalogStats {
    return { ...this.counters };
  }

  private catalogFor(stackScriptId: number): StackScriptCatalog {
    const catalog = this.catalogs.get(stackScriptId);
    if (!catalog) throw new StackScriptNotOfferedError();
    return catalog;
  }
}
