import { describeConfig } from './describe-config';
import { loadAppConfig } from './load-app-config';

describe('describeConfig', () => {
  it('says when no real Linode account is used', () => {
    expect(describeConfig(loadAppConfig({}))).toMatch(/^sandbox mode: no real Linode account is used/);
  });

  it('is a single line', () => {
    expect(describeConfig(loadAppConfig({}))).not.toContain('\n');
  });

  it('never contains a secret or Redis credentials', () => {
    const config = loadAppConfig({
      LINODE_CLIENT_ID: 'client-id-123',
      LINODE_CLIENT_SECRET: 'client-secret-456',
      LINODE_STACKSCRIPT_ID: '9',
      SESSION_SECRET: 'session-secret-789-abcdefghijklmnopqrstuvwxyz',
      REDIS_URL: 'rediss://default:redis-password@cache.example.com:6380/2',
    });
    const line = describeConfig(config);
    expect(line).toContain('Linode mode: login https://login.linode.com, API https://api.linode.com/v4');
    expect(line).toContain('store rediss://***@cache.example.com:6380/2');
    for (const secret of ['client-secret-456', 'session-secret-789', 'redis-password', 'default:']) {
      expect(line).not.toContain(secret);
    }
  });

  it('describes the trusted proxies', () => {
    expect(describeConfig(loadAppConfig({ TRUST_PROXY: '2' }))).toContain('trust proxy 2 hops');
    expect(describeConfig(loadAppConfig({ TRUST_PROXY: 'loopback' }))).toContain('trust proxy loopback');
  });
});
