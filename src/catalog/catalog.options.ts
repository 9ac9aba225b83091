import type { Image, LinodeType, Region, StackScript } from '../linode/linode.readers';

/**
 * Where the catalog reads Linode's public data from. `LinodeApiClient` has exactly this shape; tests
 * pass a fake. Keeping the dependency this narrow is what lets the catalog be tested without HTTP.
 */
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
  /** The application's name (APP_NAME): shown in the page header and title. */
  appName: string;
  /**
   * After a failed load, how long to wait before asking Linode again. Linode rate-limits public
   * endpoints per server IP (images: 20/min), so a failing upstream must not be hit on every view.
   */
  retryDelayMs?: number;
}

export const CATALOG_SOURCE = Symbol('CATALOG_SOURCE');
export const CATALOG_OPTIONS = Symbol('CATALOG_OPTIONS');
/** Optional `() => number` (ms since epoch); tests inject a controllable clock. */
export const CATALOG_CLOCK = Symbol('CATALOG_CLOCK');

export const DEFAULT_RETRY_DELAY_MS = 10_000;
