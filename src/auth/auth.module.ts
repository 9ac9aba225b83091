import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { CatalogModule } from '../catalog/catalog.module';
import { ProvisioningModule } from '../provisioning/provisioning.module';
import { AuthController } from './auth.controller';
import { LinodeAuthorizationService } from './linode-authorization.service';
import { LinodeCallbackGuard } from './linode-callback.guard';
import { LinodeStrategy } from './linode.strategy';
import { ScopesGuard } from './scopes.guard';
import { PendingAuthorizationStore } from './pending-authorization.store';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';

@Module({
  imports: [PassportModule.register({ session: false }), CatalogModule, ProvisioningModule],
  controllers: [AuthController],
  providers: [
    {
      provide: PendingAuthorizationStore,
      inject: [KEY_VALUE_STORE],
      useFactory: (store: KeyValueStore) => new PendingAuthorizationStore(store),
    },
    LinodeStrategy,
    LinodeAuthorizationService,
    LinodeCallbackGuard,
    ScopesGuard,
  ],
})
export class AuthModule {}
