import { Module } from '@nestjs/common';
import { TokenVault } from './token-vault';

/**
 * The one place Linode access tokens are held and given back: used by provisioning (a deployment's
 * token) and by auth (a grant that arrived after its sign-in had already given up).
 */
@Module({
  providers: [TokenVault],
  exports: [TokenVault],
})
export class TokensModule {}
