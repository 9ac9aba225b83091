import { Module } from '@nestjs/common';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import { LinodeStrategy } from './linode.strategy';
import { PendingAuthorizationStore } from './pending-authorization.store';

/**
 * Sign-in mechanics: the `linode` strategy and its state store. Its guards sit on the routes of
 * provisioning, which knows what a sign-in is for.
 */
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
