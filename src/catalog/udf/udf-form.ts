/**
 * A StackScript's user-defined fields (UDFs) as a form, following Cloud Manager's rules
 * (linode/manager, LinodeCreate/…/UserDefinedFields): a UDF without a default is required and shown
 * first; the others go under "Advanced options". A field is, in this order of precedence:
 * a header (`header: "yes"`) → a section heading, `manyof` → multiple choice, `oneof` → single
 * choice (radio buttons up to 4 choices, a select above), a name or label that marks a secret
 * (isSecretUdfName) → password input, anything else → text input.
 * A `required` key makes a field required even when it has a default (Cloud Manager's rule).
 *
 * Linode's spec spells `oneOf`/`manyOf`, the first-party UI and SDK read `oneof`/`manyof`: both are
 * read. One deliberate difference from Cloud Manager: `default: null` counts as no default (so the
 * field is required) — a null default gives Linode nothing to fall back on.
 */
import { displayText } from '../../common/display-text';
import type { UserDefinedField } from '../../linode/linode.readers';
import { isSecretUdfName } from './secret-udf';

export type UdfFieldKind = 'text' | 'password' | 'radio' | 'select' | 'multiselect';

export interface UdfInputField {
  kind: UdfFieldKind;
  /** The UDF name: the key in `stackscript_data`. */
  name: string;
  /** The form field name: `udf_<name>`, with `%`, `,` and spaces percent-encoded (htmx's `hx-params` splits on commas and trims). */
  inputName: string;
  /** A DOM id, unique within the form. */
  id: string;
  label: string;
  /** Cloud Manager shows it as help text. */
  example: string | null;
  default: string | null;
  required: boolean;
  /** The allowed values of a single or multiple choice; empty for text and password fields. */
  choices: readonly string[];
}

export interface UdfSection {
  /** The label of the header UDF that opened this section; null for the leading section. */
  heading: string | null;
  fields: readonly UdfInputField[];
}

export interface UdfForm {
  /** Every input in display order (required first): what validation walks. */
  fields: readonly UdfInputField[];
  required: readonly UdfSection[];
  advanced: readonly UdfSection[];
}

export const UDF_INPUT_PREFIX = 'udf_';
/** Cloud Manager switches a single choice from radio buttons to a select above this many choices. */
const MAX_RADIO_CHOICES = 4;

type Item = { heading: string } | UdfInputField;

export function parseUserDefinedFields(udfs: readonly UserDefinedField[]): UdfForm {
  const seen = new Set<string>();
  const ids = new Set<string>();
  const required: Item[] = [];
  const optional: Item[] = [];

  for (const udf of udfs) {
    if (!udf.name || seen.has(udf.name)) continue; // the first definition of a name wins
    seen.add(udf.name);
    const defaultValue = typeof udf.default === 'string' ? udf.default : null;
    const group = defaultValue === null || isMarkedRequired(udf) ? required : optional;
    if (isHeader(udf)) {
      group.push({ heading: displayText(udf.label) });
      continue;
    }
    group.push(inputField(udf, defaultValue, uniqueId(udf.name, ids)));
  }

  const requiredSections = sections(required);
  const advancedSections = sections(optional);
  return {
    fields: [...requiredSections, ...advancedSections].flatMap((section) => section.fields),
    required: requiredSections,
    advanced: advancedSections,
  };
}

function isHeader(udf: UserDefinedField): boolean {
  return udf.header?.toLowerCase() === 'yes';
}

/** Any `required` value but `false` or null: Cloud Manager only asks whether the key is there. */
function isMarkedRequired(udf: UserDefinedField): boolean {
  return udf.required !== undefined && udf.required !== null && udf.required !== false;
}

function inputField(udf: UserDefinedField, defaultValue: string | null, id: string): UdfInputField {
  const manyOf = choiceList(udf.manyof ?? udf.manyOf);
  const oneOf = choiceList(udf.oneof ?? udf.oneOf);
  let kind: UdfFieldKind;
  let choices: string[] = [];
  if (manyOf.length > 0) {
    kind = 'multiselect';
    choices = manyOf;
  } else if (oneOf.length > 0) {
    kind = oneOf.length > MAX_RADIO_CHOICES ? 'select' : 'radio';
    choices = oneOf;
  } else {
    kind = isSecretUdfName(udf.name, udf.label) ? 'password' : 'text';
  }
  return {
    kind,
    name: udf.name,
    inputName: UDF_INPUT_PREFIX + udf.name.replace(/[%,\s]/g, encodeURIComponent),
    id,
    label: displayText(udf.label) || udf.name,
    example: udf.example ? displayText(udf.example) : null,
    default: defaultValue,
    required: defaultValue === null || isMarkedRequired(udf),
    choices,
  };
}

/** Linode joins choices with commas; values are kept exactly (Linode compares them verbatim). */
function choiceList(list: string | undefined): string[] {
  if (!list) return [];
  return [...new Set(list.split(',').filter((choice) => choice !== ''))];
}

function sections(items: readonly Item[]): UdfSection[] {
  const result: Array<{ heading: string | null; fields: UdfInputField[] }> = [];
  let current: { heading: string | null; fields: UdfInputField[] } = { heading: null, fields: [] };
  for (const item of items) {
    if ('heading' in item) {
      if (current.heading !== null || current.fields.length > 0) result.push(current);
      current = { heading: item.heading, fields: [] };
    } else {
      current.fields.push(item);
    }
  }
  if (current.heading !== null || current.fields.length > 0) result.push(current);
  return result;
}

function uniqueId(name: string, taken: Set<string>): string {
  const base = 'udf-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
