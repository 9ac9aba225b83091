import { isValidLinodeLabel } from '../linode/contract/linode.vocabulary';
import type { Checked } from './configure-form';

export const LABEL_INPUT_MESSAGE =
  'Use 3–64 characters: start and end with a letter or number, and use only letters, numbers, ' +
  'hyphens (-), underscores (_) and dots (.), never two of the same in a row (--, __, ..).';

/** The label typed into the form, optional: empty means "let Linode choose one"; surrounding spaces are dropped. */
export function validateLabelInput(typed: string): Checked<string | null> {
  const label = typed.trim();
  if (label === '') return { ok: true, value: null };
  return isValidLinodeLabel(label) ? { ok: true, value: label } : { ok: false, error: LABEL_INPUT_MESSAGE };
}
