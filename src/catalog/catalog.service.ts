import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CatalogSnapshot } from './catalog-snapshot';
import { SharedCatalogLists } from './catalog-lists';
import { CATALOG_CLOCK, CATALOG_OPTIONS, CATALOG_SOURCE, type CatalogOptions, type CatalogSource } from './catalog.options';
import { StackScriptNotOfferedError } from './stackscript-not-offered.error';
import { StackScriptCatalog } from './stackscript-catalog';

/**
 * Linode's public catalog, cached per allowed StackScript (the allow-list is fixed at start).
 * Methods without an id mean the default StackScript; any id not allowed is a
 * `StackScriptNotOfferedError` (404) and gets no cache entry.
 */
@Injectable()
export class CatalogService {
  private readonly catalogs: ReadonlyMap<number, StackScriptCatalog>;
  private readonly allowed: readonly number[];

  constructor(
    @Inject(CATALOG_SOURCE) source: CatalogSource,
    @Inject(CATALOG_OPTIONS) private readonly options: CatalogOptions,
    @Optional() @Inject(CATALOG_CLOCK) now: () => number = Date.now,
  ) {
    const lists = new SharedCatalogLists(source, options.ttlMs, now);
    this.allowed = [options.stackScriptId, ...(options.stackScriptIds ?? []).filter((id) => id !== options.stackScriptId)];
    this.catalogs = new Map(this.allowed.map((id) => [id, new StackScriptCatalog(id, source, lists, options, now)]));
  }

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

  snapshot(stackScriptId = this.options.stackScriptId): Promise<CatalogSnapshot> {
    return this.catalogFor(stackScriptId).snapshot();
  }

  /**
   * Loads every allowed StackScript so the first visitor does not wait. Never throws: answers the
   * configuration problems found (a StackScript Linode refused), one per StackScript.
   */
  async warmUp(): Promise<string[]> {
    const problems = await Promise.all(this.allowed.map((id) => this.catalogFor(id).warmUp()));
    return problems.filter((problem) => problem !== null);
  }

  /** Age of the served snapshot in ms; null before the first successful load. */
  ageMs(stackScriptId = this.options.stackScriptId): number | null {
    return this.catalogFor(stackScriptId).ageMs();
  }

  isStale(stackScriptId = this.options.stackScriptId): boolean {
    return this.catalogFor(stackScriptId).isStale();
  }

  /** The default StackScript's page can be served (fresh or stale): what readiness checks ask. */
  isLoaded(): boolean {
    return this.catalogFor(this.options.stackScriptId).isLoaded();
  }

  private catalogFor(stackScriptId: number): StackScriptCatalog {
    const catalog = this.catalogs.get(stackScriptId);
    if (!catalog) throw new StackScriptNotOfferedError();
    return catalog;
  }
}
