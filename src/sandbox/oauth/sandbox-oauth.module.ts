import { Module } from '@nestjs/common';

/** login.linode.com: authorize (consent), token, revoke. */
@Module({})
export class SandboxOAuthModule {}
