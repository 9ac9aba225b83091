import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, AppConfig } from './app-config';
import { ConfigModule } from './config.module';
import { loadAppConfig } from './load-app-config';

@Injectable()
class NeedsConfig {
  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {}
}

describe('ConfigModule', () => {
  it('provides the given config as APP_CONFIG to every module', async () => {
    const config = loadAppConfig({ APP_NAME: 'from-test' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config)],
      providers: [NeedsConfig],
    }).compile();
    expect(moduleRef.get(APP_CONFIG)).toBe(config);
    expect(moduleRef.get(NeedsConfig).config.appName).toBe('from-test');
  });
});
