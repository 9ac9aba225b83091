import { ConfigurableModuleBuilder, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeApiClient, type LinodeApiClientOptions } from './linode-api.client';
import type { LinodeHttpOptions } from './linode-http';
import { LinodeLoginClient } from './linode-login.client';

export interface LinodeModuleOptions {
  api?: LinodeApiClientOptions;
  login?: LinodeHttpOptions;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<LinodeModuleOptions>()
  .setClassMethodName('forRoot')
  .build();

/** Global, so there is one client of each per app, hence one circuit breaker per upstream. */
@Global()
@Module({
  providers: [
    {
      provide: LinodeApiClient,
      inject: [APP_CONFIG, MODULE_OPTIONS_TOKEN],
      useFactory: (config: AppConfig, { api }: LinodeModuleOptions) => new LinodeApiClient(config, api),
    },
    {
      provide: LinodeLoginClient,
      inject: [APP_CONFIG, MODULE_OPTIONS_TOKEN],
      useFactory: (config: AppConfig, { login }: LinodeModuleOptions) => new LinodeLoginClient(config, login),
    },
  ],
  exports: [LinodeApiClient, LinodeLoginClient],
})
export class LinodeModule extends ConfigurableModuleClass {}
