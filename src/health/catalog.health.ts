import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { CatalogService } from '../catalog/catalog.service';

/**
 * Up once a catalog is loaded: without one the configure page cannot be shown. A stale catalog
 * is still up (it is served while Linode is unreachable) and says so.
 */
@Injectable()
export class CatalogHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly catalog: CatalogService,
  ) {}

  check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    if (!this.catalog.isLoaded()) return indicator.down({ message: 'the Linode catalog has not been loaded yet' });
    const ageMs = this.catalog.ageMs();
    return indicator.up({ ageSeconds: ageMs === null ? null : Math.round(ageMs / 1000), stale: this.catalog.isStale() });
  }
}
