import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InMemoryKeyValueStore } from './in-memory.store';
import { KEY_VALUE_STORE, type KeyValueStore } from './key-value.store';

/** Provides the KeyValueStore: in-process by default, Redis when REDIS_URL is set. */
@Global()
@Module({})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  static forRoot(): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        {
          provide: KEY_VALUE_STORE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig): Promise<KeyValueStore> => {
            if (!config.redisUrl) return new InMemoryKeyValueStore();
            const { RedisKeyValueStore } = await import('./redis.store');
            return RedisKeyValueStore.connect(config.redisUrl);
          },
        },
      ],
      exports: [KEY_VALUE_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
