/**
 * The configure page's view model, built from a catalog snapshot, the form to show and any field
 * errors. Everything the templates print is prepared here (labels, prices, ids, ARIA references),
 * so every value goes through `{{ }}` escaping.
 */
import type { LinodeType } from '../linode/linode.readers';
import { findImage, findPlan, findRegion, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { FORM_FIELDS, type ConfigureForm } from './configure-form';
import type { FieldErrors } from './deployment-draft';
import { planSpecs, priceInRegion } from '../catalog/pricing';
import { formatHourlyPrice, formatMonthlyPrice } from '../views/price-format';
import { AUTHORIZED_KEYS_MAX_LENGTH } from './ssh-public-key';
import type { UdfInputField, UdfSection } from '../catalog/udf/udf-form';
import { STACKSCRIPT_DATA_ERROR_KEY, UDF_VALUE_MAX_LENGTH, udfValuesOf } from './udf-validation';

const STACKSCRIPT_DATA_ERROR_ID = 'stackscript-data-error';

/** The fold-out's title in _udf-settings.hbs. */
const ADVANCED_TITLE = 'Advanced options';

export interface InlineValidation {
  /** `hx-vals`: JSON naming the field to check. */
  vals: string;
  /** `hx-params`: send only the field and its name, never the whole form. */
  params: string;
}

export interface FieldView {
  id: string;
  name: string;
  value: string;
  error: string | null;
  errorId: string;
  /** Space-separated ids for aria-describedby (help text, then the error). */
  describedBy: string;
  maxLength: number;
  validation: InlineValidation;
}

export interface ChoiceFieldView {
  id: string;
  error: string | null;
  errorId: string;
  describedBy: string;
}

export interface PlanOptionView {
  id: string;
  inputId: string;
  label: string;
  checked: boolean;
  vcpus: number;
  memoryGb: number;
  diskGb: number;
  transferTb: number;
  monthly: string | null;
  hourly: string | null;
}

export interface PlanGroupView {
  key: string;
  heading: string;
  plans: PlanOptionView[];
}

export interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

export interface UdfChoiceView {
  id: string;
  value: string;
  checked: boolean;
}

export interface UdfFieldView {
  kind: UdfInputField['kind'];
  id: string;
  /** The form field name, `udf_<NAME>`. */
  name: string;
  label: string;
  help: string | null;
  helpId: string;
  required: boolean;
  /** Text and password: the value to pre-fill (a password only when it is the StackScript's public default). */
  value: string;
  choices: UdfChoiceView[];
  /** A select gets an empty first option when nothing valid is chosen yet. */
  emptyOption: boolean;
  error: string | null;
  errorId: string;
  describedBy: string;
  maxLength: number;
  /** Only plain text fields are checked as the user types (passwords never leave the form early). */
  validation: InlineValidation | null;
}

export interface UdfSectionView {
  heading: string | null;
  headingId: string | null;
  fields: UdfFieldView[];
}

export interface PriceSummaryView {
  /** False when the plan or region is not one on offer: the price cannot be shown. */
  complete: boolean;
  planLabel: string | null;
  regionLabel: string | null;
  imageLabel: string | null;
  vcpus: number | null;
  memoryGb: number | null;
  diskGb: number | null;
  transferTb: number | null;
  monthly: string | null;
  hourly: string | null;
}

export interface ErrorSummaryItem {
  href: string;
  label: string;
  message: string;
}

/** Where the page's form and htmx fragments go: `/…` for the default StackScript, `/s/:id/…` for another. */
export interface ConfigurePaths {
  form: string;
  priceSummary: string;
  validate: string;
}

export function configurePaths(stackScriptId: number | null): ConfigurePaths {
  const base = stackScriptId === null ? '' : `/s/${stackScriptId}`;
  return { form: base || '/', priceSummary: `${base}/price-summary`, validate: `${base}/validate` };
}

/** Who made the StackScript and how much it is used, as Cloud Manager shows it, and the script. */
export interface AppFactsView {
  label: string;
  description: string;
  stackScriptId: number;
  author: string;
  /** e.g. "12 March 2025"; null when Linode did not say. */
  updated: string | null;
  /** ISO date for `<time datetime>`. */
  updatedIso: string | null;
  deployments: string | null;
  script: string;
  hasScript: boolean;
}

export interface ConfigureViewModel {
  pageTitle: string;
  metaDescription: string;
  app: AppFactsView;
  paths: ConfigurePaths;
  /** Set when the catalog could not be refreshed and older data is shown. */
  catalogNotice: string | null;
  /** Set when the page brings back choices Linode refused ("Try again"). */
  keptNotice: string | null;
  errorSummary: ErrorSummaryItem[];
  hasErrors: boolean;
  region: ChoiceFieldView & { options: OptionView[] };
  plans: PlanPickerView;
  image: ChoiceFieldView & { options: OptionView[] };
  udf: {
    required: UdfSectionView[];
    advanced: UdfSectionView[];
    hasFields: boolean;
    hasAdvanced: boolean;
    formError: string | null;
    formErrorId: string;
  };
  label: FieldView;
  authorizedKeys: FieldView;
  summary: PriceSummaryView;
}

export interface CatalogFreshness {
  stale: boolean;
  ageMs: number | null;
}

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
} as const;

export function buildConfigureViewModel(
  snapshot: CatalogSnapshot,
  form: ConfigureForm,
  errors: FieldErrors = {},
  freshness: CatalogFreshness = { stale: false, ageMs: null },
  paths: ConfigurePaths = configurePaths(null),
): ConfigureViewModel {
  const error = (key: string) => errors[key] ?? null;
  const udfRequired = snapshot.udfForm.required.map((section, i) => udfSectionView(section, `required-${i}`, form, errors));
  // A StackScript section titled like our own fold-out would repeat its title right under it.
  const udfAdvanced = snapshot.udfForm.advanced.map((section, i) =>
    udfSectionView(
      section.heading?.trim().toLowerCase() === ADVANCED_TITLE.toLowerCase() ? { ...section, heading: null } : section,
      `advanced-${i}`,
      form,
      errors,
    ),
  );
  const plans = planPickerView(snapshot, form, error(FORM_FIELDS.type));
  const hasErrors = Object.keys(errors).length > 0;

  return {
    pageTitle: `${hasErrors ? 'Error: ' : ''}Deploy ${snapshot.app.label}`,
    metaDescription: metaDescription(snapshot),
    app: appFacts(snapshot),
    paths,
    catalogNotice: freshness.stale ? staleNotice(freshness.ageMs) : null,
    keptNotice: null,
    errorSummary: errorSummary(formFieldTable(snapshot, plans.groups), errors),
    hasErrors,
    region: {
      ...choiceField(FIELD_IDS.region, error(FORM_FIELDS.region)),
      options: snapshot.regions.map((region) => ({
        value: region.id,
        label: `${region.label} (${region.id})`,
        selected: region.id === form.region,
      })),
    },
    plans,
    image: {
      ...choiceField(FIELD_IDS.image, error(FORM_FIELDS.image)),
      options: snapshot.images.map((image) => ({ value: image.id, label: image.label, selected: image.id === form.image })),
    },
    udf: {
      required: udfRequired,
      advanced: udfAdvanced,
      hasFields: udfRequired.length + udfAdvanced.length > 0,
      hasAdvanced: udfAdvanced.length > 0,
      formError: error(STACKSCRIPT_DATA_ERROR_KEY),
      formErrorId: STACKSCRIPT_DATA_ERROR_ID,
    },
    label: textField(FIELD_IDS.label, FORM_FIELDS.label, form.label ?? '', error(FORM_FIELDS.label), 64, 'label-help'),
    authorizedKeys: textField(
      FIELD_IDS.authorizedKeys,
      FORM_FIELDS.authorizedKeys,
      form.authorizedKeys ?? '',
      error(FORM_FIELDS.authorizedKeys),
      AUTHORIZED_KEYS_MAX_LENGTH,
      'authorized-keys-help',
    ),
    summary: buildPriceSummary(snapshot, form),
  };
}

export function appFacts(snapshot: CatalogSnapshot): AppFactsView {
  const { app } = snapshot;
  const updated = app.updated === null ? NaN : Date.parse(`${app.updated.replace(/Z$/, '')}Z`);
  return {
    label: app.label,
    description: app.description,
    stackScriptId: app.stackScriptId,
    author: app.author,
    updated: Number.isNaN(updated) ? null : DATE_FORMAT.format(updated),
    updatedIso: Number.isNaN(updated) ? null : new Date(updated).toISOString().slice(0, 10),
    deployments: app.deploymentsTotal === null ? null : COUNT_FORMAT.format(app.deploymentsTotal),
    script: app.script,
    hasScript: app.script.trim() !== '',
  };
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** For search results and link previews; the StackScript's own description may hold markup-like text, so it is left out. */
function metaDescription(snapshot: CatalogSnapshot): string {
  return `Deploy ${snapshot.app.label} on your own Linode account: pick a region and plan, see the price, and sign in with Linode.`;
}

/** The price box: the chosen plan's specs and its price in the chosen region. */
export function buildPriceSummary(snapshot: CatalogSnapshot, form: Pick<ConfigureForm, 'type' | 'region' | 'image'>): PriceSummaryView {
  const plan = findPlan(snapshot, form.type ?? '');
  const region = findRegion(snapshot, form.region ?? '');
  const image = form.image ? findImage(snapshot, form.image) : undefined;
  const specs = plan ? planSpecs(plan) : null;
  const price = plan && region ? priceInRegion(plan, region.id) : null;
  return {
    complete: Boolean(plan && region),
    planLabel: plan?.label ?? null,
    regionLabel: region?.label ?? null,
    imageLabel: image?.label ?? null,
    vcpus: specs?.vcpus ?? null,
    memoryGb: specs?.memoryGb ?? null,
    diskGb: specs?.diskGb ?? null,
    transferTb: specs?.transferTb ?? null,
    monthly: price ? formatMonthlyPrice(price.monthly) : null,
    hourly: price ? formatHourlyPrice(price.hourly) : null,
  };
}

export type PlanPickerView = ChoiceFieldView & { groups: PlanGroupView[] };

/** The plan radio list, priced for the selected region, with its error. */
export function planPickerView(
  snapshot: CatalogSnapshot,
  form: Pick<ConfigureForm, 'type' | 'region'>,
  error: string | null,
): PlanPickerView {
  return { ...choiceField(FIELD_IDS.plans, error), groups: planGroups(snapshot, form) };
}

/** Plan groups with each plan priced for the selected region (or the default price before one is chosen). */
function planGroups(snapshot: CatalogSnapshot, form: Pick<ConfigureForm, 'type' | 'region'>): PlanGroupView[] {
  const region = findRegion(snapshot, form.region ?? '')?.id ?? null;
  const groups: PlanGroupView[] = [];
  for (const plan of snapshot.plans) {
    const heading = CLASS_HEADINGS[plan.class] ?? plan.class;
    let group = groups.find((candidate) => candidate.heading === heading);
    if (!group) {
      group = { key: plan.class, heading, plans: [] };
      groups.push(group);
    }
    group.plans.push(planOption(plan, region, plan.id === form.type));
  }
  return groups;
}

function planOption(plan: LinodeType, region: string | null, checked: boolean): PlanOptionView {
  const price = priceInRegion(plan, region);
  return {
    id: plan.id,
    inputId: `plan-${domSafe(plan.id)}`,
    label: plan.label,
    checked,
    ...planSpecs(plan),
    monthly: formatMonthlyPrice(price.monthly),
    hourly: formatHourlyPrice(price.hourly),
  };
}

function choiceField(id: string, error: string | null): ChoiceFieldView {
  const errorId = `${id}-error`;
  return { id, error, errorId, describedBy: error ? errorId : '' };
}

function textField(id: string, name: string, value: string, error: string | null, maxLength: number, helpId: string): FieldView {
  const errorId = `${id}-error`;
  return {
    id,
    name,
    value: shownValue(value, maxLength),
    error,
    errorId,
    // The error element is always referenced: inline validation fills it in place.
    describedBy: `${helpId} ${errorId}`,
    maxLength,
    validation: inlineValidation(name),
  };
}

function inlineValidation(name: string): InlineValidation {
  return { vals: JSON.stringify({ field: name }), params: ['field', name].join(',') };
}

function udfSectionView(section: UdfSection, key: string, form: ConfigureForm, errors: FieldErrors): UdfSectionView {
  return {
    heading: section.heading,
    headingId: section.heading === null ? null : `udf-section-${key}`,
    fields: section.fields.map((field) => udfFieldView(field, udfValuesOf(form.udf, field) ?? [], errors[field.inputName] ?? null)),
  };
}

export function udfFieldView(field: UdfInputField, values: readonly string[], error: string | null): UdfFieldView {
  const errorId = `${field.id}-error`;
  const helpId = `${field.id}-help`;
  const choices = field.choices.map((choice, index) => ({
    id: `${field.id}-${index}`,
    value: choice,
    checked: values.includes(choice),
  }));
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
    emptyOption: field.kind === 'select' && (field.required || !choices.some((choice) => choice.checked)),
    error,
    errorId,
    describedBy: [field.example ? helpId : null, error || field.kind === 'text' ? errorId : null].filter(Boolean).join(' '),
    maxLength: UDF_VALUE_MAX_LENGTH,
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

/** A form field, where its error is shown and where the error summary sends the focus. */
export interface FormFieldEntry {
  name: string;
  label: string;
  /** The element to focus: the input, or a group's first choice. */
  target: string;
  errorId: string;
}

/** Every field of the form in page order: what the error summary and inline validation look up. */
export function formFieldTable(snapshot: CatalogSnapshot, plans: readonly PlanGroupView[] = []): FormFieldEntry[] {
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
  ];
}

function errorSummary(fields: readonly FormFieldEntry[], errors: FieldErrors): ErrorSummaryItem[] {
  return fields.flatMap((field) => {
    const message = errors[field.name];
    return message === undefined ? [] : [{ href: `#${field.target}`, label: field.label, message }];
  });
}

function staleNotice(ageMs: number | null): string {
  return `Linode could not be reached just now, so plans, prices and regions are from ${describeAge(ageMs)}. They may have changed since.`;
}

export function describeAge(ageMs: number | null): string {
  if (ageMs === null) return 'an earlier check';
  const minutes = Math.round(ageMs / 60_000);
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'} ago`;
}

/** An example reads as one (Cloud Manager prints it bare, which looks like a value). */
function exampleText(example: string | null): string | null {
  if (example === null) return null;
  return /^(e\.g\.|eg:|example|for example)/i.test(example.trim()) ? example : `For example: ${example}`;
}

function domSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}
