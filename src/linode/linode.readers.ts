/**
 * The client's tolerant readers of Linode's answers: only the fields the app uses; a field it can do
 * without falls back to a neutral value when missing, null or of another type; enums are open;
 * unreadable array items are left out. Only an id or a label the app cannot do without fails a read.
 * The strict picture of Linode's shapes is the sandbox's contract (contract/linode.contract.ts).
 */
import { z } from 'zod';
import { LINODE_STATUSES } from './contract/linode.contract';

/** An optional field: its value when it parses, otherwise `fallback` (missing, null, wrong type). */
function orElse<T extends z.ZodTypeAny>(schema: T, fallback: z.output<T>) {
  return schema.catch(fallback);
}

/** Strings of a known set; anything else (a value Linode added later, null, missing) is `fallback`. */
function openEnum<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  const known = new Set<string>(values);
  return z.unknown().transform((value): T[number] => (typeof value === 'string' && known.has(value) ? (value as T[number]) : fallback));
}

/** A string whatever Linode sends, `fallback` when it sends none (older answers lack the field). */
function openString(fallback: string) {
  return z.unknown().transform((value) => (typeof value === 'string' ? value : fallback));
}

/** An array whose unreadable items are left out (missing or null arrays read as empty). */
function tolerantArray<T extends z.ZodTypeAny>(item: T) {
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
const optionalString = orElse(z.string().optional(), undefined);

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
  price: z.object({ hourly: nullableNumber, monthly: nullableNumber }),
  region_prices: tolerantArray(z.object({ id: z.string(), hourly: nullableNumber, monthly: nullableNumber })),
});

export const regionReader = z.object({
  id: z.string().min(1),
  label: z.string(),
  capabilities: tolerantArray(z.string()),
  /** Only `ok` is offered, so an unknown status is read as not ok. */
  status: openEnum(['ok', 'outage'], 'outage'),
  /** Every region was a core site before the field existed. */
  site_type: openString('core'),
});

/** A public image; one without `status` predates the field, when every listed image was available. */
export const imageReader = z.object({
  id: z.string().min(1),
  label: z.string(),
  is_public: orElse(z.boolean(), true),
  deprecated: orElse(z.boolean(), false),
  status: openString('available'),
});

/**
 * A StackScript user-defined field. Linode answers lowercase `oneof`/`manyof`, its spec says
 * `oneOf`/`manyOf`: both are read. No `default` key and `default: ""` mean different things.
 */
const userDefinedFieldReader = z.object({
  name: z.string().min(1),
  label: orElse(z.string(), ''),
  example: optionalString,
  default: orElse(z.string().nullable().optional(), undefined),
  oneof: optionalString,
  manyof: optionalString,
  oneOf: optionalString,
  manyOf: optionalString,
  header: optionalString,
  /** Any value but `false` or null marks the field required (see the UDF form). */
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

/**
 * An instance: only its id is indispensable, so that an instance Linode created never looks like a
 * failed create. An unknown status reads as `busy`, a transient state the deployment page follows.
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
  percent_complete: nullableNumber,
});

/** Linode's pagination envelope, items unread: the client reads each on its own. No `pages`: one page. */
export const pageEnvelopeReader = z.object({
  data: z.array(z.unknown()),
  page: orElse(z.number().int().positive(), 1),
  pages: orElse(z.number().int().positive(), 1),
  results: orElse(z.number().int().nonnegative(), -1),
});

/** Token endpoint answer: Linode sends `scopes` (and `scope`); no `expires_in` reads as null. */
export const tokenResponseReader = z
  .object({
    access_token: z.string().min(1),
    expires_in: orElse(z.number().positive().nullable(), null),
    refresh_token: orElse(z.string().nullable(), null),
    scopes: optionalString,
    scope: optionalString,
  })
  .transform(({ scope, scopes, ...rest }) => ({ ...rest, scopes: scopes ?? scope ?? '' }));

export type LinodeType = z.output<typeof linodeTypeReader>;
export type Region = z.output<typeof regionReader>;
export type Image = z.output<typeof imageReader>;
export type UserDefinedField = z.output<typeof userDefinedFieldReader>;
export type StackScript = z.output<typeof stackScriptReader>;
export type LinodeStatus = (typeof LINODE_STATUSES)[number];
export type LinodeInstance = z.output<typeof linodeInstanceReader>;
export type LinodeEvent = z.output<typeof eventReader>;
