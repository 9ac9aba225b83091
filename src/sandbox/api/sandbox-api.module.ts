import { Module } from '@nestjs/common';

/** api.linode.com/v4 slice, plus the /__sandbox control plane. */
@Module({})
export class SandboxApiModule {}
