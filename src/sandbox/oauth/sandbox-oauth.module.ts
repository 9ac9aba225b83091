import { Module } from '@nestjs/common';
import { SandboxAuthorizationCodeStore } from './authorization-code.store';
import { SandboxAuthorizeController } from './sandbox-authorize.controller';
import { SandboxAuthorizeService } from './sandbox-authorize.service';
import { SandboxClientRegistry } from './sandbox-client.registry';
import { SandboxTokenController } from './sandbox-token.controller';
import { SandboxTokenGrantService } from './sandbox-token-grant.service';

/**
 * login.linode.com: authorize (consent), token, revoke. Exports the code store so that the
 * control plane's reset can forget pending codes too.
 */
@Module({
  controllers: [SandboxAuthorizeController, SandboxTokenController],
  providers: [SandboxClientRegistry, SandboxAuthorizationCodeStore, SandboxAuthorizeService, SandboxTokenGrantService],
  exports: [SandboxAuthorizationCodeStore],
})
export class SandboxOAuthModule {}
