import { Module } from '@nestjs/common';
import { CatalogService } from '../../catalog/catalog.service';

type CatalogStatus = Pick<CatalogService, 'isLoaded' | 'isStale' | 'ageMs'>;

/** A catalog whose age and staleness a spec sets by hand (for the health and metrics specs). */
export class FakeCatalog implements CatalogStatus {
  age: number | null = null;
  stale = false;
  isLoaded(): boolean {
    return this.age !== null;
  }
  isStale(): boolean {
    return this.stale;
  }
  ageMs(): number | null {
    return this.age;
  }
}

/** The one instance a spec file's apps read (Jest gives each spec file its own module registry). */
export const fakeCatalog = new FakeCatalog();

/** Stands in for `CatalogModule`: `overrideModule(CatalogModule).useModule(FakeCatalogModule)`. */
@Module({ providers: [{ provide: CatalogService, useValue: fakeCatalog }], exports: [CatalogService] })
export class FakeCatalogModule {}
