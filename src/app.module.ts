import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { LinodeModule } from './linode/linode.module';
import { StoreModule } from './store/store.module';
import { ConfigureModule } from './configure/configure.module';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { HealthModule } from './health/health.module';
import { PageExceptionFilter } from './common/page-exception.filter';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from './observability/logger-params';
import { QuietBootLogger } from './observability/quiet-boot-logger';
import { CrossOriginGuard } from './common/cross-origin.guard';
import { MetricsModule } from './observability/metrics.module';
import { LinodeCallMetrics } from './observability/linode-call.metrics';

/** The install-on-linode app. The sandbox is never imported here (main.ts starts it separately). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        MetricsModule,
        StoreModule,
        LinodeModule.forRootAsync({
          inject: [LinodeCallMetrics],
          useFactory: (metrics: LinodeCallMetrics) => ({
            onCall: metrics.record,
            onUnreadableItem: metrics.recordUnreadableItem,
            timeoutMs: config.linodeTimeoutMs,
            createTimeoutMs: config.linodeCreateTimeoutMs,
          }),
        }),
        ConfigureModule,
        ProvisioningModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: PageExceptionFilter },
        { provide: APP_GUARD, useClass: CrossOriginGuard },
        QuietBootLogger,
      ],
    };
  }
}
