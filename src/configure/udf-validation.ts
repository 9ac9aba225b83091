// A UDF not sent is left out of `stackscript_data` so that Linode applies its default; one sent empty
// is sent empty, as Cloud Manager does when someone clears a pre-filled default.
import type { UdfFieldKind, UdfForm, UdfInputField } from '../catalog/udf/udf-form';
import { MALFORMED_FIELD_MESSAGE, type Checked } from './configure-form';

export const UDF_VALUE_MAX_LENGTH = 16_384;
const STACKSCRIPT_DATA_MAX_LENGTH = 65_535;
/** The error key for a problem with the settings as a whole (their total size). */
export const STACKSCRIPT_DATA_ERROR_KEY = 'stackscript_data';

const REQUIRED_MESSAGES: Record<UdfFieldKind, string> = {
  text: 'Enter a value.',
  password: 'Enter a password.',
  radio: 'Choose an option.',
  select: 'Choose an option.',
  multiselect: 'Choose at least one option.',
};

// Control characters cannot come from a text input and break the scripts that read these values.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** One field: `values` is what was sent under its input name (`undefined` = not sent). */
export function validateUdfField(field: UdfInputField, values: readonly string[] | undefined): Checked<string | undefined> {
  if (field.kind === 'multiselect') return validateManyOf(field, values);

  if (values && values.length > 1) return { ok: false, error: MALFORMED_FIELD_MESSAGE };
  const value = values?.[0];
  const oneOfListed = field.kind === 'radio' || field.kind === 'select';
  if (!value?.trim()) {
    if (field.required) return { ok: false, error: REQUIRED_MESSAGES[field.kind] };
    // A text or password cleared is sent empty; an option left unchosen is left out.
    return { ok: true, value: oneOfListed ? undefined : value };
  }
  if (value.length > UDF_VALUE_MAX_LENGTH) {
    return { ok: false, error: `Use at most ${UDF_VALUE_MAX_LENGTH.toLocaleString('en-US')} characters.` };
  }
  if (CONTROL_CHARACTERS.test(value)) return { ok: false, error: 'Remove the control characters from this value.' };
  if (oneOfListed && !field.choices.includes(value)) {
    return { ok: false, error: 'Choose one of the listed options.' };
  }
  return { ok: true, value };
}

function validateManyOf(field: UdfInputField, values: readonly string[] | undefined): Checked<string> {
  // Unchecked checkboxes send nothing, so "not sent" means "none chosen" here.
  const chosen = new Set((values ?? []).filter((value) => value !== ''));
  for (const value of chosen) {
    if (!field.choices.includes(value)) return { ok: false, error: 'Choose only from the listed options.' };
  }
  if (chosen.size === 0 && field.required) return { ok: false, error: REQUIRED_MESSAGES[field.kind] };
  return { ok: true, value: field.choices.filter((choice) => chosen.has(choice)).join(',') };
}

/**
 * `sent`: the values under each input name; a UDF not sent has no entry. Gives `stackscript_data` (complete only
 * when `errors` is empty) and messages keyed by input name (`udf_<NAME>`), plus STACKSCRIPT_DATA_ERROR_KEY.
 */
export function validateUdfValues(form: UdfForm, sent: Readonly<Partial<Record<string, string[]>>>) {
  const data: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const result = validateUdfField(field, sent[field.inputName]);
    if (!result.ok) errors[field.inputName] = result.error;
    else if (result.value !== undefined) data[field.name] = result.value;
  }
  // Linode's limit is on the JSON of the whole `stackscript_data`.
  if (JSON.stringify(data).length > STACKSCRIPT_DATA_MAX_LENGTH) {
    errors[STACKSCRIPT_DATA_ERROR_KEY] =
      `The application settings are too long together: Linode accepts at most ${STACKSCRIPT_DATA_MAX_LENGTH.toLocaleString('en-US')} characters.`;
  }
  return { data, errors };
}
