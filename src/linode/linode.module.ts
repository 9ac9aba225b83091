import { DynamicModule, InjectionToken, Module, ModuleMetadata } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeApiClient, type LinodeApiClientOptions } from './linode-api.client';
import type { LinodeHttpOptions } from './linode-http';
import { LinodeLoginClient } from './linode-login.client';

export interface LinodeModuleOptions {
  api?: LinodeApiClientOptions;
  login?: LinodeHttpOptions;
}

export interface LinodeModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Receives the providers named in `inject`, in order (`never[]` accepts any parameter list). */
  useFactory: (...dependencies: never[]) => LinodeModuleOptions | Promise<LinodeModuleOptions>;
  inject?: InjectionToken[];
}

const LINODE_MODULE_OPTIONS = Symbol('LINODE_MODULE_OPTIONS');

/**
 * `LinodeApiClient` and `LinodeLoginClient`, built from `APP_CONFIG`. Global, so there is one
 * instance of each per app, hence one circuit breaker per upstream.
 */
@Module({})
export class LinodeModule {
  static forRootAsync(options: LinodeModuleAsyncOptions): DynamicModule {
    return {
      module: LinodeModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: LINODE_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: LinodeApiClient,
          inject: [APP_CONFIG, LINODE_MODULE_OPTIONS],
          useFactory: (config: AppConfig, { api }: LinodeModuleOptions) => new LinodeApiClient(config, api),
        },
        {
          provide: LinodeLoginClient,
          inject: [APP_CONFIG, LINODE_MODULE_OPTIONS],
          useFactory: (config: AppConfig, { login }: LinodeModuleOptions) => new LinodeLoginClient(config, login),
        },
      ],
      exports: [LinodeApiClient, LinodeLoginClient],
    };
  }
}
