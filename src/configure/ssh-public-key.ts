// Keys are checked down to their wire format, so that a typo, a truncated paste or a private key gets a
// message instead of becoming a server nobody can log in to.

import type { Checked } from './configure-form';

export const AUTHORIZED_KEYS_MAX_LENGTH = 16_384;
const MIN_RSA_BITS = 1024;

/** The length-prefixed fields of the SSH wire format; null when one runs past the end. */
function wireFields(bytes: Buffer): Buffer[] | null {
  const fields: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const start = offset + 4;
    if (start > bytes.length) return null;
    offset = start + bytes.readUInt32BE(start - 4);
    if (offset > bytes.length) return null;
    fields.push(bytes.subarray(start, offset));
  }
  return fields;
}

/** Checks the fields after the key type: exactly as many as the type has. */
type BodyCheck = (fields: Buffer[]) => string | null;

const DAMAGED = 'The key data is damaged or incomplete: copy the whole line from your .pub file.';

const ed25519: BodyCheck = ([key, ...rest]) => (key?.length === 32 && rest.length === 0 ? null : DAMAGED);

const rsa: BodyCheck = ([exponent, modulus, ...rest]) => {
  if (!exponent?.length || !modulus || rest.length > 0) return DAMAGED;
  const bits = mpintBits(modulus);
  if (bits === 0) return DAMAGED;
  return bits >= MIN_RSA_BITS ? null : `RSA keys need at least ${MIN_RSA_BITS} bits; create a new key with ssh-keygen -t ed25519.`;
};

/** Bit length of an SSH mpint (big-endian, possibly with a leading zero byte). */
function mpintBits(value: Buffer): number {
  const first = value.findIndex((byte) => byte !== 0);
  if (first < 0) return 0;
  return (value.length - first - 1) * 8 + (32 - Math.clz32(value[first]));
}

/** The curve's name, then its point uncompressed: 0x04, then X and Y. */
function ecdsa(curve: string, pointLength: number): BodyCheck {
  return ([curveName, point, ...rest]) =>
    curveName?.toString('latin1') === curve && point?.length === pointLength && point[0] === 0x04 && rest.length === 0 ? null : DAMAGED;
}

/** Security-key (FIDO) keys carry the key, then the application string (normally `ssh:`). */
function securityKey(inner: BodyCheck): BodyCheck {
  return (fields) => (fields.length < 2 ? DAMAGED : inner(fields.slice(0, -1)));
}

const KEY_TYPES: Record<string, BodyCheck> = {
  'ssh-ed25519': ed25519,
  'ssh-rsa': rsa,
  'ecdsa-sha2-nistp256': ecdsa('nistp256', 65),
  'ecdsa-sha2-nistp384': ecdsa('nistp384', 97),
  'ecdsa-sha2-nistp521': ecdsa('nistp521', 133),
  'sk-ssh-ed25519@openssh.com': securityKey(ed25519),
  'sk-ecdsa-sha2-nistp256@openssh.com': securityKey(ecdsa('nistp256', 65)),
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The problem with one public-key line, or null when it is a valid key. */
export function checkSshPublicKey(line: string): string | null {
  if (/PRIVATE KEY/.test(line)) {
    return 'This is a private key. Paste the public key instead: the contents of the .pub file.';
  }
  const [type, blob] = line.trim().split(/\s+/);
  const check = Object.hasOwn(KEY_TYPES, type) ? KEY_TYPES[type] : undefined;
  if (!check) {
    return 'A public key starts with ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521 or sk-ssh-ed25519@openssh.com.';
  }
  if (!blob || blob.length % 4 !== 0 || !BASE64.test(blob)) return DAMAGED;
  const [embedded, ...body] = wireFields(Buffer.from(blob, 'base64')) ?? [];
  if (embedded === undefined) return DAMAGED;
  const embeddedType = embedded.toString('latin1');
  if (embeddedType !== type) {
    return `The line starts with ${type} but the key inside is ${printable(embeddedType)}.`;
  }
  return check(body);
}

/** Blank and `#` lines skipped, repeated keys kept once, each normalised to `type blob comment`. */
export function parseAuthorizedKeys(text: string): Checked<string[]> {
  if (text.length > AUTHORIZED_KEYS_MAX_LENGTH) {
    return { ok: false, error: 'SSH keys are limited to 16 KB in total.' };
  }
  if (/PRIVATE KEY/.test(text)) {
    return { ok: false, error: 'This is a private key. Paste the public key instead: the contents of the .pub file.' };
  }
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
  const keys: string[] = [];
  for (const { line, number } of lines) {
    const problem = checkSshPublicKey(line);
    if (problem) return { ok: false, error: lines.length > 1 ? `Line ${number}: ${problem}` : problem };
    const normalised = line.split(/\s+/).join(' ');
    if (!keys.includes(normalised)) keys.push(normalised);
  }
  return { ok: true, value: keys };
}

function printable(value: string): string {
  const cleaned = value.replace(/[^\x20-\x7E]/g, '?');
  return cleaned.length > 40 ? `${cleaned.slice(0, 40)}…` : cleaned || '(empty)';
}
