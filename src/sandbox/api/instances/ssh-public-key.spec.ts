import { generateKeyPairSync } from 'node:crypto';
import { isSshPublicKey, SSH_KEY_TYPES } from './ssh-public-key';

/** Builds `<type> <base64 of string(type) + payload>` in the SSH wire format. */
function wireKey(type: string, embeddedType = type, payload = Buffer.alloc(32, 7)): string {
  const name = Buffer.from(embeddedType);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return `${type} ${Buffer.concat([length, name, payload]).toString('base64')}`;
}

function realEd25519Key(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')} me@laptop`;
}

describe('isSshPublicKey', () => {
  it('accepts a real ed25519 public key with a comment', () => {
    expect(isSshPublicKey(realEd25519Key())).toBe(true);
  });

  it.each(SSH_KEY_TYPES.filter((type) => type !== 'ssh-ed25519'))('accepts a well-formed %s key', (type) => {
    expect(isSshPublicKey(wireKey(type))).toBe(true);
  });

  it('refuses a key whose blob names another type', () => {
    expect(isSshPublicKey(wireKey('ssh-ed25519', 'ssh-rsa'))).toBe(false);
  });

  it('refuses a blob that is not base64', () => {
    expect(isSshPublicKey('ssh-ed25519 not*base64! me@host')).toBe(false);
  });

  it('refuses a truncated blob', () => {
    const key = wireKey('ssh-ed25519');
    expect(isSshPublicKey(key.slice(0, 24))).toBe(false);
  });

  it('refuses DSA and unknown key types', () => {
    expect(isSshPublicKey(wireKey('ssh-dss'))).toBe(false);
    expect(isSshPublicKey(wireKey('ssh-foo'))).toBe(false);
  });

  it('refuses a private key pasted by mistake', () => {
    expect(isSshPublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----')).toBe(false);
  });

  it('refuses a type without a blob, and non-strings', () => {
    expect(isSshPublicKey('ssh-ed25519')).toBe(false);
    expect(isSshPublicKey(42)).toBe(false);
  });
});
