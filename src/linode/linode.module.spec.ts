import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../config/config.module';
import { loadAppConfig } from '../config/load-app-config';
import { LinodeApiClient } from './linode-api.client';
import { LinodeLoginClient } from './linode-login.client';
import { LinodeCallInfo } from './linode-http';
import { LinodeModule } from './linode.module';
import { FakeLinode, json, page, aRegion } from './fake-linode.test-helper';

@Injectable()
class CallCounter {
  readonly calls: LinodeCallInfo[] = [];
}

@Module({ providers: [CallCounter], exports: [CallCounter] })
class CounterModule {}

describe('LinodeModule', () => {
  it('provides both clients, configured from APP_CONFIG', async () => {
    const config = loadAppConfig({ SANDBOX_PORT: '6123' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), LinodeModule.forRoot()],
    }).compile();
    const login = moduleRef.get(LinodeLoginClient);
    expect(moduleRef.get(LinodeApiClient)).toBeInstanceOf(LinodeApiClient);
    expect(login).toBeInstanceOf(LinodeLoginClient);
    expect((login as unknown as { loginUrl: string }).loginUrl).toBe('http://127.0.0.1:6123');
  });

  it('works imported as a plain module, with default options', async () => {
    const config = loadAppConfig({});
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), LinodeModule],
    }).compile();
    expect(moduleRef.get(LinodeApiClient)).toBeInstanceOf(LinodeApiClient);
    expect(moduleRef.get(LinodeLoginClient)).toBeInstanceOf(LinodeLoginClient);
  });

  it('takes client options from forRoot', async () => {
    const fake = await FakeLinode.start();
    try {
      fake.handle((_request, response) => json(response, 200, page([aRegion()])));
      const calls: LinodeCallInfo[] = [];
      const config = { ...loadAppConfig({}), linode: fake.config().linode };
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(config), LinodeModule.forRoot({ api: { onCall: (info) => calls.push(info) } })],
      }).compile();
      await moduleRef.get(LinodeApiClient).listRegions();
      expect(calls).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('takes client options from a factory, e.g. a metrics hook', async () => {
    const fake = await FakeLinode.start();
    try {
      fake.handle((_request, response) => json(response, 200, page([aRegion()])));
      const config = { ...loadAppConfig({}), linode: fake.config().linode };
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConfigModule.forRoot(config),
          LinodeModule.forRootAsync({
            imports: [CounterModule],
            inject: [CallCounter],
            useFactory: (counter: CallCounter) => ({ api: { onCall: (info) => counter.calls.push(info) } }),
          }),
        ],
      }).compile();
      await moduleRef.get(LinodeApiClient).listRegions();
      expect(moduleRef.get(CallCounter).calls.map((call) => call.endpoint)).toEqual(['/regions']);
    } finally {
      await fake.close();
    }
  });
});
