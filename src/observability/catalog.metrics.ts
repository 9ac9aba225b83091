import { Inject, Injectable, Optional } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { CATALOG_STATUS, type CatalogStatus } from './catalog-status';
import { METRICS_REGISTRY } from './metrics.registry';

/** Catalog freshness, read from the catalog at scrape time (nothing to keep up to date). */
@Injectable()
export class CatalogMetrics {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Optional() @Inject(CATALOG_STATUS) catalog: CatalogStatus | null) {
    if (!catalog) return;
    // Each gauge registers itself with the registry; nothing else needs a reference to it.
    new Gauge({
      name: 'catalog_loaded',
      help: '1 once the Linode catalog (types, regions, images, StackScript) has been loaded, else 0.',
      registers: [registry],
      collect() {
        this.set(catalog.isLoaded() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'catalog_age_seconds',
      help: 'Age of the catalog being served, in seconds (0 while none is loaded; see catalog_loaded).',
      registers: [registry],
      collect() {
        this.set((catalog.ageMs() ?? 0) / 1000);
      },
    });
    new Gauge({
      name: 'catalog_stale',
      help: '1 while the catalog served is past its TTL and the latest refresh failed, else 0.',
      registers: [registry],
      collect() {
        this.set(catalog.isStale() ? 1 : 0);
      },
    });
  }
}
