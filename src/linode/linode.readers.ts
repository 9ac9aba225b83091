/**
 * How the app's client reads Linode: a tolerant reader. Each schema names only the fields the app
 * uses, and each field is as loose as Linode's real answers are:
 * - unknown fields are ignored (zod strips them);
 * - a field the app can do without falls back to a neutral value when it is missing, null or of
 *   another type (real answers from older API versions lack fields; newer ones add or change them);
 * - enums are open: an unknown value becomes a known fallback and never fails a parse;
 * - arrays of items drop the items they cannot read, one at a time (see `tolerantArray`).
 * Only fields without which the resource is useless (an id, a label) fail the read.
 *
 * These are NOT the sandbox's contract: `contract/linode.contract.ts` is the strict picture of
 * Linode's shapes, checked against real recorded answers. Two kinds of schema, never one.
 */
import { z } from 'zod';
import { LINODE_STATUSES } from './contract/linode.contract';

/** An optional field: its value when it parses, otherwise `fallback` (missing, null, wrong type). */
function orElse<T extends z.ZodTypeAny>(schema: T, fallback: z.output<T>) {
  return schema.catch(fallback);
}

/** Strings of a known set; anything else (a new value Linode added, null, missing) is `fallback`. */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  const known = new Set<string>(values);
  return z.unknown().transform((value): T[number] => (typeof value === 'string' && known.has(value) ? (value as T[number]) : fallback));
}

/** An array whose unreadable items are left out (missing or null arrays read as empty). */
export function tolerantArray<T extends z.ZodTypeAny>(item: T) {
  return z.unknown().transform((value): z.output<T>[] => {
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown) => {
      const parsed = item.safeParse(entry);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    });
  });
}

const nullableString = orElse(z.string().nullable(), null);
const nullableNumber = orElse(z.number().nullable(), null);

const priceReader = z.object({ hourly: nullableNumber, monthly: nullableNumber });

const regionPriceReader = z.object({ id: z.string(), hourly: nullableNumber, monthly: nullableNumber });

/** A plan. Its sizes and price are what the page shows, so a plan without them cannot be offered. */
export const linodeTypeReader = z.object({
  id: z.string().min(1),
  label: z.string(),
  /** Open: an unknown class is kept and simply not among the offered ones. */
  class: z.string(),
  disk: z.number(),
  memory: z.number(),
  vcpus: z.number(),
  transfer: orElse(z.number(), 0),
  price: priceReader,
  region_prices: tolerantArray(regionPriceReader),
});

export const regionReader = z.object({
  id: z.string().min(1),
  label: z.string(),
  capabilities: tolerantArray(z.string()),
  /** Open: only `ok` is offered, so an unknown status is read as not ok. */
  status: openEnum(['ok', 'outage'], 'outage'),
  /** Older answers have no `site_type`: every region was a core site then. */
  site_type: z.unknown().transform((value) => (typeof value === 'string' ? value : 'core')),
});

/**
 * A public image. Real public images have `regions: null` and no `total_size`; neither is read.
 * An answer without `status` predates the field, when every listed image was available.
 */
export const imageReader = z.object({
  id: z.string().min(1),
  label: z.string(),
  vendor: nullableString,
  is_public: orElse(z.boolean(), true),
  deprecated: orElse(z.boolean(), false),
  status: z.unknown().transform((value) => (typeof value === 'string' ? value : 'available')),
  eol: nullableString,
});

/**
 * A StackScript user-defined field. Linode answers lowercase `oneof`/`manyof` (the spec says
 * `oneOf`/`manyOf`); both are read. `required` marks a field required even when it has a default
 * (Cloud Manager: any `required` key). `hasDefault` keeps the difference between no `default` key
 * and `default: ""`, which Cloud Manager treats differently.
 */
export const userDefinedFieldReader = z.object({
  name: z.string().min(1),
  label: orElse(z.string(), ''),
  example: orElse(z.string().optional(), undefined),
  default: orElse(z.string().nullable().optional(), undefined),
  oneof: orElse(z.string().optional(), undefined),
  manyof: orElse(z.string().optional(), undefined),
  oneOf: orElse(z.string().optional(), undefined),
  manyOf: orElse(z.string().optional(), undefined),
  header: orElse(z.string().optional(), undefined),
  /** Any value but `false` or null marks the field required; see `isRequiredUdf` in the UDF form. */
  required: z.unknown().optional(),
});

export const stackScriptReader = z.object({
  id: z.number().int().positive(),
  label: z.string(),
  description: orElse(z.string(), ''),
  images: tolerantArray(z.string()),
  script: orElse(z.string(), ''),
  username: orElse(z.string(), ''),
  updated: nullableString,
  deployments_total: nullableNumber,
  user_defined_fields: tolerantArray(userDefinedFieldReader),
});

export { LINODE_STATUSES };

/**
 * An instance. Only its id is indispensable: an instance Linode created must never look like a
 * failed create because some other field changed. An unknown or missing status is read as `busy`,
 * a transient state, so the deployment page keeps following the instance.
 */
export const linodeInstanceReader = z.object({
  id: z.number().int().positive(),
  label: nullableString,
  status: openEnum(LINODE_STATUSES, 'busy'),
  region: nullableString,
  type: nullableString,
  image: nullableString,
  ipv4: tolerantArray(z.string()),
  ipv6: nullableString,
  created: nullableString,
});

export const eventReader = z.object({
  id: z.number(),
  action: z.string(),
  status: orElse(z.string(), 'unknown'),
  percent_complete: nullableNumber,
  entity: orElse(z.object({ id: z.union([z.number(), z.string()]), type: orElse(z.string(), '') }).nullable(), null),
});

export const profileReader = z.object({
  uid: z.number(),
  username: z.string(),
});

/**
 * Linode's pagination envelope, items unread: the client reads each item on its own so that one bad
 * item is dropped instead of failing the page. An answer without `pages` is one page.
 */
export const pageEnvelopeReader = z.object({
  data: z.array(z.unknown()),
  page: orElse(z.number().int().positive(), 1),
  pages: orElse(z.number().int().positive(), 1),
  results: orElse(z.number().int().nonnegative(), -1),
});

/**
 * Token endpoint answer. Linode sends `scopes` (and `scope`), space-separated; `expires_in` is
 * 7200 s today, and null here when it is missing (the app's own TTL applies then).
 */
export const tokenResponseReader = z
  .object({
    access_token: z.string().min(1),
    token_type: orElse(z.string(), 'bearer'),
    expires_in: orElse(z.number().positive().nullable(), null),
    refresh_token: orElse(z.string().nullable(), null),
    scopes: orElse(z.string().optional(), undefined),
    scope: orElse(z.string().optional(), undefined),
  })
  .transform(({ scope, scopes, ...rest }) => ({ ...rest, scopes: scopes ?? scope ?? '' }));

export type Price = z.infer<typeof priceReader>;
export type RegionPrice = z.infer<typeof regionPriceReader>;
export type LinodeType = z.output<typeof linodeTypeReader>;
export type Region = z.output<typeof regionReader>;
export type Image = z.output<typeof imageReader>;
export type UserDefinedField = z.output<typeof userDefinedFieldReader>;
export type StackScript = z.output<typeof stackScriptReader>;
export type LinodeStatus = (typeof LINODE_STATUSES)[number];
export type LinodeInstance = z.output<typeof linodeInstanceReader>;
export type LinodeEvent = z.output<typeof eventReader>;
export type Profile = z.output<typeof profileReader>;
