import { randomBytes } from 'node:crypto';

/**
 * A Linode label derived from the app name: `<slug>-<6 hex>`, valid per Linode's rules (3–64,
 * starts with a letter, ends alphanumeric, no `--`/`__`/`..`) and unique in practice.
 */
export function instanceLabelFor(appName: string, suffix = randomBytes(3).toString('hex')): string {
  const slug = appName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^[^a-zA-Z]+/, '')
    .toLowerCase()
    .slice(0, 64 - suffix.length - 1)
    .replace(/-+$/, '');
  // Only letters, digits and single hyphens are left, starting with a letter: always a valid label.
  return `${slug || 'app'}-${suffix}`;
}
