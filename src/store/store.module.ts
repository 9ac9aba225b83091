import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InMemoryKeyValueStore } from './in-memory.store';
import { KEY_VALUE_STORE, type KeyValueStore } from './key-value.store';

/** Provides the KeyValueStore: in-process by default, Redis when REDIS_URL is set. */
@Global()
@Module({
  providers: [
    {
      provide: KEY_VALUE_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<KeyValueStore> => {
        if (!config.redisUrl) return new InMemoryKeyValueStore();
        // Loaded only with REDIS_URL: the in-process store needs no Redis client.
        const { RedisKeyValueStore } = await import('./redis.store');
        return RedisKeyValueStore.connect(config.redisUrl);
      },
    },
  ],
  exports: [KEY_VALUE_STORE],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
