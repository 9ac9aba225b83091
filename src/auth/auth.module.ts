import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import { TokensModule } from '../tokens/tokens.module';
import { LinodeCallbackGuard } from './linode-callback.guard';
import { LinodeSignIn } from './linode-sign-in';
import { LinodeStrategy } from './linode.strategy';
import { PendingAuthorizationStore } from './pending-authorization.store';

/**
 * Sign-in mechanics only: the `linode` strategy, starting a sign-in, the callback guard. What a
 * sign-in is for (the deployment) lives in provisioning, which uses the guard on its callback route.
 */
@Module({
  imports: [PassportModule.register({ session: false }), TokensModule],
  providers: [
    {
      provide: PendingAuthorizationStore,
      inject: [KEY_VALUE_STORE],
      useFactory: (store: KeyValueStore) => new PendingAuthorizationStore(store),
    },
    LinodeStrategy,
    LinodeSignIn,
    LinodeCallbackGuard,
  ],
  exports: [LinodeSignIn, LinodeCallbackGuard, LinodeStrategy, PendingAuthorizationStore],
})
export class AuthModule {}
