/**
 * Tolerant readers of Linode's answers: only the fields the app uses, open enums, and a neutral value
 * where a field it can do without is missing, null or of another type. The strict shapes are the contract's.
 */
import { z } from 'zod/v4';
import { linodeStatusSchema } from './contract/linode.vocabulary';

export const nullableString = z.string().nullable().catch(null);
const nullableNumber = z.number().nullable().catch(null);
export const optionalString = z.string().optional().catch(undefined);
const textOrEmpty = z.string().catch('');
/** The numeric ids of StackScripts and instances. */
const linodeId = z.number().int().positive();

/**
 * An array read item by item: an unreadable item is left out (and handed to `onUnreadable`), never
 * the whole array. A missing or null array reads as empty.
 */
export function listOf<T extends z.ZodTypeAny>(item: T, onUnreadable?: (raw: unknown, index: number, error: z.ZodError) => void) {
  return z
    .array(z.unknown())
    .catch([])
    .transform((values) =>
      values.flatMap((value, index): z.infer<T>[] => {
        const parsed = item.safeParse(value);
        if (parsed.success) return [parsed.data];
        onUnreadable?.(value, index, parsed.error);
        return [];
      }),
    );
}

/** What the catalog lists: an id to choose by, a label to show. */
const listedReader = z.object({ id: z.string().min(1), label: z.string() });

const priceReader = z.object({ hourly: nullableNumber, monthly: nullableNumber });
/** A price, and the regions where it differs (a plan's and its backups' alike). */
const pricesReader = z.object({ price: priceReader, region_prices: listOf(priceReader.extend({ id: z.string() })) });

/**
 * A plan: without its sizes and price it cannot be offered. A class the app does not know is kept, and not offered.
 * Backups missing or unreadable read as null: not offered with this plan.
 */
export const linodeTypeReader = listedReader.merge(pricesReader).extend({
  class: z.string(),
  disk: z.number(),
  memory: z.number(),
  vcpus: z.number(),
  transfer: z.number().catch(0),
  addons: z.object({ backups: pricesReader.nullable() }).catch({ backups: null }),
});

export const regionReader = listedReader.extend({
  capabilities: listOf(z.string()),
  // Only `ok` is offered, so a status Linode adds later reads as not ok.
  status: z.enum(['ok', 'outage']).catch('outage'),
  // Every region was a core site before the field existed.
  site_type: z.string().catch('core'),
});

/** An image without `status` predates the field, when every listed image was available. */
export const imageReader = listedReader.extend({
  is_public: z.boolean().catch(true),
  deprecated: z.boolean().catch(false),
  status: z.string().catch('available'),
});

/**
 * Linode answers lowercase `oneof`/`manyof`, its spec says `oneOf`/`manyOf`: both are read.
 * No `default` key and `default: ""` mean different things, and any `required` but false or null marks it required.
 */
const userDefinedFieldReader = z.object({
  name: z.string().min(1),
  label: textOrEmpty,
  example: optionalString,
  default: z.string().nullish().catch(undefined),
  oneof: optionalString,
  manyof: optionalString,
  oneOf: optionalString,
  manyOf: optionalString,
  header: optionalString,
  required: z.unknown().optional(),
});

export const stackScriptReader = z.object({
  id: linodeId,
  label: z.string(),
  description: textOrEmpty,
  images: listOf(z.string()),
  script: textOrEmpty,
  username: textOrEmpty,
  updated: nullableString,
  deployments_total: nullableNumber,
  user_defined_fields: listOf(userDefinedFieldReader),
});

/**
 * Only the id is indispensable, so that an instance Linode created never looks like a failed create.
 * A status Linode adds later reads as `busy`, a transient state the deployment page follows.
 */
export const linodeInstanceReader = z.object({
  id: linodeId,
  label: nullableString,
  status: linodeStatusSchema.catch('busy'),
  region: nullableString,
  type: nullableString,
  image: nullableString,
  ipv4: listOf(z.string()),
  ipv6: nullableString,
  created: nullableString,
});

export const eventReader = z.object({
  id: z.number(),
  percent_complete: nullableNumber,
});

const pageNumber = z.number().int().positive().catch(1);

/** Linode's pagination envelope; the client reads each item on its own. No `pages` means one page. */
export const pageReader = z.object({
  data: z.array(z.unknown()),
  page: pageNumber,
  pages: pageNumber,
  results: z.number().int().nonnegative().catch(-1),
});

export type LinodeType = z.infer<typeof linodeTypeReader>;
export type Region = z.infer<typeof regionReader>;
export type Image = z.infer<typeof imageReader>;
export type UserDefinedField = z.infer<typeof userDefinedFieldReader>;
export type StackScript = z.infer<typeof stackScriptReader>;
export type LinodeStatus = z.infer<typeof linodeStatusSchema>;
export type LinodeInstance = z.infer<typeof linodeInstanceReader>;
export type LinodeEvent = z.infer<typeof eventReader>;
