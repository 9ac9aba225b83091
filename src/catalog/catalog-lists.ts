import type { Image, LinodeType, Region } from '../linode/linode.readers';
import type { CatalogSource } from './catalog.options';

export interface CatalogLists {
  types: LinodeType[];
  regions: Region[];
  images: Image[];
  /** When the lists were fetched (ms since epoch). */
  fetchedAt: number;
}

/**
 * Plans, regions and images: the same for every StackScript, so fetched once for all of them, and
 * again only when older than the TTL. Concurrent loads share one request set.
 */
export class SharedCatalogLists {
  private fresh: CatalogLists | null = null;
  private inFlight: Promise<CatalogLists> | null = null;

  constructor(
    private readonly source: CatalogSource,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  load(): Promise<CatalogLists> {
    if (this.fresh && this.now() - this.fresh.fetchedAt < this.ttlMs) return Promise.resolve(this.fresh);
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetch(): Promise<CatalogLists> {
    const fetchedAt = this.now();
    const [types, regions, images] = await Promise.all([this.source.listTypes(), this.source.listRegions(), this.source.listImages()]);
    this.fresh = { types, regions, images, fetchedAt };
    return this.fresh;
  }
}
