/**
 * Turns the posted configure form into a `DeploymentDraft` — or into field-level messages and the
 * selection to show again. The form is untrusted: any field may be missing, repeated, huge or not
 * text; every choice must be one the catalog offers right now.
 */
import { findImage, findPlan, findRegion, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { validateInstanceLabel } from './instance-label';
import { clip, formValues, MALFORMED_FIELD_MESSAGE, singleValue, type RawForm } from './raw-form';
import { AUTHORIZED_KEYS_MAX_LENGTH, parseAuthorizedKeys } from './ssh-public-key';
import type { UdfInputField } from '../catalog/udf/udf-form';
import { STACKSCRIPT_DATA_ERROR_KEY, UDF_VALUE_MAX_LENGTH, validateUdfField, validateUdfValues } from './udf-validation';

export interface DeploymentDraft {
  /** The StackScript to deploy (absent in drafts kept before several were offered: the default). */
  stackScriptId?: number;
  type: string;
  region: string;
  image: string;
  /** null: let Linode generate a label. */
  label: string | null;
  authorizedKeys: string[];
  /** UDF name → value, as Linode's `stackscript_data` wants it. */
  stackScriptData: Record<string, string>;
}

/** Form field name → message. Keys are the form's field names (`type`, `udf_<NAME>`, …). */
export type FieldErrors = Record<string, string>;

/** What the form shows: values as sent (clipped), never a password. */
export interface ConfigureSelection {
  type: string;
  region: string;
  image: string;
  label: string;
  authorizedKeys: string;
  /** UDF name → the values to show (one for text and single choice, any number for multiple choice). */
  udf: Record<string, string[]>;
}

export type DraftValidation = { ok: true; draft: DeploymentDraft } | { ok: false; errors: FieldErrors; selection: ConfigureSelection };

/** The form's own field names, in page order (UDFs go between `image` and `label`). */
export const SELECTION_FIELDS = {
  region: 'region',
  type: 'type',
  image: 'image',
  label: 'label',
  authorizedKeys: 'authorized_keys',
} as const;

export const PASSWORD_REENTER_MESSAGE = 'Enter this password again: passwords are never sent back to your browser.';

export function validateDeploymentForm(form: RawForm, snapshot: CatalogSnapshot): DraftValidation {
  const errors: FieldErrors = {};
  const note = (field: string, error: string | null) => {
    if (error) errors[field] = error;
  };

  const region = choice(form, SELECTION_FIELDS.region, (id) => findRegion(snapshot, id), REGION_MESSAGES);
  note(SELECTION_FIELDS.region, region.error);
  const type = choice(form, SELECTION_FIELDS.type, (id) => findPlan(snapshot, id), PLAN_MESSAGES);
  note(SELECTION_FIELDS.type, type.error);
  const image = choice(form, SELECTION_FIELDS.image, (id) => findImage(snapshot, id), IMAGE_MESSAGES);
  note(SELECTION_FIELDS.image, image.error);

  const udf = validateUdfValues(snapshot.udfForm, form);
  Object.assign(errors, udf.errors);

  const label = labelField(form);
  note(SELECTION_FIELDS.label, label.ok ? null : label.error);
  const keys = authorizedKeysField(form);
  note(SELECTION_FIELDS.authorizedKeys, keys.ok ? null : keys.error);

  // (label/keys are re-checked only so TypeScript narrows them; their errors are already in `errors`)
  if (Object.keys(errors).length > 0 || !label.ok || !keys.ok) {
    return { ok: false, errors: withPasswordReentry(errors, form, snapshot), selection: echoSelection(form, snapshot) };
  }
  return {
    ok: true,
    draft: {
      stackScriptId: snapshot.app.stackScriptId,
      type: type.value,
      region: region.value,
      image: image.value,
      label: label.label,
      authorizedKeys: keys.keys,
      stackScriptData: udf.data,
    },
  };
}

/**
 * Checks one field as the user types (inline validation). Returns null for a field this form does
 * not have, else its message ('' when it is fine).
 */
export function validateFormField(form: RawForm, field: string, snapshot: CatalogSnapshot): string | null {
  switch (field) {
    case SELECTION_FIELDS.region:
      return choice(form, field, (id) => findRegion(snapshot, id), REGION_MESSAGES).error ?? '';
    case SELECTION_FIELDS.type:
      return choice(form, field, (id) => findPlan(snapshot, id), PLAN_MESSAGES).error ?? '';
    case SELECTION_FIELDS.image:
      return choice(form, field, (id) => findImage(snapshot, id), IMAGE_MESSAGES).error ?? '';
    case SELECTION_FIELDS.label: {
      const result = labelField(form);
      return result.ok ? '' : result.error;
    }
    case SELECTION_FIELDS.authorizedKeys: {
      const result = authorizedKeysField(form);
      return result.ok ? '' : result.error;
    }
  }
  const udf = udfByInputName(snapshot, field);
  if (!udf) return null;
  const result = validateUdfField(udf, formValues(form, field));
  return result.ok ? '' : result.error;
}

/** Checks a kept draft again (after the OAuth round trip the catalog may have changed). */
export function revalidateDraft(draft: DeploymentDraft, snapshot: CatalogSnapshot): FieldErrors | null {
  const result = validateDeploymentForm(draftToForm(draft, snapshot), snapshot);
  return result.ok ? null : result.errors;
}

/**
 * The selection for a fresh page: the catalog's first choices and the UDF defaults, or valid picks
 * from `query` (a deep link: `region`, `type`, `image`, and `udf_<NAME>` for a UDF that is not secret).
 */
export function defaultSelection(snapshot: CatalogSnapshot, query: RawForm = {}): ConfigureSelection {
  const pick = (name: string, offered: readonly { id: string }[]) => {
    const wanted = singleValue(query, name);
    const known = wanted.ok && offered.some((item) => item.id === wanted.value);
    return known && wanted.ok ? wanted.value : (offered[0]?.id ?? '');
  };
  const udf: Record<string, string[]> = {};
  for (const field of snapshot.udfForm.fields) udf[field.name] = linkedValues(field, query) ?? defaultValues(field);
  return {
    region: pick(SELECTION_FIELDS.region, snapshot.regions),
    type: pick(SELECTION_FIELDS.type, snapshot.plans),
    image: pick(SELECTION_FIELDS.image, snapshot.images),
    label: '',
    authorizedKeys: '',
    udf,
  };
}

/** What to show again after a failed submit: the values as sent, cut to size, passwords left empty. */
export function echoSelection(form: RawForm, snapshot: CatalogSnapshot): ConfigureSelection {
  const text = (name: string, max: number) => {
    const value = singleValue(form, name);
    return value.ok ? clip(value.value, max) : '';
  };
  const udf: Record<string, string[]> = {};
  for (const field of snapshot.udfForm.fields) {
    if (field.kind === 'password') {
      // A password is never sent back — unless it is the StackScript's own (public) default.
      const sent = formValues(form, field.inputName) ?? [];
      udf[field.name] = field.default !== null && sent.length === 1 && sent[0] === field.default ? [field.default] : [];
      continue;
    }
    const values = formValues(form, field.inputName) ?? [];
    const limit = field.kind === 'multiselect' ? field.choices.length : 1;
    udf[field.name] = values.slice(0, limit).map((value) => clip(value, UDF_VALUE_MAX_LENGTH));
  }
  return {
    region: text(SELECTION_FIELDS.region, 100),
    type: text(SELECTION_FIELDS.type, 100),
    image: text(SELECTION_FIELDS.image, 200),
    label: text(SELECTION_FIELDS.label, 200),
    authorizedKeys: text(SELECTION_FIELDS.authorizedKeys, AUTHORIZED_KEYS_MAX_LENGTH + 1),
    udf,
  };
}

/**
 * A UDF choice from a deep link; null when the link sets none that is offered. Only listed choices:
 * a link must not plant free text (an SSH key, an email, a domain) in someone's server.
 */
function linkedValues(field: UdfInputField, query: RawForm): string[] | null {
  const sent = formValues(query, field.inputName);
  if (sent === undefined) return null;
  if (field.kind === 'multiselect') {
    const values = sent.flatMap((value) => value.split(',')).filter((value) => field.choices.includes(value));
    return [...new Set(values)];
  }
  if (sent.length !== 1) return null;
  if (field.kind === 'radio' || field.kind === 'select') return field.choices.includes(sent[0]) ? [sent[0]] : null;
  return null;
}

function defaultValues(field: UdfInputField): string[] {
  if (field.default === null) return [];
  if (field.kind === 'multiselect') return field.default.split(',').filter((value) => field.choices.includes(value));
  return [field.default];
}

interface ChoiceMessages {
  missing: string;
  unknown: string;
}
const REGION_MESSAGES: ChoiceMessages = { missing: 'Choose a region.', unknown: 'Choose one of the regions listed.' };
const PLAN_MESSAGES: ChoiceMessages = { missing: 'Choose a plan.', unknown: 'Choose one of the plans listed.' };
const IMAGE_MESSAGES: ChoiceMessages = { missing: 'Choose an image.', unknown: 'Choose one of the images listed.' };

function choice(
  form: RawForm,
  name: string,
  find: (id: string) => unknown,
  messages: ChoiceMessages,
): { value: string; error: string | null } {
  const sent = singleValue(form, name);
  if (!sent.ok) return { value: '', error: MALFORMED_FIELD_MESSAGE };
  if (sent.value === '') return { value: '', error: messages.missing };
  return find(sent.value) ? { value: sent.value, error: null } : { value: '', error: messages.unknown };
}

function labelField(form: RawForm) {
  const sent = singleValue(form, SELECTION_FIELDS.label);
  if (!sent.ok) return { ok: false as const, error: MALFORMED_FIELD_MESSAGE };
  return validateInstanceLabel(sent.value);
}

function authorizedKeysField(form: RawForm) {
  const sent = singleValue(form, SELECTION_FIELDS.authorizedKeys);
  if (!sent.ok) return { ok: false as const, error: MALFORMED_FIELD_MESSAGE };
  return parseAuthorizedKeys(sent.value);
}

/** After a failed submit every filled-in password must be typed again, since it is not shown. */
function withPasswordReentry(errors: FieldErrors, form: RawForm, snapshot: CatalogSnapshot): FieldErrors {
  const result: FieldErrors = {};
  const typedPassword = (field: UdfInputField) =>
    field.kind === 'password' && (formValues(form, field.inputName) ?? []).some((value) => value !== '' && value !== field.default);
  const passwords = new Set(snapshot.udfForm.fields.filter(typedPassword).map((field) => field.inputName));
  for (const key of orderedKeys(errors, passwords, snapshot)) {
    result[key] = errors[key] ?? PASSWORD_REENTER_MESSAGE;
  }
  return result;
}

/** Error keys in page order, including password fields that need re-entry. */
function orderedKeys(errors: FieldErrors, passwords: Set<string>, snapshot: CatalogSnapshot): string[] {
  const order = [
    SELECTION_FIELDS.region,
    SELECTION_FIELDS.type,
    SELECTION_FIELDS.image,
    ...snapshot.udfForm.fields.map((field) => field.inputName),
    STACKSCRIPT_DATA_ERROR_KEY,
    SELECTION_FIELDS.label,
    SELECTION_FIELDS.authorizedKeys,
  ];
  return order.filter((key) => key in errors || passwords.has(key));
}

function udfByInputName(snapshot: CatalogSnapshot, inputName: string): UdfInputField | undefined {
  return snapshot.udfForm.fields.find((field) => field.inputName === inputName);
}

/** The form that would have produced this draft (for re-validation, and to show kept choices again). */
export function draftToForm(draft: DeploymentDraft, snapshot: CatalogSnapshot): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {
    [SELECTION_FIELDS.type]: draft.type,
    [SELECTION_FIELDS.region]: draft.region,
    [SELECTION_FIELDS.image]: draft.image,
    [SELECTION_FIELDS.label]: draft.label ?? '',
    [SELECTION_FIELDS.authorizedKeys]: draft.authorizedKeys.join('\n'),
  };
  for (const field of snapshot.udfForm.fields) {
    const value = draft.stackScriptData[field.name];
    if (value === undefined) continue;
    form[field.inputName] = field.kind === 'multiselect' ? value.split(',').filter(Boolean) : value;
  }
  return form;
}
