import { findById, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { backupsPriceInRegion } from '../catalog/pricing';
import { isSecretUdf } from '../catalog/udf/secret-udf';
import type { UdfInputField } from '../catalog/udf/udf-form';
import { FORM_FIELDS, MALFORMED_FIELD_MESSAGE, EMPTY_CONFIGURE_FORM, type Checked, type ConfigureForm } from './configure-form';
import { validateLabelInput } from './label-input';
import { parseAuthorizedKeys } from './ssh-public-key';
import { validateUdfValues } from './udf-validation';
import { formatMonthlyPrice } from '../views/price-format';

export interface DeploymentDraft {
  stackScriptId: number;
  type: string;
  region: string;
  image: string;
  /** null: let Linode generate a label. */
  label: string | null;
  authorizedKeys: string[];
  stackScriptData: Record<string, string>;
  backupsEnabled: boolean;
  /** The backups' monthly price the person was shown and accepted; null without backups. */
  backupsMonthlyPrice: number | null;
}

/** Form field name (`type`, `udf_<NAME>`, …) → message. */
export type FieldErrors = Record<string, string>;

export type DraftValidation = { ok: true; draft: DeploymentDraft } | { ok: false; errors: FieldErrors };

export const BACKUPS_NOT_OFFERED_MESSAGE = 'Linode offers no backups for this plan in this region.';

export function backupsPriceMessage(monthly: number): string {
  return `Backups for this plan in this region cost ${formatMonthlyPrice(monthly)}/month, not the price shown before: check it and deploy again.`;
}

export const PASSWORD_REENTER_MESSAGE = 'Enter this password again: passwords are never sent back to your browser.';

/** Every field of the form against the catalog, at once: the draft, or each field's message. */
export function validateConfigureForm(form: ConfigureForm, snapshot: CatalogSnapshot): DraftValidation {
  const region = choice(form.region, snapshot.regions, 'Choose a region.', 'Choose one of the regions listed.');
  const type = choice(form.type, snapshot.plans, 'Choose a plan.', 'Choose one of the plans listed.');
  const image = choice(form.image, snapshot.images, 'Choose an image.', 'Choose one of the images listed.');
  const udf = validateUdfValues(snapshot.udfForm, form.udf);
  const label = singleText(form.label, validateLabelInput);
  const keys = singleText(form.authorizedKeys, parseAuthorizedKeys);
  const plan = findById(snapshot.plans, form.type);
  // null: backups chosen where Linode offers none.
  const backups = form.backupsEnabled && plan ? backupsPriceInRegion(plan, form.region) : undefined;

  const errors: FieldErrors = {};
  if (!region.ok) errors[FORM_FIELDS.region] = region.error;
  if (!type.ok) errors[FORM_FIELDS.type] = type.error;
  if (!image.ok) errors[FORM_FIELDS.image] = image.error;
  Object.assign(errors, udf.errors);
  if (!label.ok) errors[FORM_FIELDS.label] = label.error;
  if (!keys.ok) errors[FORM_FIELDS.authorizedKeys] = keys.error;
  if (backups === null) errors[FORM_FIELDS.backups] = BACKUPS_NOT_OFFERED_MESSAGE;
  // The price the page showed (or the draft accepted) must still hold: never charge more unseen.
  if (backups && form.backupsShownPrice && Number(form.backupsShownPrice) !== backups.monthly) {
    errors[FORM_FIELDS.backups] = backupsPriceMessage(backups.monthly);
  }

  if (!region.ok || !type.ok || !image.ok || !label.ok || !keys.ok || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    draft: {
      stackScriptId: snapshot.app.stackScriptId,
      type: type.value,
      region: region.value,
      image: image.value,
      label: label.value,
      authorizedKeys: keys.value,
      stackScriptData: udf.data,
      backupsEnabled: form.backupsEnabled,
      backupsMonthlyPrice: backups?.monthly ?? null,
    },
  };
}

/**
 * A deep link picks only among listed choices: free text from a link could plant an SSH key in someone's server.
 * Never backups: a link must not raise the price unseen.
 */
export function linkedForm(query: ConfigureForm, snapshot: CatalogSnapshot): ConfigureForm {
  // No search when the link names nothing (absent is ''): a first visit comes here on every page view.
  const pick = (wanted: string | null, offered: readonly { id: string }[]) => {
    const named = wanted ? offered.find((item) => item.id === wanted) : undefined;
    return (named ?? offered[0])?.id ?? '';
  };
  const udf = Object.fromEntries(
    snapshot.udfForm.fields.map((field) => [field.inputName, linkedValues(field, query.udf[field.inputName])]),
  );
  return {
    ...EMPTY_CONFIGURE_FORM,
    region: pick(query.region, snapshot.regions),
    type: pick(query.type, snapshot.plans),
    image: pick(query.image, snapshot.images),
    udf,
  };
}

/** Every secret that was filled in must be typed again, since it is never shown or kept. */
export function withPasswordReentry(errors: FieldErrors, form: ConfigureForm, snapshot: CatalogSnapshot): FieldErrors {
  const result = { ...errors };
  for (const field of snapshot.udfForm.fields) {
    const typed = (form.udf[field.inputName] ?? []).some((value) => value !== '' && value !== field.default);
    if (isSecretUdf(field) && typed) result[field.inputName] ??= PASSWORD_REENTER_MESSAGE;
  }
  return result;
}

/** The form that would have produced this draft (to validate it again, and to show kept choices). */
export function formOfDraft(draft: DeploymentDraft, snapshot: CatalogSnapshot): ConfigureForm {
  const udf: Record<string, string[]> = {};
  for (const field of snapshot.udfForm.fields) {
    const value = draft.stackScriptData[field.name];
    if (value === undefined) continue;
    udf[field.inputName] = field.kind === 'multiselect' ? value.split(',').filter(Boolean) : [value];
  }
  return {
    ...EMPTY_CONFIGURE_FORM,
    type: draft.type,
    region: draft.region,
    image: draft.image,
    label: draft.label ?? '',
    authorizedKeys: draft.authorizedKeys.join('\n'),
    backupsEnabled: draft.backupsEnabled,
    // Checked again after sign-in: a price that changed meanwhile is never charged unseen.
    backupsShownPrice: String(draft.backupsMonthlyPrice ?? ''),
    udf,
  };
}

function choice(sent: string | null, offered: readonly { id: string }[], missing: string, unknown: string): Checked<string> {
  if (sent === null) return { ok: false, error: MALFORMED_FIELD_MESSAGE };
  if (sent === '') return { ok: false, error: missing };
  return offered.some((item) => item.id === sent) ? { ok: true, value: sent } : { ok: false, error: unknown };
}

function singleText<T>(sent: string | null, check: (value: string) => Checked<T>): Checked<T> {
  return sent === null ? { ok: false, error: MALFORMED_FIELD_MESSAGE } : check(sent);
}

/** Only listed choices come from a link; otherwise the field's default. */
function linkedValues(field: UdfInputField, sent: readonly string[] | undefined): string[] {
  if (field.kind === 'multiselect') {
    const values = (sent ?? [field.default ?? '']).flatMap((value) => value.split(','));
    return [...new Set(values.filter((value) => field.choices.includes(value)))];
  }
  if (sent?.length === 1 && field.choices.includes(sent[0])) return [sent[0]];
  return field.default === null ? [] : [field.default];
}
