import { Injectable, type PipeTransform } from '@nestjs/common';
// zod 4's API (shipped inside zod 3.25): it parses a form several times faster, with less garbage.
import { z } from 'zod/v4';
import { UDF_INPUT_PREFIX } from '../catalog/udf/udf-form';

export const FORM_FIELDS = {
  region: 'region',
  type: 'type',
  image: 'image',
  label: 'label',
  authorizedKeys: 'authorized_keys',
  backups: 'backups_enabled',
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

/** A UDF's values: any number of them (a multiple choice repeats its name); anything not text is dropped. */
const udfValues = z
  .union([
    z.string().transform((value) => [value]),
    z.array(z.unknown()).transform((items) => items.filter((item) => typeof item === 'string')),
  ])
  .catch([]);

/** The names the form sends, each one text value; a `udf_` name is kept as it came. */
const sentForm = z.looseObject({
  region: singleText,
  type: singleText,
  image: singleText,
  label: singleText,
  authorized_keys: singleText,
  backups_enabled: singleText,
  backups_price: singleText,
  intent: singleText,
  field: singleText,
  plans: singleText,
});

// Read once per request. A field that should be one text value but came repeated or as something
// else is `null`, so that validation can say so beside it.
export const configureFormSchema = sentForm
  .catch(() => sentForm.parse({}))
  .transform((sent) => {
    // Only `udf_` names, so never a key of Object.prototype; a UDF not sent has no entry.
    const udf: Partial<Record<string, string[]>> = {};
    for (const [name, value] of Object.entries(sent)) {
      if (name.startsWith(UDF_INPUT_PREFIX)) udf[name] = udfValues.parse(value);
    }
    return {
      region: sent.region,
      type: sent.type,
      image: sent.image,
      label: sent.label,
      authorizedKeys: sent.authorized_keys,
      // The checkbox's value; anything else leaves backups off.
      backupsEnabled: sent.backups_enabled === 'true',
      // The backups' monthly price the page showed beside the checkbox.
      backupsShownPrice: sent.backups_price,
      udf,
      // The no-JavaScript "Update prices" button: the page again, nothing validated.
      updatePrices: sent.intent === 'update-prices',
      field: sent.field,
      // The price fragment: the region changed, so the re-priced plan list goes along.
      withPlans: sent.plans === '1',
    };
  });

export type ConfigureForm = z.infer<typeof configureFormSchema>;

/** Every field at its default, parsed once: the start of a form the app fills in itself. */
export const EMPTY_CONFIGURE_FORM = Object.freeze(configureFormSchema.parse({}));

@Injectable()
export class ConfigureFormPipe implements PipeTransform<unknown, ConfigureForm> {
  transform(value: unknown): ConfigureForm {
    return configureFormSchema.parse(value);
  }
}
