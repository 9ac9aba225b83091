import { DynamicModule, Global, Module } from '@nestjs/common';
import { SANDBOX_OPTIONS, SandboxOptions } from './sandbox.options';
import { SandboxTokenStore } from './tokens/sandbox-token.store';
import { SandboxOAuthModule } from './oauth/sandbox-oauth.module';
import { SandboxApiModule } from './api/sandbox-api.module';

/** Options and shared state (tokens) visible to the login service, the API and the control plane. */
@Global()
@Module({})
class SandboxStateModule {
  static forRoot(options: SandboxOptions): DynamicModule {
    return {
      module: SandboxStateModule,
      providers: [{ provide: SANDBOX_OPTIONS, useValue: options }, SandboxTokenStore],
      exports: [SANDBOX_OPTIONS, SandboxTokenStore],
    };
  }
}

/** The Linode sandbox: login.linode.com's OAuth service and a slice of api.linode.com/v4. */
@Module({})
export class SandboxModule {
  static forRoot(options: SandboxOptions): DynamicModule {
    return {
      module: SandboxModule,
      imports: [SandboxStateModule.forRoot(options), SandboxOAuthModule, SandboxApiModule],
    };
  }
}
