import type { LinodeType } from '../linode/linode.readers';
import { findById, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { FORM_FIELDS, type ConfigureForm } from './configure-form';
import type { FieldErrors } from './deployment-draft';
import { backupsPriceInRegion, planSpecs, priceInRegion, withBackups } from '../catalog/pricing';
import { formatHourlyPrice, formatMonthlyPrice } from '../views/price-format';
import { AUTHORIZED_KEYS_MAX_LENGTH } from './ssh-public-key';
import type { UdfInputField, UdfSection } from '../catalog/udf/udf-form';
import { STACKSCRIPT_DATA_ERROR_KEY, UDF_VALUE_MAX_LENGTH } from './udf-validation';

// Everything the templates print is prepared here, so that every value goes through `{{ }}` escaping.

const STACKSCRIPT_DATA_ERROR_ID = 'stackscript-data-error';

const CLASS_HEADINGS: Record<string, string> = {
  nanode: 'Shared CPU',
  standard: 'Shared CPU',
  dedicated: 'Dedicated CPU',
  premium: 'Premium CPU',
  highmem: 'High Memory',
  gpu: 'GPU',
  accelerated: 'Accelerated',
  metal: 'Bare Metal',
  prodedicated: 'Pro Dedicated CPU',
};

const FIELD_IDS = {
  region: 'region',
  image: 'image',
  label: 'label',
  authorizedKeys: 'authorized-keys',
  plans: 'plans',
  backups: 'backups-enabled',
} as const;

export type ConfigureViewModel = ReturnType<typeof buildConfigureViewModel>;
type PlanPickerView = ReturnType<typeof planPickerView>;

/** Where the page's form and htmx fragments go: `/…`, or `/s/:id/…` for a page reached there (even the default's). */
export function configurePaths(stackScriptId?: number) {
  const base = stackScriptId === undefined ? '' : `/s/${stackScriptId}`;
  return { form: base || '/', priceSummary: `${base}/price-summary`, validate: `${base}/validate` };
}

/** `staleAge`: how old the catalog is (`describeAge`) when Linode could not refresh it; null while it is fresh. */
export function buildConfigureViewModel(
  snapshot: CatalogSnapshot,
  form: ConfigureForm,
  errors: FieldErrors = {},
  staleAge: string | null = null,
  stackScriptId?: number,
) {
  const error = (key: string) => errors[key] ?? null;
  const required = snapshot.udfForm.required.map((section, i) => udfSectionView(section, `required-${i}`, form, errors));
  // A StackScript section titled like our own "Advanced options" fold-out would repeat its title right under it.
  const advanced = snapshot.udfForm.advanced.map((section, i) =>
    udfSectionView(
      section.heading?.trim().toLowerCase() === 'advanced options' ? { ...section, heading: null } : section,
      `advanced-${i}`,
      form,
      errors,
    ),
  );
  const plans = planPickerView(snapshot, form, error(FORM_FIELDS.type));
  const hasErrors = Object.keys(errors).length > 0;
  return {
    pageTitle: `${hasErrors ? 'Error: ' : ''}Deploy ${snapshot.app.label}`,
    // The StackScript's own description may hold markup-like text, so link previews get ours.
    metaDescription: `Deploy ${snapshot.app.label} on your own Linode account: pick a region and plan, see the price, and sign in with Linode.`,
    app: appFacts(snapshot),
    paths: configurePaths(stackScriptId),
    catalogNotice:
      staleAge === null
        ? null
        : `Linode could not be reached just now, so plans, prices and regions are from ${staleAge}. They may have changed since.`,
    keptNotice: null as string | null,
    errorSummary: formFieldTable(snapshot, plans.groups).flatMap(({ name, label, target }) => {
      const message = errors[name];
      return message === undefined ? [] : [{ href: `#${target}`, label, message }];
    }),
    hasErrors,
    // The templates mark the option whose id is `selected`.
    region: { ...choiceField(FIELD_IDS.region, error(FORM_FIELDS.region)), options: snapshot.regions, selected: form.region },
    plans,
    image: { ...choiceField(FIELD_IDS.image, error(FORM_FIELDS.image)), options: snapshot.images, selected: form.image },
    udf: {
      required,
      advanced,
      hasFields: required.length + advanced.length > 0,
      formError: error(STACKSCRIPT_DATA_ERROR_KEY),
      formErrorId: STACKSCRIPT_DATA_ERROR_ID,
    },
    label: textField(FIELD_IDS.label, FORM_FIELDS.label, form.label ?? '', error(FORM_FIELDS.label), 64),
    authorizedKeys: textField(
      FIELD_IDS.authorizedKeys,
      FORM_FIELDS.authorizedKeys,
      form.authorizedKeys ?? '',
      error(FORM_FIELDS.authorizedKeys),
      AUTHORIZED_KEYS_MAX_LENGTH,
    ),
    backups: backupsOptionView(snapshot, form, error(FORM_FIELDS.backups)),
    summary: buildPriceSummary(snapshot, form),
  };
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** Who made the StackScript, when, and how much it is used, as Cloud Manager shows it. */
export function appFacts({ app }: CatalogSnapshot) {
  const updated = app.updated === null ? NaN : Date.parse(`${app.updated.replace(/Z$/, '')}Z`);
  return {
    ...app,
    updated: Number.isNaN(updated) ? null : DATE_FORMAT.format(updated),
    updatedIso: Number.isNaN(updated) ? null : new Date(updated).toISOString().slice(0, 10),
    deployments: app.deploymentsTotal === null ? null : COUNT_FORMAT.format(app.deploymentsTotal),
    hasScript: app.script.trim() !== '',
  };
}

type PricedChoices = Pick<ConfigureForm, 'type' | 'region' | 'backupsEnabled'>;

/** The price box: the chosen plan's specs and its price in the chosen region, with backups when chosen. */
export function buildPriceSummary(snapshot: CatalogSnapshot, form: PricedChoices & Pick<ConfigureForm, 'image'>) {
  const plan = findById(snapshot.plans, form.type);
  const region = findById(snapshot.regions, form.region);
  const image = findById(snapshot.images, form.image);
  const specs = plan ? planSpecs(plan) : null;
  const planPrice = plan && region ? priceInRegion(plan, region.id) : null;
  const backups = plan && region && form.backupsEnabled ? backupsPriceInRegion(plan, region.id) : null;
  const price = planPrice && backups ? withBackups(planPrice, backups) : planPrice;
  return {
    complete: Boolean(plan && region),
    planLabel: plan?.label ?? null,
    regionLabel: region?.label ?? null,
    imageLabel: image?.label ?? null,
    vcpus: specs?.vcpus ?? null,
    memoryGb: specs?.memoryGb ?? null,
    diskGb: specs?.diskGb ?? null,
    transferTb: specs?.transferTb ?? null,
    backupsMonthly: backups ? formatMonthlyPrice(backups.monthly) : null,
    monthly: price ? formatMonthlyPrice(price.monthly) : null,
    hourly: price ? formatHourlyPrice(price.hourly) : null,
  };
}

/** The backups checkbox, priced for the chosen plan and region; disabled where Linode offers none. */
export function backupsOptionView(snapshot: CatalogSnapshot, form: PricedChoices, error: string | null) {
  // As the price box does: priced only for a listed plan in a listed region, so the two never disagree.
  const plan = findById(snapshot.plans, form.type);
  const region = findById(snapshot.regions, form.region);
  const price = plan && region ? backupsPriceInRegion(plan, region.id) : null;
  return {
    ...choiceField(FIELD_IDS.backups, error),
    name: FORM_FIELDS.backups,
    offered: price !== null,
    checked: price !== null && form.backupsEnabled,
    monthly: price ? formatMonthlyPrice(price.monthly) : null,
    // Sent back with the form, so that a price the person never saw is never charged.
    shownPrice: price?.monthly ?? '',
  };
}

/** The plan radio list, grouped by class and priced for the selected region (the default price before one is chosen). */
export function planPickerView(snapshot: CatalogSnapshot, form: Pick<ConfigureForm, 'type' | 'region'>, error: string | null) {
  const region = findById(snapshot.regions, form.region)?.id ?? null;
  const groups: { heading: string; plans: ReturnType<typeof planOption>[] }[] = [];
  for (const plan of snapshot.plans) {
    const heading = CLASS_HEADINGS[plan.class] ?? plan.class;
    let group = groups.find((candidate) => candidate.heading === heading);
    if (!group) {
      group = { heading, plans: [] };
      groups.push(group);
    }
    group.plans.push(planOption(plan, region, plan.id === form.type));
  }
  return { ...choiceField(FIELD_IDS.plans, error), groups };
}

function planOption(plan: LinodeType, region: string | null, checked: boolean) {
  const price = priceInRegion(plan, region);
  return {
    id: plan.id,
    inputId: `plan-${plan.id.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    label: plan.label,
    checked,
    ...planSpecs(plan),
    monthly: formatMonthlyPrice(price.monthly),
    hourly: formatHourlyPrice(price.hourly),
  };
}

function choiceField(id: string, error: string | null) {
  return { id, error, errorId: `${id}-error` };
}

function textField(id: string, name: string, value: string, error: string | null, maxLength: number) {
  const errorId = `${id}-error`;
  return {
    id,
    name,
    value: shownValue(value, maxLength),
    error,
    errorId,
    // The error element is always referenced: inline validation fills it in place.
    describedBy: `${id}-help ${errorId}`,
    maxLength,
    validation: inlineValidation(name),
  };
}

/** `hx-vals` names the field to check; `hx-params` sends only it, never the whole form. */
function inlineValidation(name: string) {
  return { vals: JSON.stringify({ field: name }), params: `field,${name}` };
}

function udfSectionView(section: UdfSection, key: string, form: ConfigureForm, errors: FieldErrors) {
  return {
    heading: section.heading,
    headingId: section.heading === null ? null : `udf-section-${key}`,
    fields: section.fields.map((field) => udfFieldView(field, form.udf[field.inputName] ?? [], errors[field.inputName] ?? null)),
  };
}

export function udfFieldView(field: UdfInputField, values: readonly string[], error: string | null) {
  const errorId = `${field.id}-error`;
  const helpId = `${field.id}-help`;
  const choices = field.choices.map((choice, index) => ({ id: `${field.id}-${index}`, value: choice, checked: values.includes(choice) }));
  return {
    kind: field.kind,
    id: field.id,
    name: field.inputName,
    label: field.label,
    help: exampleText(field.example),
    helpId,
    required: field.required,
    value: textValue(field, values[0] ?? ''),
    choices,
    // A select offers an empty first option while nothing valid is chosen.
    emptyOption: field.kind === 'select' && (field.required || !choices.some((choice) => choice.checked)),
    error,
    errorId,
    describedBy: [field.example ? helpId : null, error || field.kind === 'text' ? errorId : null].filter(Boolean).join(' '),
    maxLength: UDF_VALUE_MAX_LENGTH,
    // Passwords never leave the form early.
    validation: field.kind === 'text' ? inlineValidation(field.inputName) : null,
  };
}

/** A secret is never sent back to the browser, unless it is the StackScript's own (public) default. */
function textValue(field: UdfInputField, value: string): string {
  if (field.kind === 'text') return shownValue(value, UDF_VALUE_MAX_LENGTH);
  return field.kind === 'password' && value === field.default ? value : '';
}

/** At most one character past the field's limit, so that a hostile request cannot make us send back megabytes. */
function shownValue(value: string, maxLength: number): string {
  return value.slice(0, maxLength + 1);
}

/** Every field of the form in page order, with the element the error summary focuses (a group's first choice). */
export function formFieldTable(snapshot: CatalogSnapshot, plans: PlanPickerView['groups'] = []) {
  const planInputs = plans.flatMap((group) => group.plans);
  const planTarget = planInputs.find((plan) => plan.checked)?.inputId ?? planInputs[0]?.inputId ?? FIELD_IDS.plans;
  const entry = (name: string, label: string, target: string, errorId = `${target}-error`) => ({ name, label, target, errorId });
  return [
    entry(FORM_FIELDS.region, 'Region', FIELD_IDS.region),
    entry(FORM_FIELDS.type, 'Plan', planTarget, `${FIELD_IDS.plans}-error`),
    entry(FORM_FIELDS.image, 'Image', FIELD_IDS.image),
    ...snapshot.udfForm.fields.map((field) =>
      entry(
        field.inputName,
        field.label,
        field.kind === 'radio' || field.kind === 'multiselect' ? `${field.id}-0` : field.id,
        `${field.id}-error`,
      ),
    ),
    entry(STACKSCRIPT_DATA_ERROR_KEY, 'Application settings', 'app-settings', STACKSCRIPT_DATA_ERROR_ID),
    entry(FORM_FIELDS.label, 'Linode label', FIELD_IDS.label),
    entry(FORM_FIELDS.authorizedKeys, 'SSH public keys', FIELD_IDS.authorizedKeys),
    entry(FORM_FIELDS.backups, 'Backups', FIELD_IDS.backups),
  ];
}

const AGE_FORMAT = new Intl.RelativeTimeFormat('en');

export function describeAge(ageMs: number | null): string {
  if (ageMs === null) return 'an earlier check';
  const minutes = Math.round(ageMs / 60_000);
  if (minutes < 1) return 'less than a minute ago';
  return minutes < 60 ? AGE_FORMAT.format(-minutes, 'minute') : AGE_FORMAT.format(-Math.round(minutes / 60), 'hour');
}

/** An example reads as one (Cloud Manager prints it bare, which looks like a value). */
function exampleText(example: string | null): string | null {
  if (example === null) return null;
  return /^(e\.g\.|eg:|example|for example)/i.test(example.trim()) ? example : `For example: ${example}`;
}
