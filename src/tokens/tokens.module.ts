import { Module } from '@nestjs/common';
import { TokenVault } from './token-vault';

/** The one place Linode access tokens are held and revoked. */
@Module({
  providers: [TokenVault],
  exports: [TokenVault],
})
export class TokensModule {}
