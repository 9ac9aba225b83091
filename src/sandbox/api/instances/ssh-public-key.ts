/** Key types OpenSSH writes into `authorized_keys` today (DSA keys are no longer accepted). */
export const SSH_KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

const TYPES = new Set<string>(SSH_KEY_TYPES);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Whether a line is an OpenSSH public key: `<type> <base64 blob> [comment]`, where the blob
 * decodes and starts with the same type name (length-prefixed, as in the SSH wire format).
 * This catches pasted private keys, truncated blobs and a type that does not match its blob.
 */
export function isSshPublicKey(line: unknown): boolean {
  if (typeof line !== 'string' || line.length > 16_384 || /[\r\n]/.test(line)) return false;
  const [type, blob] = line.trim().split(/\s+/, 3);
  if (!TYPES.has(type) || !blob || !BASE64.test(blob) || blob.length % 4 !== 0) return false;
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length < 4) return false;
  const nameLength = bytes.readUInt32BE(0);
  if (nameLength !== Buffer.byteLength(type) || bytes.length <= 4 + nameLength) return false;
  return bytes.subarray(4, 4 + nameLength).toString('latin1') === type;
}
