import type { Image, LinodeType, Region, StackScript } from '../linode/linode.readers';

/** Where the catalog reads Linode's public data: `LinodeApiClient` has this shape, specs pass a fake. */
export interface CatalogSource {
  listTypes(): Promise<LinodeType[]>;
  listRegions(): Promise<Region[]>;
  listImages(): Promise<Image[]>;
  getStackScript(id: number): Promise<StackScript>;
}

export interface CatalogOptions {
  /** The default StackScript (`GET /`). */
  stackScriptId: number;
  /** Every StackScript offered (`/s/:id`); the default is always among them. */
  stackScriptIds?: readonly number[];
  /** How long a snapshot counts as fresh; after that a page view triggers a background refresh. */
  ttlMs: number;
  /** Plan classes offered, in display order (e.g. nanode, standard, dedicated). */
  planClasses: readonly string[];
  /** After a failed load, how long to wait before asking Linode again (default 10 s). */
  retryDelayMs?: number;
}

export const CATALOG_SOURCE = Symbol('CATALOG_SOURCE');
export const CATALOG_OPTIONS = Symbol('CATALOG_OPTIONS');
/** `() => number`, ms since epoch: the catalog's clock. */
export const CATALOG_CLOCK = Symbol('CATALOG_CLOCK');
