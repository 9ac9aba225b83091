import { DynamicModule, Global, InjectionToken, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LinodeApiClient, LinodeApiClientOptions } from './linode-api.client';
import { LinodeLoginClient, LinodeLoginClientOptions } from './linode-login.client';

export interface LinodeModuleOptions {
  api?: LinodeApiClientOptions;
  login?: LinodeLoginClientOptions;
}

export interface LinodeModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Receives the providers named in `inject`, in order (`never[]` accepts any parameter list). */
  useFactory: (...dependencies: never[]) => LinodeModuleOptions | Promise<LinodeModuleOptions>;
  inject?: InjectionToken[];
}

const LINODE_MODULE_OPTIONS = Symbol('LINODE_MODULE_OPTIONS');

/** Both clients share nothing but the config; each keeps its own circuit breaker. */
const clientProviders: Provider[] = [
  {
    provide: LinodeApiClient,
    inject: [APP_CONFIG, LINODE_MODULE_OPTIONS],
    useFactory: (config: AppConfig, options: LinodeModuleOptions) => new LinodeApiClient(config, options.api),
  },
  {
    provide: LinodeLoginClient,
    inject: [APP_CONFIG, LINODE_MODULE_OPTIONS],
    useFactory: (config: AppConfig, options: LinodeModuleOptions) => new LinodeLoginClient(config, options.login),
  },
];

/**
 * `LinodeApiClient` and `LinodeLoginClient`, built from `APP_CONFIG` (so `ConfigModule.forRoot`
 * must be imported too). Global: one instance of each per app, hence one breaker per upstream.
 * Import it as is for default client options, or through `forRoot`/`forRootAsync` to set them.
 */
@Global()
@Module({
  providers: [{ provide: LINODE_MODULE_OPTIONS, useValue: {} }, ...clientProviders],
  exports: [LinodeApiClient, LinodeLoginClient],
})
export class LinodeModule {
  static forRoot(options: LinodeModuleOptions = {}): DynamicModule {
    return {
      module: LinodeModule,
      global: true,
      // Replaces the default options provider declared in @Module().
      providers: [{ provide: LINODE_MODULE_OPTIONS, useValue: options }],
    };
  }

  /** For options that need other providers, e.g. an `onCall` hook feeding a metrics service. */
  static forRootAsync(options: LinodeModuleAsyncOptions): DynamicModule {
    return {
      module: LinodeModule,
      global: true,
      imports: options.imports ?? [],
      providers: [{ provide: LINODE_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }],
    };
  }
}
