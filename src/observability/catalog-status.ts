/**
 * What health checks and metrics need to know about the catalog. `CatalogService` already has
 * this shape, so it can be bound as is (`useExisting`).
 */
export interface CatalogStatus {
  /** Age of the catalog being served, in ms; null before the first successful load. */
  readonly ageMs: number | null;
  /** Past its TTL and the latest refresh failed: still served, but old. */
  readonly isStale: boolean;
}

export const CATALOG_STATUS = Symbol('CATALOG_STATUS');
