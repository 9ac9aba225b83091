import type { UserDefinedField } from '../../contract/linode.contract';

const UDF_TAG = /<UDF\b([^>]*)>/gi;
const ATTRIBUTE = /([A-Za-z_]+)\s*=\s*"([^"]*)"/g;

/** Attribute names as they appear in scripts (any case) → the keys the API reports (lowercase). */
const KEYS: Readonly<Record<string, keyof UserDefinedField>> = {
  name: 'name',
  label: 'label',
  example: 'example',
  default: 'default',
  oneof: 'oneof',
  manyof: 'manyof',
  header: 'header',
  required: 'required',
};

/**
 * A StackScript's `user_defined_fields`, derived from the `<UDF …>` tags of its script as Linode
 * does (checked against real recorded StackScripts: `Label=` and `oneOf=` are read, `/>` and `>`
 * both close a tag). Keys are lowercase (`oneof`, `manyof`), as real answers have them;
 * attributes a tag does not carry are left out (so a UDF without `default` is a required one).
 */
export function parseUdfTags(script: string): UserDefinedField[] {
  const fields: UserDefinedField[] = [];
  for (const tag of script.matchAll(UDF_TAG)) {
    const field: Partial<Record<keyof UserDefinedField, string>> = {};
    for (const [, attribute, value] of tag[1].matchAll(ATTRIBUTE)) {
      const key = KEYS[attribute.toLowerCase()];
      if (key) field[key] = value;
    }
    if (field.name && field.label !== undefined) fields.push({ ...field, name: field.name, label: field.label });
  }
  return fields;
}

/**
 * Problems with the `<UDF …>` tags of a script someone registers: a tag whose attributes do not
 * all read as `name="value"` (a broken quote), or one without a name or a label. Each names the
 * tag by its position, so the author can find it; empty when every tag is well formed.
 */
export function udfTagProblems(script: string): string[] {
  const problems: string[] = [];
  let position = 0;
  for (const tag of script.matchAll(UDF_TAG)) {
    position += 1;
    const body = tag[1];
    const leftover = body
      .replace(ATTRIBUTE, '')
      .replace(/\/\s*$/, '')
      .trim();
    if (leftover !== '' || (body.match(/"/g) ?? []).length % 2 !== 0) {
      problems.push(`UDF tag ${position} is malformed: every attribute must read name="value"`);
      continue;
    }
    const names = new Set([...body.matchAll(ATTRIBUTE)].map(([, attribute]) => attribute.toLowerCase()));
    if (!names.has('name')) problems.push(`UDF tag ${position} has no name`);
    else if (!names.has('label')) problems.push(`UDF tag ${position} has no label`);
  }
  return problems;
}
