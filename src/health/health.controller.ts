import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';

@Controller()
export class HealthController {
  constructor(
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    private readonly catalog: CatalogService,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the store answers and a catalog is loaded (stale is still servable). */
  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  async readyz(): Promise<{ status: 'ok'; store: 'up'; catalog: 'fresh' | 'stale' }> {
    const storeUp = await this.store.ping();
    const loaded = this.catalog.isLoaded();
    if (!storeUp || !loaded) {
      throw new ServiceUnavailableException({ status: 'unavailable', store: storeUp ? 'up' : 'down', catalog: loaded ? 'loaded' : 'missing' });
    }
    return { status: 'ok', store: 'up', catalog: this.catalog.isStale() ? 'stale' : 'fresh' };
  }
}
