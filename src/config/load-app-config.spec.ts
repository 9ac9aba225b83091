import { appEnvSchemas } from './app-env.schema';
import { ConfigError } from './config.error';
import { loadAppConfig } from './load-app-config';

const SECRET = 'k3y-0f-at-least-32-characters-Zq9!';
const REAL = {
  LINODE_CLIENT_ID: 'a1b2c3d4e5f6a7b8c9d0',
  LINODE_CLIENT_SECRET: 'real-client-secret-value',
  LINODE_STACKSCRIPT_ID: '1234',
  SESSION_SECRET: SECRET,
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAppConfig', () => {
  describe('with an empty environment (sandbox mode)', () => {
    const config = loadAppConfig({}, { generateSecret: () => 'generated-secret' });

    it('listens on 127.0.0.1:5000 with the public URL http://localhost:5000', () => {
      expect(config).toMatchObject({ port: 5000, host: '127.0.0.1', publicUrl: 'http://localhost:5000' });
    });

    it('derives the callback URL from the public URL', () => {
      expect(config.callbackUrl).toBe('http://localhost:5000/auth_callback');
    });

    it('does not mark cookies Secure for an http public URL', () => {
      expect(config.secureCookies).toBe(false);
    });

    it('enables the sandbox on port 5001 and points both Linode URLs at it', () => {
      expect(config.sandbox).toEqual({ enabled: true, port: 5001 });
      expect(config.linode.loginUrl).toBe('http://127.0.0.1:5001');
      expect(config.linode.apiUrl).toBe('http://127.0.0.1:5001/v4');
    });

    it("sends the browser to the sandbox's authorize page through the app's own origin, not the sandbox's port", () => {
      expect(config.linode.authorizeUrl).toBe('http://localhost:5000/__sandbox-login/oauth/authorize');
    });

    it("uses the sandbox's client and demo StackScript", () => {
      expect(config.linode).toMatchObject({
        clientId: 'sandbox-client-id',
        clientSecret: 'sandbox-client-secret',
        stackScriptId: 320826,
      });
    });

    it('asks for the linodes:read_write scope only', () => {
      expect(config.linode.scopes).toBe('linodes:read_write');
    });

    it('generates a session secret for the process and says so', () => {
      expect(config.sessionSecret).toBe('generated-secret');
      expect(config.sessionSecretGenerated).toBe(true);
    });

    it('uses the in-process store, trusts no proxy and applies the default TTLs, Linode timeouts and plan classes', () => {
      expect(config).toMatchObject({
        appName: 'my-application',
        redisUrl: null,
        trustProxy: false,
        tokenTtlMs: 15 * 60_000,
        linodeTimeoutMs: 10_000,
        linodeCreateTimeoutMs: 30_000,
        catalogTtlMs: 10 * 60_000,
        planClasses: ['nanode', 'standard', 'dedicated'],
        nodeEnv: 'development',
        logLevel: 'info',
      });
    });
  });

  it('generates a different random session secret per call by default', () => {
    const first = loadAppConfig({}).sessionSecret;
    const second = loadAppConfig({}).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(first).not.toBe(second);
  });

  it('treats empty variables as unset', () => {
    const config = loadAppConfig({ PORT: '', LINODE_CLIENT_ID: '', APP_NAME: '' });
    expect(config.port).toBe(5000);
    expect(config.sandbox.enabled).toBe(true);
    expect(config.appName).toBe('my-application');
  });

  it('keeps a given session secret in sandbox mode', () => {
    const config = loadAppConfig({ SESSION_SECRET: SECRET });
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.sessionSecretGenerated).toBe(false);
  });

  it('lets sandbox mode deploy another StackScript id', () => {
    expect(loadAppConfig({ LINODE_STACKSCRIPT_ID: '42' }).linode.stackScriptId).toBe(42);
  });

  it("moves the sandbox URLs with SANDBOX_PORT, but not the browser's authorize URL", () => {
    const config = loadAppConfig({ SANDBOX_PORT: '6001' });
    expect(config.linode.loginUrl).toBe('http://127.0.0.1:6001');
    expect(config.linode.apiUrl).toBe('http://127.0.0.1:6001/v4');
    expect(config.linode.authorizeUrl).toBe('http://localhost:5000/__sandbox-login/oauth/authorize');
  });

  it('puts the sandbox authorize URL on PUBLIC_URL (a public demo)', () => {
    const config = loadAppConfig({ PUBLIC_URL: 'https://demo.example.com' });
    expect(config.linode.authorizeUrl).toBe('https://demo.example.com/__sandbox-login/oauth/authorize');
  });

  it('defaults the log level to silent under NODE_ENV=test', () => {
    expect(loadAppConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  describe('LINODE_PKCE', () => {
    it.each([
      ['off', false],
      ['OFF', false],
      ['false', false],
      ['0', false],
      ['on', true],
      ['true', true],
    ])('reads %s as %s', (raw, expected) => {
      expect(loadAppConfig({ ...REAL, LINODE_PKCE: raw }).linode.pkce).toBe(expected);
    });

    it('is on when unset', () => {
      expect(loadAppConfig(REAL).linode.pkce).toBe(true);
    });

    it('refuses anything but on or off, naming the variable', () => {
      expect(() => loadAppConfig({ ...REAL, LINODE_PKCE: 'maybe' })).toThrow(/LINODE_PKCE must be on or off/);
    });
  });

  describe('in real mode (LINODE_CLIENT_ID set)', () => {
    it('uses the given client, StackScript and session secret against the real Linode', () => {
      const config = loadAppConfig(REAL);
      expect(config.sandbox.enabled).toBe(false);
      expect(config.linode).toEqual({
        clientId: REAL.LINODE_CLIENT_ID,
        clientSecret: REAL.LINODE_CLIENT_SECRET,
        loginUrl: 'https://login.linode.com',
        authorizeUrl: 'https://login.linode.com/oauth/authorize',
        apiUrl: 'https://api.linode.com/v4',
        stackScriptId: 1234,
        stackScriptIds: [1234],
        scopes: 'linodes:read_write',
        pkce: true,
      });
      expect(config.sessionSecret).toBe(SECRET);
      expect(config.sessionSecretGenerated).toBe(false);
    });

    it('requires LINODE_CLIENT_SECRET', () => {
      expect(problemsOf({ ...REAL, LINODE_CLIENT_SECRET: undefined })).toEqual([
        'LINODE_CLIENT_SECRET is required when LINODE_CLIENT_ID is set',
      ]);
    });

    it('requires LINODE_STACKSCRIPT_ID', () => {
      expect(problemsOf({ ...REAL, LINODE_STACKSCRIPT_ID: undefined })).toEqual([
        'LINODE_STACKSCRIPT_ID is required when LINODE_CLIENT_ID is set (the StackScript to deploy)',
      ]);
    });

    it.each(['development', 'production'])('requires SESSION_SECRET with NODE_ENV=%s', (nodeEnv) => {
      const problems = problemsOf({ ...REAL, NODE_ENV: nodeEnv, SESSION_SECRET: undefined });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SESSION_SECRET is required when LINODE_CLIENT_ID is set/);
    });

    it('accepts other Linode URLs and strips their trailing slash', () => {
      const config = loadAppConfig({
        ...REAL,
        LINODE_LOGIN_URL: 'http://127.0.0.1:7001/',
        LINODE_API_URL: 'http://127.0.0.1:7001/v4/',
      });
      expect(config.linode.loginUrl).toBe('http://127.0.0.1:7001');
      expect(config.linode.apiUrl).toBe('http://127.0.0.1:7001/v4');
      expect(config.linode.authorizeUrl).toBe('http://127.0.0.1:7001/oauth/authorize');
    });

    it.each(['ftp://login.example', 'login.linode.com', 'https://login.linode.com/?x=1', 'https://u:p@login.linode.com'])(
      'rejects the Linode URL %s',
      (url) => {
        expect(problemsOf({ ...REAL, LINODE_LOGIN_URL: url })).toEqual([
          `LINODE_LOGIN_URL must be an absolute http(s) URL without credentials, query or fragment (got ${JSON.stringify(url)})`,
        ]);
      },
    );
  });

  describe('in sandbox mode', () => {
    it('rejects LINODE_CLIENT_SECRET without LINODE_CLIENT_ID', () => {
      expect(problemsOf({ LINODE_CLIENT_SECRET: 'orphan-secret' })).toEqual([
        'LINODE_CLIENT_SECRET is set but LINODE_CLIENT_ID is not: set both to use a real Linode OAuth client, or neither for sandbox mode',
      ]);
    });

    it('rejects Linode URLs, which would be ignored', () => {
      expect(problemsOf({ LINODE_API_URL: 'https://api.linode.com/v4' })).toEqual([
        'LINODE_API_URL needs LINODE_CLIENT_ID: without it the app runs in sandbox mode against its own emulated Linode',
      ]);
    });

    it('rejects a sandbox port equal to the app port', () => {
      expect(problemsOf({ PORT: '5001' })).toEqual(['SANDBOX_PORT must differ from PORT in sandbox mode (both are 5001)']);
    });
  });

  describe('PORT and SANDBOX_PORT', () => {
    it.each(['abc', '0', '65536', '-1', '80.5', ' 80'])('reject %j', (port) => {
      expect(problemsOf({ PORT: port })).toEqual([`PORT must be a port number 1–65535 (got ${JSON.stringify(port)})`]);
    });

    it('accept 1 and 65535', () => {
      expect(loadAppConfig({ PORT: '1' }).port).toBe(1);
      expect(loadAppConfig({ PORT: '65535' }).port).toBe(65535);
    });

    it('validate SANDBOX_PORT the same way', () => {
      expect(problemsOf({ SANDBOX_PORT: 'x' })).toEqual(['SANDBOX_PORT must be a port number 1–65535 (got "x")']);
    });
  });

  describe('HOST', () => {
    it.each(['0.0.0.0', '::', 'localhost', 'app.internal'])('accepts %s', (host) => {
      expect(loadAppConfig({ HOST: host }).host).toBe(host);
    });

    it('rejects a value that is neither a host name nor an IP address', () => {
      expect(problemsOf({ HOST: 'http://x' })).toEqual(['HOST must be a host name or IP address (got "http://x")']);
    });
  });

  describe('PUBLIC_URL', () => {
    it('is normalised to its origin', () => {
      const config = loadAppConfig({ PUBLIC_URL: 'HTTPS://Deploy.Example.com:443/' });
      expect(config.publicUrl).toBe('https://deploy.example.com');
      expect(config.callbackUrl).toBe('https://deploy.example.com/auth_callback');
    });

    it('turns on Secure cookies when it is https', () => {
      expect(loadAppConfig({ PUBLIC_URL: 'https://deploy.example.com' }).secureCookies).toBe(true);
    });

    it.each([
      'https://deploy.example.com/app',
      'https://deploy.example.com/?a=1',
      'https://deploy.example.com/#top',
      'ftp://deploy.example.com',
      'deploy.example.com',
    ])('rejects %s', (url) => {
      expect(problemsOf({ PUBLIC_URL: url })).toEqual([
        `PUBLIC_URL must be an http(s) origin such as https://deploy.example.com (no path, query or fragment) (got ${JSON.stringify(url)})`,
      ]);
    });
  });

  describe('APP_NAME', () => {
    it('accepts up to 64 printable characters', () => {
      expect(loadAppConfig({ APP_NAME: 'a'.repeat(64) }).appName).toHaveLength(64);
      expect(loadAppConfig({ APP_NAME: 'Ghost blog ✓' }).appName).toBe('Ghost blog ✓');
    });

    it.each(['a'.repeat(65), 'tab\there', ' padded', 'line\nbreak'])('rejects %j', (name) => {
      expect(problemsOf({ APP_NAME: name })).toHaveLength(1);
      expect(problemsOf({ APP_NAME: name })[0]).toMatch(/^APP_NAME must be 1–64 printable characters/);
    });
  });

  describe('SESSION_SECRET', () => {
    it('must be at least 32 characters, and the message does not show it', () => {
      expect(problemsOf({ ...REAL, SESSION_SECRET: 'short-secret' })).toEqual(['SESSION_SECRET must be at least 32 characters (got 12)']);
    });

    it('is checked in sandbox mode too when given', () => {
      expect(problemsOf({ SESSION_SECRET: 'short' })).toEqual(['SESSION_SECRET must be at least 32 characters (got 5)']);
    });

    it('rejects an obvious placeholder', () => {
      expect(problemsOf({ ...REAL, SESSION_SECRET: 'x'.repeat(40) })).toEqual([
        'SESSION_SECRET looks like a placeholder (fewer than 8 different characters); use a random value',
      ]);
    });
  });

  describe('LINODE_STACKSCRIPT_ID', () => {
    it.each(['0', '-3', '12a', '1.5'])('rejects %j', (id) => {
      expect(problemsOf({ ...REAL, LINODE_STACKSCRIPT_ID: id })).toEqual([
        `LINODE_STACKSCRIPT_ID must be a positive whole number (got ${JSON.stringify(id)})`,
      ]);
    });
  });

  describe('LINODE_CLIENT_ID and LINODE_CLIENT_SECRET', () => {
    it('reject values with spaces, without showing the secret', () => {
      expect(problemsOf({ ...REAL, LINODE_CLIENT_ID: 'has space', LINODE_CLIENT_SECRET: 'sec ret' })).toEqual([
        'LINODE_CLIENT_ID must be a single word without spaces or control characters (got "has space")',
        'LINODE_CLIENT_SECRET must be a single word without spaces or control characters',
      ]);
    });
  });

  describe('REDIS_URL', () => {
    it.each(['redis://localhost:6379', 'rediss://user:pw@cache.example.com:6380/1'])('accepts %s', (url) => {
      expect(loadAppConfig({ REDIS_URL: url }).redisUrl).toBe(url);
    });

    it('rejects other schemes without echoing the value', () => {
      expect(problemsOf({ REDIS_URL: 'http://user:hunter2@cache' })).toEqual(['REDIS_URL must be a redis:// or rediss:// URL']);
    });
  });

  describe('TRUST_PROXY', () => {
    it.each([
      ['1', 1],
      ['0', false],
      ['false', false],
      ['loopback', ['loopback']],
      ['10.0.0.1, 172.16.0.0/12,fd00::/8', ['10.0.0.1', '172.16.0.0/12', 'fd00::/8']],
    ])('reads %j as %j', (raw, expected) => {
      expect(loadAppConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
    });

    it('refuses true, with that one reason', () => {
      expect(problemsOf({ TRUST_PROXY: 'true' })[0]).toMatch(/^TRUST_PROXY must not be "true"/);
      expect(appEnvSchemas.TRUST_PROXY.safeParse('true').error?.issues).toHaveLength(1);
    });

    it.each(['yes', '10.0.0.0/33', '10.0.0.1,,', '999'])('rejects %j', (raw) => {
      expect(problemsOf({ TRUST_PROXY: raw })[0]).toMatch(/^TRUST_PROXY must be a hop count/);
    });
  });

  describe('TTLs', () => {
    it('read TOKEN_TTL_MS and CATALOG_TTL_MS', () => {
      const config = loadAppConfig({ TOKEN_TTL_MS: '60000', CATALOG_TTL_MS: '5000' });
      expect(config.tokenTtlMs).toBe(60_000);
      expect(config.catalogTtlMs).toBe(5_000);
    });

    it('refuse a token TTL longer than a Linode token lives (2 h)', () => {
      expect(problemsOf({ TOKEN_TTL_MS: '7200001' })).toEqual([
        'TOKEN_TTL_MS must be a whole number of milliseconds from 1000 to 7200000 (got "7200001")',
      ]);
    });

    it('refuse a non-number', () => {
      expect(problemsOf({ CATALOG_TTL_MS: '10m' })[0]).toMatch(/^CATALOG_TTL_MS must be a whole number/);
    });
  });

  describe('token sweep', () => {
    it('defaults to a sweep every 10 s', () => {
      expect(loadAppConfig({}).tokenSweepMs).toBe(10_000);
    });

    it('reads TOKEN_SWEEP_MS and refuses one under 100 ms', () => {
      expect(loadAppConfig({ TOKEN_SWEEP_MS: '500' }).tokenSweepMs).toBe(500);
      expect(problemsOf({ TOKEN_SWEEP_MS: '10' })[0]).toMatch(/^TOKEN_SWEEP_MS must be a whole number of milliseconds from 100/);
    });
  });

  describe('rate limits', () => {
    it('default to limits a person never meets: 10 sign-in starts per 10 minutes per IP', () => {
      expect(loadAppConfig({}).rateLimits).toEqual({ windowMs: 600_000, signIn: 10, validate: 300, callback: 30, delete: 20 });
    });

    it('read each limit, 0 meaning no limit', () => {
      const config = loadAppConfig({
        RATE_LIMIT_WINDOW_MS: '60000',
        RATE_LIMIT_SIGN_IN: '0',
        RATE_LIMIT_VALIDATE: '5',
        RATE_LIMIT_CALLBACK: '6',
        RATE_LIMIT_DELETE: '7',
      });
      expect(config.rateLimits).toEqual({ windowMs: 60_000, signIn: 0, validate: 5, callback: 6, delete: 7 });
    });

    it.each(['-1', 'ten', '1.5', '1000001'])('refuse %j as a limit', (raw) => {
      expect(problemsOf({ RATE_LIMIT_SIGN_IN: raw })).toEqual([
        `RATE_LIMIT_SIGN_IN must be a whole number of requests from 0 (no limit) to 1000000 (got ${JSON.stringify(raw)})`,
      ]);
    });

    it('refuse a window under a second', () => {
      expect(problemsOf({ RATE_LIMIT_WINDOW_MS: '999' })[0]).toMatch(/^RATE_LIMIT_WINDOW_MS must be a whole number of milliseconds/);
    });
  });

  describe('METRICS_TOKEN', () => {
    it('is unset by default (metrics open)', () => {
      expect(loadAppConfig({}).metricsToken).toBeNull();
    });

    it('is read, also from METRICS_TOKEN_FILE', () => {
      expect(loadAppConfig({ METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
      const fromFile = loadAppConfig({ METRICS_TOKEN_FILE: '/run/secrets/metrics' }, { readFile: () => 'file-token-0123456789abc\n' });
      expect(fromFile.metricsToken).toBe('file-token-0123456789abc');
    });

    it('refuses a short token without showing it', () => {
      const problems = problemsOf({ METRICS_TOKEN: 'short' });
      expect(problems).toEqual(['METRICS_TOKEN must be at least 16 printable characters without spaces']);
    });
  });

  describe('Linode timeouts', () => {
    it('read LINODE_TIMEOUT_MS and LINODE_CREATE_TIMEOUT_MS', () => {
      const config = loadAppConfig({ LINODE_TIMEOUT_MS: '2500', LINODE_CREATE_TIMEOUT_MS: '45000' });
      expect(config.linodeTimeoutMs).toBe(2_500);
      expect(config.linodeCreateTimeoutMs).toBe(45_000);
    });

    it('default to 10 s per call and 30 s for creating a server in real mode too', () => {
      expect(loadAppConfig(REAL)).toMatchObject({ linodeTimeoutMs: 10_000, linodeCreateTimeoutMs: 30_000 });
    });

    it('are set independently of each other', () => {
      const config = loadAppConfig({ LINODE_TIMEOUT_MS: '500' });
      expect(config.linodeTimeoutMs).toBe(500);
      expect(config.linodeCreateTimeoutMs).toBe(30_000);
    });

    it.each([
      ['LINODE_TIMEOUT_MS', '100', 'linodeTimeoutMs', 100],
      ['LINODE_TIMEOUT_MS', '120000', 'linodeTimeoutMs', 120_000],
      ['LINODE_CREATE_TIMEOUT_MS', '100', 'linodeCreateTimeoutMs', 100],
      ['LINODE_CREATE_TIMEOUT_MS', '300000', 'linodeCreateTimeoutMs', 300_000],
    ] as const)('accept %s=%s (a bound)', (name, raw, field, expected) => {
      expect(loadAppConfig({ [name]: raw })[field]).toBe(expected);
    });

    it.each([
      ['LINODE_TIMEOUT_MS', '99', 100, 120_000],
      ['LINODE_TIMEOUT_MS', '120001', 100, 120_000],
      ['LINODE_CREATE_TIMEOUT_MS', '99', 100, 300_000],
      ['LINODE_CREATE_TIMEOUT_MS', '300001', 100, 300_000],
    ])('refuse %s=%s, naming the range', (name, raw, min, max) => {
      expect(problemsOf({ [name]: raw })).toEqual([
        `${name} must be a whole number of milliseconds from ${min} to ${max} (got ${JSON.stringify(raw)})`,
      ]);
    });

    it.each(['10s', '1.5', '-1000', 'abc'])('refuse a value that is not a whole number of milliseconds: %j', (raw) => {
      expect(problemsOf({ LINODE_TIMEOUT_MS: raw })[0]).toMatch(/^LINODE_TIMEOUT_MS must be a whole number of milliseconds/);
      expect(problemsOf({ LINODE_CREATE_TIMEOUT_MS: raw })[0]).toMatch(/^LINODE_CREATE_TIMEOUT_MS must be a whole number of milliseconds/);
    });

    it('treat an empty value as unset', () => {
      expect(loadAppConfig({ LINODE_TIMEOUT_MS: '', LINODE_CREATE_TIMEOUT_MS: '' })).toMatchObject({
        linodeTimeoutMs: 10_000,
        linodeCreateTimeoutMs: 30_000,
      });
    });
  });

  describe('PLAN_CLASSES', () => {
    it('reads a comma-separated list, dropping duplicates', () => {
      expect(loadAppConfig({ PLAN_CLASSES: 'standard, dedicated,standard' }).planClasses).toEqual(['standard', 'dedicated']);
    });

    it('rejects an unknown class', () => {
      expect(problemsOf({ PLAN_CLASSES: 'standard,huge' })[0]).toMatch(
        /^PLAN_CLASSES must be a comma-separated list of Linode plan classes \(nanode, standard, .*\) \(got "standard,huge"\)$/,
      );
    });
  });

  it('rejects an unknown NODE_ENV', () => {
    expect(problemsOf({ NODE_ENV: 'staging' })).toEqual(['NODE_ENV must be development, production or test (got "staging")']);
  });

  it('rejects an unknown LOG_LEVEL and accepts a known one', () => {
    expect(problemsOf({ LOG_LEVEL: 'verbose' })[0]).toMatch(/^LOG_LEVEL must be one of fatal, error/);
    expect(loadAppConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('reports every problem at once, one line each, in the order of the variables', () => {
    const error = (() => {
      try {
        loadAppConfig({ PORT: 'abc', PUBLIC_URL: 'nope', LINODE_CLIENT_ID: 'id', SESSION_SECRET: 'short' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message.split('\n')).toEqual([
      'PORT must be a port number 1–65535 (got "abc")',
      'PUBLIC_URL must be an http(s) origin such as https://deploy.example.com (no path, query or fragment) (got "nope")',
      'SESSION_SECRET must be at least 32 characters (got 5)',
      'LINODE_CLIENT_SECRET is required when LINODE_CLIENT_ID is set',
      'LINODE_STACKSCRIPT_ID is required when LINODE_CLIENT_ID is set (the StackScript to deploy)',
    ]);
  });

  it('shortens a very long shown value', () => {
    expect(problemsOf({ HOST: `bad host ${'x'.repeat(100)}` })[0]).toMatch(/\(got "bad host x+\.\.\."\)$/);
  });

  describe('LINODE_STACKSCRIPT_IDS', () => {
    it('allows more StackScripts beside the default, which stays first', () => {
      const config = loadAppConfig({ ...REAL, LINODE_STACKSCRIPT_IDS: ' 55, 1234,66,55 ' });
      expect(config.linode.stackScriptId).toBe(1234);
      expect(config.linode.stackScriptIds).toEqual([1234, 55, 66]);
    });

    it('allows only the default when unset (sandbox mode: its demo StackScript)', () => {
      expect(loadAppConfig({}).linode.stackScriptIds).toEqual([320826]);
    });

    it('refuses a list with an entry that is not an id, showing the list', () => {
      expect(problemsOf({ ...REAL, LINODE_STACKSCRIPT_IDS: '55,abc' })).toEqual([
        'LINODE_STACKSCRIPT_IDS must be a comma-separated list of 1 to 24 StackScript ids (got "55,abc")',
      ]);
      expect(problemsOf({ ...REAL, LINODE_STACKSCRIPT_IDS: '0' })).toHaveLength(1);
    });

    it('refuses a list without any id', () => {
      expect(problemsOf({ ...REAL, LINODE_STACKSCRIPT_IDS: ',' })).toEqual([
        'LINODE_STACKSCRIPT_IDS must be a comma-separated list of 1 to 24 StackScript ids (got ",")',
      ]);
    });
  });
});
