import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../config/config.module';
import { loadAppConfig } from '../config/load-app-config';
import { LinodeApiClient } from './linode-api.client';
import type { LinodeCallInfo } from './linode-http';
import { LinodeLoginClient } from './linode-login.client';
import { LinodeModule } from './linode.module';
import { FakeLinode, json, page, aRegion } from './fake-linode.test-helper';

@Injectable()
class CallCounter {
  readonly calls: LinodeCallInfo[] = [];
}

@Module({ providers: [CallCounter], exports: [CallCounter] })
class CounterModule {}

describe('LinodeModule', () => {
  let fake: FakeLinode;

  beforeEach(async () => {
    fake = await FakeLinode.start();
    fake.handle((request, response) =>
      request.pathname === '/oauth/revoke' ? json(response, 200, {}) : json(response, 200, page([aRegion()])),
    );
  });
  afterEach(() => fake.close());

  it('provides both clients, configured from APP_CONFIG, with options from a factory such as a metrics hook', async () => {
    const config = { ...loadAppConfig({}), linode: fake.config().linode };
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        LinodeModule.forRootAsync({
          imports: [CounterModule],
          inject: [CallCounter],
          useFactory: (counter: CallCounter) => ({ onCall: (info) => counter.calls.push(info) }),
        }),
      ],
    }).compile();
    await moduleRef.get(LinodeApiClient).listRegions();
    await expect(moduleRef.get(LinodeLoginClient).revokeToken('a-token')).resolves.toBe('revoked');
    expect(moduleRef.get(CallCounter).calls.map((call) => call.endpoint)).toEqual(['/regions', '/oauth/revoke']);
    expect(fake.requests.map((request) => request.pathname)).toEqual(['/v4/regions', '/oauth/revoke']);
  });
});
