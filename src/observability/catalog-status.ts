import type { ModuleMetadata, Type } from '@nestjs/common';

/** What health checks and metrics read about the catalog; `CatalogService` has this shape. */
export interface CatalogStatus {
  isLoaded(): boolean;
  /** Past its TTL and the latest refresh failed: still served, but old. */
  isStale(): boolean;
  ageMs(): number | null;
}

export const CATALOG_STATUS = Symbol('CATALOG_STATUS');

/** Where a module that reads the catalog's status finds it: a provider such as `CatalogService`, and the modules it needs. */
export interface CatalogStatusSource {
  imports?: ModuleMetadata['imports'];
  catalogStatus: Type<CatalogStatus>;
}
