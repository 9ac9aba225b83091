import { ConfigError } from './config.error';
import { loadAppConfig } from './load-app-config';

/** Sandbox mode, whose default StackScript is 320826, with 320827 allowed too. */
const load = (env: NodeJS.ProcessEnv) => loadAppConfig({ NODE_ENV: 'test', LINODE_STACKSCRIPT_IDS: '320827', ...env });

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration loaded');
}

describe('APP_READY_URL, APP_READY_URLS and APP_READY_TIMEOUT_MS', () => {
  it('follow no application by default, with a 20 minute timeout', () => {
    expect(load({}).appReady).toEqual({ urlTemplates: new Map(), timeoutMs: 1_200_000 });
  });

  it.each([
    ['http://{ipv4}/', 'http://{ipv4}/'],
    ['http://{ipv4}', 'http://{ipv4}/'],
    ['https://{ipv4}:8443/health', 'https://{ipv4}:8443/health'],
    ['http://{ipv4}:3000', 'http://{ipv4}:3000/'],
    ['https://{ipv4}/wp-admin/install.php', 'https://{ipv4}/wp-admin/install.php'],
  ])('take %s as the template of every allowed StackScript', (raw, template) => {
    expect(load({ APP_READY_URL: raw }).appReady.urlTemplates).toEqual(
      new Map([
        [320826, template],
        [320827, template],
      ]),
    );
  });

  it('take per-StackScript templates from APP_READY_URLS, over APP_READY_URL', () => {
    const config = load({ APP_READY_URL: 'http://{ipv4}/', APP_READY_URLS: '320827=https://{ipv4}:8443/health' });
    expect(config.appReady.urlTemplates).toEqual(
      new Map([
        [320826, 'http://{ipv4}/'],
        [320827, 'https://{ipv4}:8443/health'],
      ]),
    );
  });

  it('follow only the StackScripts APP_READY_URLS names when APP_READY_URL is unset', () => {
    const config = load({ APP_READY_URLS: ' 320827 = http://{ipv4}/ ' });
    expect(config.appReady.urlTemplates).toEqual(new Map([[320827, 'http://{ipv4}/']]));
  });

  it('read APP_READY_TIMEOUT_MS', () => {
    expect(load({ APP_READY_TIMEOUT_MS: '5000' }).appReady.timeoutMs).toBe(5000);
  });

  it.each([
    ['a host name', 'http://example.com/'],
    ['a literal address', 'http://127.0.0.1/'],
    ['{ipv4} inside a host name', 'http://{ipv4}.nip.io/'],
    ['{ipv4} in the path only', 'http://localhost/{ipv4}'],
    ['a second {ipv4}', 'http://{ipv4}/{ipv4}'],
    ['credentials', 'http://user:pass@{ipv4}/'],
    ['a query', 'http://{ipv4}/?next=http://internal/'],
    ['a fragment', 'http://{ipv4}/#top'],
    ['another scheme', 'ftp://{ipv4}/'],
    ['a scheme-relative URL', '//{ipv4}/'],
    ['port 0', 'http://{ipv4}:0/'],
    ['a port above 65535', 'http://{ipv4}:65536/'],
    ['a port that is not a number', 'http://{ipv4}:http/'],
    ['spaces in the path', 'http://{ipv4}/a b'],
    ['a backslash', 'http://{ipv4}\\@evil.example/'],
  ])('refuse an APP_READY_URL with %s, saying what it must be', (_case, raw) => {
    expect(problemsOf({ APP_READY_URL: raw })).toContain(
      'APP_READY_URL must be an http(s) URL whose host is exactly {ipv4}, with an optional port and path and no query, such as http://{ipv4}/',
    );
  });

  it.each([
    ['no id', 'http://{ipv4}/'],
    ['an id that is not a number', 'abc=http://{ipv4}/'],
    ['an empty entry', '320826=http://{ipv4}/,'],
    ['an id twice', '320826=http://{ipv4}/,320826=http://{ipv4}:81/'],
    ['a bad template', '320826=http://example.com/'],
  ])('refuse an APP_READY_URLS with %s', (_case, raw) => {
    expect(problemsOf({ APP_READY_URLS: raw })).toContain('APP_READY_URLS must be a comma-separated list of StackScriptID=template');
  });

  it('refuse an APP_READY_URLS naming a StackScript this install does not deploy', () => {
    expect(problemsOf({ APP_READY_URLS: '320826=http://{ipv4}/,999=http://{ipv4}/' })).toContain(
      'APP_READY_URLS names StackScript 999, which is not one LINODE_STACKSCRIPT_ID or LINODE_STACKSCRIPT_IDS allows',
    );
  });

  it.each(['0', '999', '3600001', '20m'])('refuse APP_READY_TIMEOUT_MS=%s', (raw) => {
    expect(problemsOf({ APP_READY_TIMEOUT_MS: raw })).toContain(
      'APP_READY_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 3600000',
    );
  });
});
