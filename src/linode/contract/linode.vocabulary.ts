/** What Linode's API defines that the app relies on: instance statuses, plan classes, the label rule, the error envelope. */
import { z } from 'zod/v4';

export const linodeStatusSchema = z.enum([
  'running',
  'offline',
  'booting',
  'busy',
  'rebooting',
  'shutting_down',
  'provisioning',
  'deleting',
  'migrating',
  'rebuilding',
  'cloning',
  'restoring',
  'stopped',
  'billing_suspension',
]);

export const linodeTypeClassSchema = z.enum([
  'nanode',
  'standard',
  'dedicated',
  'premium',
  'gpu',
  'highmem',
  'accelerated',
  'metal',
  'prodedicated',
]);

export const errorEnvelopeSchema = z.object({
  errors: z.array(z.object({ field: z.string().nullable().optional(), reason: z.string() })).min(1),
});

/**
 * Linode's label rule for instances (the spec's words; its regex wrongly wants a letter first): 3–64
 * chars, begins and ends alphanumeric, only letters, digits, `-`, `_`, `.`, never `--`, `__`, `..`.
 */
const LINODE_LABEL_PATTERN = /^[a-zA-Z0-9]((?!--|__|\.\.)[a-zA-Z0-9-_.])+$/;
export function isValidLinodeLabel(label: string): boolean {
  return label.length >= 3 && label.length <= 64 && LINODE_LABEL_PATTERN.test(label) && /[a-zA-Z0-9]$/.test(label);
}
