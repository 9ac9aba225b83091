import { ConfigurableModuleBuilder, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeApiClient, type LinodeApiClientOptions } from './linode-api.client';
import { LinodeLoginClient } from './linode-login.client';

/** One set of options for both clients; the login client uses the HTTP ones (metrics hook, timeout). */
const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<LinodeApiClientOptions>()
  .setClassMethodName('forRoot')
  .build();

/** Global, so there is one client of each per app, hence one circuit breaker per upstream. */
@Global()
@Module({
  providers: [LinodeApiClient, LinodeLoginClient].map((Client) => ({
    provide: Client,
    inject: [APP_CONFIG, MODULE_OPTIONS_TOKEN],
    useFactory: (config: AppConfig, options: LinodeApiClientOptions) => new Client(config, options),
  })),
  exports: [LinodeApiClient, LinodeLoginClient],
})
export class LinodeModule extends ConfigurableModuleClass {}
