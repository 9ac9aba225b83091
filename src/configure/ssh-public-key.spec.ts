import { AUTHORIZED_KEYS_MAX_LENGTH, checkSshPublicKey, parseAuthorizedKeys } from './ssh-public-key';

// Real keys made with `ssh-keygen -t <type> -N ''` for this spec (public halves only).
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0nHVCkA4YPuDnuqevaGzQM/BypleJ4P75d86baLAXt user@ed25519';
const RSA_2048 =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDU3hch9ZIwf+toCP8JRRwgQnOfG7LG3pISDEQ2SyL1XP7d+a/HTUJvEZ6h1kYN3l4VvBtygQBmH3rtFhoDHttEXeqSKnN1B2RiaP2ucYEXuWu4S0nqn3unMPA1WmjOiJXKhXUQ/qUHonrdlz6zMFwulI0+jNt/SJS6qUF/hSmEa5/tJI6hMolNCLVD7V1ZyTYqj5YjDYT3GxiG2vmaTGzolJKPD2L+jps/MvmgEVcWQpAGSfSR++Bndt902EUHDXzxNZxk1p6z3ZWgyG601xj9FG7eU28Y/iL9lK4SD0YzVSzPtBlh/SuFolA0V7u8XIw/+XC2DRNsCy04dXgUTIex user@rsa';
const ECDSA_256 =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAFna8YxlXUqNx3C93fVp6NkiKpoxYQlXQ4OpWzNPPjJ0rUezwtuPff5Y9Y0bUFDLAhYHQhCasPjC+lJqaV4FJc= user@ecdsa256';
const ECDSA_384 =
  'ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBMNvmJpg2JHE1sO4zBCPyPyKbpyTBrCvsLefjrmLED8Mm5SokcKVQpCyt0z2Zxa/5fDw+bZ++SyzeERUbazCoBZUHErq/2fokoHOzHISDR5hzvECQ+L8mzg6YxO6KAojZQ== user@ecdsa384';
const ECDSA_521 =
  'ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAGMyGkCQqBQoP3d2e/CL1GuLMXIyLcJ9b7sKVB/kaYShNGQXBXPkqRgVIh1zbQ9NpWd7t58WAL/omSBVVKKk2LT+wEPoPoZfmIirs99TRPsJ/NKfg1z9r4xX+QOGjGKPcJw7vFZh9HFfj2fA/LsWGEgbP9cOzdj0VPeWddqrfQwKd8nKQ== user@ecdsa521';

/** SSH wire format: each field as a uint32 length and its bytes. */
function wire(...fields: Array<string | Buffer>): string {
  return Buffer.concat(
    fields.map((field) => {
      const bytes = typeof field === 'string' ? Buffer.from(field, 'latin1') : field;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return Buffer.concat([length, bytes]);
    }),
  ).toString('base64');
}

const ED25519_BLOB = ED25519.split(' ')[1];

describe('checkSshPublicKey', () => {
  it.each([
    ['ssh-ed25519', ED25519],
    ['ssh-rsa', RSA_2048],
    ['ecdsa-sha2-nistp256', ECDSA_256],
    ['ecdsa-sha2-nistp384', ECDSA_384],
    ['ecdsa-sha2-nistp521', ECDSA_521],
  ])('accepts a real %s key', (_type, key) => {
    expect(checkSshPublicKey(key)).toBeNull();
  });

  it('accepts a key without a comment', () => {
    expect(checkSshPublicKey(ED25519.split(' ').slice(0, 2).join(' '))).toBeNull();
  });

  it('accepts a comment with spaces', () => {
    expect(checkSshPublicKey(`${ED25519} my laptop (work)`)).toBeNull();
  });

  it('accepts an sk-ssh-ed25519@openssh.com security key', () => {
    const blob = wire('sk-ssh-ed25519@openssh.com', Buffer.alloc(32, 7), 'ssh:');
    expect(checkSshPublicKey(`sk-ssh-ed25519@openssh.com ${blob} yubikey`)).toBeNull();
  });

  it('accepts an sk-ecdsa-sha2-nistp256@openssh.com security key', () => {
    const point = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 9)]);
    const blob = wire('sk-ecdsa-sha2-nistp256@openssh.com', 'nistp256', point, 'ssh:');
    expect(checkSshPublicKey(`sk-ecdsa-sha2-nistp256@openssh.com ${blob}`)).toBeNull();
  });

  it('rejects a security key without its application string', () => {
    const blob = wire('sk-ssh-ed25519@openssh.com', Buffer.alloc(32, 7));
    expect(checkSshPublicKey(`sk-ssh-ed25519@openssh.com ${blob}`)).toMatch(/damaged or incomplete/);
  });

  it('rejects an unknown key type', () => {
    expect(checkSshPublicKey(`ssh-dss ${ED25519_BLOB}`)).toMatch(/^A public key starts with ssh-ed25519/);
  });

  it('rejects a line with authorized_keys options before the key', () => {
    expect(checkSshPublicKey(`from="10.0.0.1" ${ED25519}`)).toMatch(/^A public key starts with/);
  });

  it('rejects a type that names a property of every object (constructor), with a message', () => {
    expect(checkSshPublicKey(`constructor ${Buffer.from('\u0000\u0000\u0000\u000bconstructor').toString('base64')}`)).toMatch(
      /^A public key starts with/,
    );
  });

  it('rejects a type whose embedded key is of another type', () => {
    expect(checkSshPublicKey(`ssh-rsa ${ED25519_BLOB}`)).toBe('The line starts with ssh-rsa but the key inside is ssh-ed25519.');
  });

  it('rejects a truncated key', () => {
    expect(checkSshPublicKey(`ssh-ed25519 ${ED25519_BLOB.slice(0, 40)}`)).toMatch(/damaged or incomplete/);
  });

  it('rejects text that is not base64', () => {
    expect(checkSshPublicKey('ssh-ed25519 not*base64!')).toMatch(/damaged or incomplete/);
    expect(checkSshPublicKey('ssh-ed25519')).toMatch(/damaged or incomplete/);
  });

  it('rejects a key with bytes after its last field', () => {
    const blob = wire('ssh-ed25519', Buffer.alloc(32, 1), 'extra');
    expect(checkSshPublicKey(`ssh-ed25519 ${blob}`)).toMatch(/damaged or incomplete/);
  });

  it('rejects an ed25519 key of the wrong length', () => {
    expect(checkSshPublicKey(`ssh-ed25519 ${wire('ssh-ed25519', Buffer.alloc(31, 1))}`)).toMatch(/damaged/);
  });

  it('rejects an ecdsa key that names another curve inside', () => {
    const point = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 9)]);
    expect(checkSshPublicKey(`ecdsa-sha2-nistp256 ${wire('ecdsa-sha2-nistp256', 'nistp384', point)}`)).toMatch(/damaged/);
  });

  it('rejects an RSA key shorter than 1024 bits', () => {
    const modulus = Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 0xff)]); // 512 bits
    const blob = wire('ssh-rsa', Buffer.from([1, 0, 1]), modulus);
    expect(checkSshPublicKey(`ssh-rsa ${blob}`)).toMatch(/at least 1024 bits/);
  });

  it('rejects a pasted private key with a hint to use the .pub file', () => {
    expect(checkSshPublicKey('-----BEGIN OPENSSH PRIVATE KEY-----')).toMatch(/private key.*\.pub file/);
  });

  it('does not crash on a blob declaring a field longer than itself', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32BE(0xffffffff);
    expect(checkSshPublicKey(`ssh-ed25519 ${bytes.toString('base64')}`)).toMatch(/damaged/);
  });
});

describe('parseAuthorizedKeys', () => {
  it('reads one key per line, skipping blank and comment lines', () => {
    const result = parseAuthorizedKeys(`\n# laptop\n${ED25519}\r\n\n${ECDSA_256}\n`);
    expect(result).toEqual({ ok: true, value: [ED25519, ECDSA_256] });
  });

  it('gives no keys for empty input', () => {
    expect(parseAuthorizedKeys('  \n ')).toEqual({ ok: true, value: [] });
  });

  it('normalises whitespace and keeps a repeated key once', () => {
    const spaced = ED25519.replace(/ /g, '   ');
    expect(parseAuthorizedKeys(`  ${spaced}\n${ED25519}`)).toEqual({ ok: true, value: [ED25519] });
  });

  it('names the line of a bad key when there are several', () => {
    const result = parseAuthorizedKeys(`${ED25519}\nssh-ed25519 AAAA`);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^Line 2: The key data is damaged/) });
  });

  it('does not number the line when there is only one key', () => {
    expect(parseAuthorizedKeys('ssh-ed25519 AAAA')).toEqual({ ok: false, error: expect.stringMatching(/^The key data/) });
  });

  it('rejects more than 16 KB of keys', () => {
    const result = parseAuthorizedKeys(`${ED25519}\n`.repeat(Math.ceil(AUTHORIZED_KEYS_MAX_LENGTH / ED25519.length) + 1));
    expect(result).toEqual({ ok: false, error: 'SSH keys are limited to 16 KB in total.' });
  });

  it('rejects a pasted private key block as a whole', () => {
    const result = parseAuthorizedKeys('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/private key/) });
  });
});
