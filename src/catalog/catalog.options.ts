import type { LinodeApiClient } from '../linode/linode-api.client';

/** Where the catalog reads Linode's public data; specs pass a fake. */
export type CatalogSource = Pick<LinodeApiClient, 'listTypes' | 'listRegions' | 'listImages' | 'getStackScript'>;

export interface CatalogOptions {
  /** The default StackScript (`GET /`). */
  stackScriptId: number;
  /** Every StackScript offered (`/s/:id`); the default is always among them. */
  stackScriptIds?: readonly number[];
  /** How long a snapshot counts as fresh; after that a page view triggers a background refresh. */
  ttlMs: number;
  /** Plan classes offered, in display order (e.g. nanode, standard, dedicated). */
  planClasses: readonly string[];
}

export const CATALOG_SOURCE = Symbol('CATALOG_SOURCE');
export const CATALOG_OPTIONS = Symbol('CATALOG_OPTIONS');
/** `() => number`, ms since epoch: the catalog's clock. */
export const CATALOG_CLOCK = Symbol('CATALOG_CLOCK');
