import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ApiAccessGuard } from './auth/api-access.guard';
import { ImagesController } from './catalog/images.controller';
import { LinodeTypesController } from './catalog/linode-types.controller';
import { RegionsController } from './catalog/regions.controller';
import { SandboxCatalog } from './catalog/sandbox-catalog';
import { EventsController } from './events/events.controller';
import { SandboxEventLog } from './events/sandbox-event.log';
import { SandboxErrorFilter } from './http/sandbox-error.filter';
import { SandboxRouteTable } from './http/sandbox-route-table';
import { SandboxAddressPool } from './instances/address-pool';
import { CreateInstanceRateLimiter } from './instances/create-rate-limiter';
import { InstancesController } from './instances/instances.controller';
import { SandboxInstanceExpiry } from './instances/instance-expiry';
import { InstanceExpiryInterceptor } from './instances/instance-expiry.interceptor';
import { SandboxInstanceRetirement } from './instances/instance-retirement';
import { SandboxInstanceStore } from './instances/sandbox-instance.store';
import { SandboxInstancesService } from './instances/sandbox-instances.service';
import { ProfileController } from './profile/profile.controller';
import { SandboxStackScriptStore } from './stackscripts/sandbox-stackscript.store';
import { SandboxStackScriptsService } from './stackscripts/sandbox-stackscripts.service';
import { StackScriptsController } from './stackscripts/stackscripts.controller';

/** The api.linode.com/v4 slice: catalogue, instances, events and profile, with Linode's errors. */
@Module({
  imports: [DiscoveryModule],
  controllers: [
    LinodeTypesController,
    RegionsController,
    ImagesController,
    StackScriptsController,
    InstancesController,
    EventsController,
    ProfileController,
  ],
  providers: [
    SandboxCatalog,
    SandboxStackScriptStore,
    SandboxStackScriptsService,
    SandboxInstanceStore,
    SandboxEventLog,
    {
      provide: SandboxAddressPool,
      // The regions' resolver addresses come from 203.0.113.0/24 too: a Linode never gets one.
      useFactory: (catalog: SandboxCatalog) =>
        new SandboxAddressPool(catalog.regions.flatMap((region) => region.resolvers.ipv4.split(','))),
      inject: [SandboxCatalog],
    },
    CreateInstanceRateLimiter,
    SandboxInstanceRetirement,
    SandboxInstanceExpiry,
    SandboxInstancesService,
    ApiAccessGuard,
    SandboxRouteTable,
    { provide: APP_FILTER, useClass: SandboxErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: InstanceExpiryInterceptor },
  ],
  exports: [
    SandboxInstanceStore,
    SandboxEventLog,
    SandboxAddressPool,
    CreateInstanceRateLimiter,
    SandboxInstanceExpiry,
    SandboxStackScriptStore,
    SandboxStackScriptsService,
  ],
})
export class SandboxV4Module {}
