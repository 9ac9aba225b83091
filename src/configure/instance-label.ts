import { isValidLinodeLabel } from '../linode/contract/linode.contract';

export const INSTANCE_LABEL_MESSAGE =
  'Use 3–64 characters: start and end with a letter or number, and use only letters, numbers, ' +
  'hyphens (-), underscores (_) and dots (.), never two of the same in a row (--, __, ..).';

export type InstanceLabelResult = { ok: true; label: string | null } | { ok: false; error: string };

/** The optional instance label: empty means "let Linode choose one"; surrounding spaces are dropped. */
export function validateInstanceLabel(value: string): InstanceLabelResult {
  const label = value.trim();
  if (label === '') return { ok: true, label: null };
  return isValidLinodeLabel(label) ? { ok: true, label } : { ok: false, error: INSTANCE_LABEL_MESSAGE };
}
