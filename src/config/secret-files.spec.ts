import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { loadAppConfig } from './load-app-config';
import { resolveSecretFiles, SECRET_VARIABLES } from './secret-files';

describe('secrets from *_FILE', () => {
  let directory: string;
  const file = (name: string, content: string): string => {
    const path = join(directory, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'config-secrets-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each(SECRET_VARIABLES)('reads %s from %s_FILE, without its trailing newline', (name) => {
    const path = file(`${name}.txt`, 'value-from-file\n');
    const result = resolveSecretFiles({ [`${name}_FILE`]: path });
    expect(result.problems).toEqual([]);
    expect(result.env[name]).toBe('value-from-file');
    expect(result.env[`${name}_FILE`]).toBeUndefined();
  });

  it('strips a Windows line ending too', () => {
    const path = file('crlf.txt', 'value\r\n');
    expect(resolveSecretFiles({ SESSION_SECRET_FILE: path }).env.SESSION_SECRET).toBe('value');
  });

  it('refuses NAME and NAME_FILE together', () => {
    const path = file('both.txt', 'x');
    expect(resolveSecretFiles({ SESSION_SECRET: 'y', SESSION_SECRET_FILE: path }).problems).toEqual([
      'SESSION_SECRET and SESSION_SECRET_FILE are both set; set only one of them',
    ]);
  });

  it('names a file that cannot be read', () => {
    const path = join(directory, 'missing.txt');
    expect(resolveSecretFiles({ REDIS_URL_FILE: path }).problems).toEqual([
      `REDIS_URL_FILE names a file that cannot be read: ${path} (ENOENT)`,
    ]);
  });

  it('names an empty file', () => {
    const path = file('empty.txt', '\n');
    expect(resolveSecretFiles({ LINODE_CLIENT_ID_FILE: path }).problems).toEqual([`LINODE_CLIENT_ID_FILE names an empty file: ${path}`]);
  });

  it('ignores an empty NAME_FILE', () => {
    expect(resolveSecretFiles({ SESSION_SECRET_FILE: '' })).toEqual({ env: {}, problems: [], failed: [] });
  });

  it('feeds file values through the same validation as plain variables', () => {
    const config = loadAppConfig({
      LINODE_CLIENT_ID_FILE: file('id', 'client-id-from-file\n'),
      LINODE_CLIENT_SECRET_FILE: file('secret', 'client-secret-from-file\n'),
      SESSION_SECRET_FILE: file('session', 'session-secret-from-a-file-0123456789\n'),
      REDIS_URL_FILE: file('redis', 'redis://cache:6379\n'),
      LINODE_STACKSCRIPT_ID: '7',
    });
    expect(config.linode.clientId).toBe('client-id-from-file');
    expect(config.linode.clientSecret).toBe('client-secret-from-file');
    expect(config.sessionSecret).toBe('session-secret-from-a-file-0123456789');
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('reports file problems together with the other problems', () => {
    const path = join(directory, 'nope');
    expect(() => loadAppConfig({ SESSION_SECRET_FILE: path, PORT: 'x' })).toThrow(
      new ConfigError([
        `SESSION_SECRET_FILE names a file that cannot be read: ${path} (ENOENT)`,
        'PORT must be a port number 1–65535 (got "x")',
      ]),
    );
  });

  it('does not also call a secret missing when its file could not be read', () => {
    const path = join(directory, 'absent');
    expect(() =>
      loadAppConfig({ LINODE_CLIENT_ID: 'id', LINODE_CLIENT_SECRET: 'secret', LINODE_STACKSCRIPT_ID: '1', SESSION_SECRET_FILE: path }),
    ).toThrow(new ConfigError([`SESSION_SECRET_FILE names a file that cannot be read: ${path} (ENOENT)`]));
  });

  it('rejects a too-short secret read from a file without showing it', () => {
    expect(() => loadAppConfig({ SESSION_SECRET_FILE: file('short', 'tiny\n') })).toThrow(
      'SESSION_SECRET must be at least 32 characters (got 4)',
    );
  });
});
