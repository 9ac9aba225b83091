import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { CatalogService } from '../catalog/catalog.service';

/** Catalog freshness, read from the catalog at scrape time (nothing to keep up to date). */
@Injectable()
export class CatalogMetrics {
  constructor(registry: Registry, catalog: CatalogService) {
    const gauges: [name: string, help: string, read: () => number][] = [
      [
        'catalog_loaded',
        '1 once the Linode catalog (types, regions, images, StackScript) has been loaded, else 0.',
        () => (catalog.isLoaded() ? 1 : 0),
      ],
      [
        'catalog_age_seconds',
        'Age of the catalog being served, in seconds (0 while none is loaded; see catalog_loaded).',
        () => (catalog.ageMs() ?? 0) / 1000,
      ],
      [
        'catalog_stale',
        '1 while the catalog served is past its TTL and the latest refresh failed, else 0.',
        () => (catalog.isStale() ? 1 : 0),
      ],
    ];
    for (const [name, help, read] of gauges) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    }
  }
}
