import { Module } from '@nestjs/common';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import { LinodeStrategy } from './linode.strategy';
import { PendingAuthorizationStore } from './pending-authorization.store';

/** The `linode` strategy and its state store; the guards sit on provisioning's routes. */
@Module({
  providers: [
    {
      provide: PendingAuthorizationStore,
      inject: [KEY_VALUE_STORE],
      useFactory: (store: KeyValueStore) => new PendingAuthorizationStore(store),
    },
    LinodeStrategy,
  ],
  exports: [PendingAuthorizationStore],
})
export class AuthModule {}
