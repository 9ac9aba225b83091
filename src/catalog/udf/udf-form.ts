// A StackScript's UDFs as a form, by Cloud Manager's rules (linode/manager, UserDefinedFields); unlike it,
// `default: null` makes a field required, since Linode then has nothing to fall back on.
import { displayText } from '../../common/display-text';
import type { UserDefinedField } from '../../linode/linode.readers';
import { isSecretUdfName } from './secret-udf';

export type UdfFieldKind = 'text' | 'password' | 'radio' | 'select' | 'multiselect';

export type UdfInputField = ReturnType<typeof inputField>;

export interface UdfSection {
  heading: string | null;
  fields: readonly UdfInputField[];
}

export interface UdfForm {
  fields: readonly UdfInputField[];
  required: readonly UdfSection[];
  advanced: readonly UdfSection[];
}

export const UDF_INPUT_PREFIX = 'udf_';
/** Cloud Manager switches a single choice from radio buttons to a select above this many choices. */
const MAX_RADIO_CHOICES = 4;

export function parseUserDefinedFields(udfs: readonly UserDefinedField[]): UdfForm {
  const seen = new Set<string>();
  const ids = new Set<string>();
  const required: { heading: string | null; fields: UdfInputField[] }[] = [];
  const advanced: typeof required = [];
  for (const udf of udfs) {
    if (seen.has(udf.name)) continue; // the first definition of a name wins
    seen.add(udf.name);
    const defaultValue = udf.default ?? null;
    // Cloud Manager only asks whether a `required` key is there; we also take `false` and null as "no".
    const isRequired = defaultValue === null || (udf.required ?? false) !== false;
    const sections = isRequired ? required : advanced;
    if (udf.header?.toLowerCase() === 'yes') {
      sections.push({ heading: displayText(udf.label), fields: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: null, fields: [] });
    sections[sections.length - 1].fields.push(inputField(udf, defaultValue, isRequired, uniqueId(udf.name, ids)));
  }
  return { fields: [...required, ...advanced].flatMap((section) => section.fields), required, advanced };
}

function inputField(udf: UserDefinedField, defaultValue: string | null, required: boolean, id: string) {
  const manyOf = choiceList(udf.manyof ?? udf.manyOf);
  const oneOf = choiceList(udf.oneof ?? udf.oneOf);
  let kind: UdfFieldKind = isSecretUdfName(udf.name, udf.label) ? 'password' : 'text';
  if (manyOf.length > 0) kind = 'multiselect';
  else if (oneOf.length > 0) kind = oneOf.length > MAX_RADIO_CHOICES ? 'select' : 'radio';
  return {
    kind,
    name: udf.name,
    /** `udf_<name>`, `%`, `,` and spaces percent-encoded: htmx's `hx-params` splits on commas and trims. */
    inputName: UDF_INPUT_PREFIX + udf.name.replace(/[%,\s]/g, encodeURIComponent),
    id,
    label: displayText(udf.label) || udf.name,
    example: udf.example ? displayText(udf.example) : null,
    default: defaultValue,
    required,
    choices: manyOf.length > 0 ? manyOf : oneOf,
  };
}

/** Linode joins choices with commas; values are kept exactly (Linode compares them verbatim). */
function choiceList(list: string | undefined): readonly string[] {
  if (!list) return [];
  return [...new Set(list.split(',').filter((choice) => choice !== ''))];
}

function uniqueId(name: string, taken: Set<string>): string {
  const base = 'udf-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
