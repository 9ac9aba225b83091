import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { SandboxV4Module } from '../api/sandbox-v4.module';
import { FaultInjectionMiddleware } from './fault-injection.middleware';
import { FaultInjector } from './fault-injector';
import { HeldRequests } from './held-requests';
import { SandboxControlController } from './sandbox-control.controller';
import { SandboxResetService } from './sandbox-reset.service';

/** `/__sandbox/*`: inspect instances and tokens, inject faults, reset; plus the middleware that applies faults and latency. */
@Module({
  imports: [DiscoveryModule, SandboxV4Module],
  controllers: [SandboxControlController],
  providers: [FaultInjector, HeldRequests, SandboxResetService],
})
export class SandboxControlModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FaultInjectionMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
