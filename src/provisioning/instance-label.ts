import { randomBytes } from 'node:crypto';
import { isValidLinodeLabel } from '../linode/contract/linode.vocabulary';

/**
 * A Linode label derived from the app name: `<slug>-<6 hex>`, valid per Linode's rules (3–64,
 * starts with a letter, ends alphanumeric, no `--`/`__`/`..`) and unique in practice.
 */
export function instanceLabelFor(appName: string, suffix = randomBytes(3).toString('hex')): string {
  let slug = appName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^[^a-zA-Z]+/, '')
    .replace(/-+$/, '')
    .toLowerCase()
    .slice(0, 64 - suffix.length - 1)
    .replace(/[-_.]+$/, '');
  if (slug.length < 1) slug = 'app';
  const label = `${slug}-${suffix}`;
  return isValidLinodeLabel(label) ? label : `app-${suffix}`;
}
