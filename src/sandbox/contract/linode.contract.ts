/**
 * Linode API v4 resource schemas for the sandbox: the strict picture of what Linode answers, checked
 * against real recorded answers, which win where Linode's OpenAPI file lags. Specs check the sandbox
 * with `strictSchema()` so that it never invents fields Linode does not have.
 */
import { z } from 'zod/v4';
import { linodeStatusSchema, linodeTypeClassSchema } from '../../linode/contract/linode.vocabulary';

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'Linode date-time (YYYY-MM-DDTHH:MM:SS, UTC, no zone)');

export const priceSchema = z.object({
  hourly: z.number().nullable(),
  monthly: z.number().nullable(),
});

export const regionPriceSchema = z.object({
  id: z.string(),
  hourly: z.number().nullable(),
  monthly: z.number().nullable(),
});

export const linodeTypeSchema = z.object({
  id: z.string(),
  label: z.string(),
  class: linodeTypeClassSchema,
  disk: z.number().int(),
  memory: z.number().int(),
  vcpus: z.number().int(),
  gpus: z.number().int(),
  network_out: z.number().int(),
  transfer: z.number().int(),
  price: priceSchema,
  region_prices: z.array(regionPriceSchema),
  addons: z.object({
    backups: z.object({
      price: priceSchema,
      region_prices: z.array(regionPriceSchema),
    }),
  }),
  successor: z.string().nullable(),
});

export const regionSchema = z.object({
  id: z.string(),
  label: z.string(),
  country: z.string(),
  capabilities: z.array(z.string()),
  status: z.enum(['ok', 'outage']),
  resolvers: z.object({ ipv4: z.string(), ipv6: z.string() }),
  site_type: z.enum(['core', 'distributed']),
  monitors: z.object({ alerts: z.array(z.string()), metrics: z.array(z.string()) }),
  placement_group_limits: z.object({
    maximum_pgs_per_customer: z.number().int().nullable(),
    maximum_linodes_per_pg: z.number().int(),
    maximum_linodes_per_flexible_pg: z.number().int(),
  }),
});

/**
 * An image. Real public images have `regions: null`, `image_sharing: null` and no `total_size`;
 * private (account) images carry `total_size`, their `regions` and `image_sharing`.
 */
export const imageSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string().nullable(),
  vendor: z.string().nullable(),
  is_public: z.boolean(),
  is_shared: z.boolean(),
  deprecated: z.boolean(),
  status: z.enum(['creating', 'pending_upload', 'available']),
  type: z.enum(['manual', 'automatic']),
  size: z.number().int(),
  total_size: z.number().int().optional(),
  created: isoDateTime,
  created_by: z.string().nullable(),
  updated: isoDateTime,
  eol: isoDateTime.nullable(),
  expiry: isoDateTime.nullable(),
  capabilities: z.array(z.string()),
  tags: z.array(z.string()),
  regions: z.array(z.object({ region: z.string(), status: z.string() })).nullable(),
  image_sharing: z
    .object({
      shared_with: z.object({ sharegroup_count: z.number().int(), sharegroup_list_url: z.string() }).nullable(),
      // Only null has been seen (our own images); its shape when shared with us is not recorded.
      shared_by: z.null(),
    })
    .nullable(),
});

/**
 * A StackScript user-defined field. Linode's spec says `oneOf`/`manyOf`; real answers (and the
 * first-party UI and SDK) use lowercase `oneof`/`manyof`, and may carry `header` and `required`.
 * Attributes a tag does not carry are absent.
 */
export const userDefinedFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  example: z.string().optional(),
  default: z.string().nullable().optional(),
  oneof: z.string().optional(),
  manyof: z.string().optional(),
  header: z.string().optional(),
  required: z.string().optional(),
});

export const stackScriptSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  user_gravatar_id: z.string(),
  label: z.string(),
  description: z.string(),
  ordinal: z.number().int(),
  logo_url: z.string(),
  images: z.array(z.string()),
  is_public: z.boolean(),
  mine: z.boolean(),
  rev_note: z.string(),
  script: z.string(),
  created: isoDateTime,
  updated: isoDateTime,
  deployments_active: z.number().int(),
  deployments_total: z.number().int(),
  user_defined_fields: z.array(userDefinedFieldSchema),
});

export const linodeInstanceSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  group: z.string(),
  status: linodeStatusSchema,
  created: isoDateTime,
  updated: isoDateTime,
  region: z.string(),
  type: z.string().nullable(),
  image: z.string().nullable(),
  ipv4: z.array(z.string()),
  ipv6: z.string().nullable(),
  specs: z.object({
    disk: z.number().int(),
    memory: z.number().int(),
    vcpus: z.number().int(),
    gpus: z.number().int(),
    transfer: z.number().int(),
    accelerated_devices: z.number().int(),
  }),
  alerts: z.object({
    cpu: z.number().int(),
    io: z.number().int(),
    network_in: z.number().int(),
    network_out: z.number().int(),
    transfer_quota: z.number().int(),
  }),
  backups: z.object({
    available: z.boolean(),
    enabled: z.boolean(),
    last_successful: isoDateTime.nullable(),
    schedule: z.object({ day: z.string().nullable(), window: z.string().nullable() }),
  }),
  hypervisor: z.literal('kvm'),
  watchdog_enabled: z.boolean(),
  tags: z.array(z.string()),
  host_uuid: z.string(),
  has_user_data: z.boolean(),
  lke_cluster_id: z.number().int().nullable(),
  placement_group: z.object({ id: z.number().int(), label: z.string(), placement_group_type: z.string() }).nullable(),
  capabilities: z.array(z.string()),
  disk_encryption: z.enum(['enabled', 'disabled']),
  site_type: z.enum(['core', 'distributed']),
  interface_generation: z.enum(['legacy_config', 'linode']),
  /** Both newer than some recordings (the create's lacks maintenance_policy; all lack locks). */
  maintenance_policy: z.string().optional(),
  locks: z.array(z.string()).optional(),
});

export const eventEntitySchema = z.object({
  id: z.union([z.number().int(), z.string()]),
  label: z.string().nullable(),
  type: z.string(),
  url: z.string(),
});

export const eventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  created: isoDateTime,
  duration: z.number().nullable(),
  entity: eventEntitySchema.nullable(),
  secondary_entity: eventEntitySchema.nullable(),
  message: z.string().nullable(),
  percent_complete: z.number().int().nullable(),
  rate: z.string().nullable(),
  read: z.boolean(),
  seen: z.boolean(),
  status: z.enum(['failed', 'finished', 'notification', 'scheduled', 'started']),
  time_remaining: z.union([z.number(), z.string()]).nullable(),
  username: z.string().nullable(),
  /** Action-specific details; `{}` when the action has none. */
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const profileSchema = z.object({
  uid: z.number().int(),
  username: z.string(),
  email: z.string(),
  restricted: z.boolean(),
  timezone: z.string(),
  two_factor_auth: z.boolean(),
  authentication_type: z.enum(['password', 'github']),
  authorized_keys: z.array(z.string()).nullable(),
  email_notifications: z.boolean(),
  lish_auth_method: z.enum(['password_keys', 'keys_only', 'disabled']),
  ip_whitelist_enabled: z.boolean(),
  verified_phone_number: z.string().nullable(),
  referrals: z.object({
    code: z.string(),
    url: z.string(),
    total: z.number().int(),
    completed: z.number().int(),
    pending: z.number().int(),
    credit: z.number(),
  }),
  user_type: z.enum(['default', 'parent', 'child', 'proxy']),
});

/** Linode's pagination envelope around any collection. */
export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int().min(1),
    pages: z.number().int().min(1),
    results: z.number().int().min(0),
  });
}

/**
 * The same object, rejecting any field not declared — at every depth (nested objects, arrays of
 * objects, nullable and optional ones): used by tests to check the sandbox invents nothing.
 */
export function strictSchema<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<T, z.core.$strict> {
  return deepStrict(schema) as z.ZodObject<T, z.core.$strict>;
}

// Rebuilds shapes only: an object's own refinements would be lost, and the contract declares none.
function deepStrict(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema instanceof z.ZodObject) {
    return z.strictObject(Object.fromEntries(Object.entries(schema.shape).map(([key, value]) => [key, deepStrict(value)])));
  }
  if (schema instanceof z.ZodArray) return z.array(deepStrict(schema.element));
  if (schema instanceof z.ZodNullable) return z.nullable(deepStrict(schema.unwrap()));
  if (schema instanceof z.ZodOptional) return z.optional(deepStrict(schema.unwrap()));
  if (schema instanceof z.ZodUnion) return z.union(schema.options.map(deepStrict));
  return schema;
}

export type Price = z.infer<typeof priceSchema>;
export type RegionPrice = z.infer<typeof regionPriceSchema>;
export type LinodeType = z.infer<typeof linodeTypeSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Image = z.infer<typeof imageSchema>;
export type UserDefinedField = z.infer<typeof userDefinedFieldSchema>;
export type StackScript = z.infer<typeof stackScriptSchema>;
export type LinodeStatus = z.infer<typeof linodeStatusSchema>;
export type LinodeInstance = z.infer<typeof linodeInstanceSchema>;
export type LinodeEvent = z.infer<typeof eventSchema>;
export type Profile = z.infer<typeof profileSchema>;
export interface Page<T> {
  data: T[];
  page: number;
  pages: number;
  results: number;
}
