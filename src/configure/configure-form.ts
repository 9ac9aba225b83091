import { Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { UDF_INPUT_PREFIX } from '../catalog/udf/udf-form';

/** The configure form's own field names, as posted. */
export const FORM_FIELDS = {
  region: 'region',
  type: 'type',
  image: 'image',
  label: 'label',
  authorizedKeys: 'authorized_keys',
} as const;

/** A field's value once checked, or the message to show beside it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export const MALFORMED_FIELD_MESSAGE = 'Send this field once, as text.';

const singleText = z
  .union([
    z.string(),
    z
      .array(z.string())
      .max(1)
      .transform((values) => values[0] ?? ''),
  ])
  .nullable()
  .default('')
  .catch(null);

const knownFields = z.object({
  region: singleText,
  type: singleText,
  image: singleText,
  label: singleText,
  authorized_keys: singleText,
  intent: singleText,
  field: singleText,
  plans: singleText,
});

/** A UDF's values: any number of them (a multiple choice repeats its name); anything not text is dropped. */
const udfValues = z
  .union([
    z.string().transform((value) => [value]),
    z.array(z.unknown()).transform((items) => items.filter((item) => typeof item === 'string')),
  ])
  .catch([]);

/**
 * The configure form (or a deep link's query, or an htmx check of one field), read once. A field
 * that should be one text value but came repeated or as something else is `null`: validation says so.
 */
const configureForm = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((sent) => {
    const known = knownFields.parse(sent);
    // A UDF not sent has no entry: Linode then applies its default.
    // Only `udf_` names, so never a key of Object.prototype.
    const udf: Partial<Record<string, string[]>> = {};
    for (const [name, value] of Object.entries(sent)) {
      if (name.startsWith(UDF_INPUT_PREFIX)) udf[name] = udfValues.parse(value);
    }
    return {
      region: known.region,
      type: known.type,
      image: known.image,
      label: known.label,
      authorizedKeys: known.authorized_keys,
      udf,
      // The no-JavaScript "Update prices" button: the page again, nothing validated.
      updatePrices: known.intent === 'update-prices',
      // Inline validation: the field to check.
      field: known.field,
      // The price fragment: the region changed, so the re-priced plan list goes along.
      withPlans: known.plans === '1',
    };
  });

export type ConfigureForm = z.infer<typeof configureForm>;

export function parseConfigureForm(input: unknown): ConfigureForm {
  return configureForm.parse(input);
}

/** `@Body(ConfigureFormPipe)` / `@Query(ConfigureFormPipe)`: the request's form as a `ConfigureForm`. */
@Injectable()
export class ConfigureFormPipe implements PipeTransform<unknown, ConfigureForm> {
  transform(value: unknown): ConfigureForm {
    return parseConfigureForm(value);
  }
}
