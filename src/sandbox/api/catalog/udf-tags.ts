import type { UserDefinedField } from '../../../linode/contract/linode.contract';

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
};

/**
 * A StackScript's `user_defined_fields`, derived from the `<UDF …>` tags of its script as Linode
 * does. Keys are lowercase (`oneof`, `manyof`), as the first-party clients read them; attributes a
 * tag does not carry are left out (so a UDF without `default` is a required one).
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
