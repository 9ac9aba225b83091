import { Module } from '@nestjs/common';
import type { CatalogStatus } from '../catalog-status';

/** A catalog whose age and staleness a spec sets by hand (for the health and metrics specs). */
export class FakeCatalogStatus implements CatalogStatus {
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
export const fakeCatalog = new FakeCatalogStatus();

@Module({ providers: [{ provide: FakeCatalogStatus, useValue: fakeCatalog }], exports: [FakeCatalogStatus] })
export class FakeCatalogStatusModule {}
