import { Module } from '@nestjs/common';
import { SandboxControlModule } from '../control/sandbox-control.module';
import { SandboxV4Module } from './sandbox-v4.module';

/** api.linode.com/v4 slice, plus the /__sandbox control plane. */
@Module({
  imports: [SandboxV4Module, SandboxControlModule],
})
export class SandboxApiModule {}
