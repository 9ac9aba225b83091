import { stdSerializers } from 'pino';
import { REDACTED, SECRET_FIELDS } from './log-redaction';

/** Objects logged by our code are shallow; four levels covers `{ req: { headers: { cookie } } }` and more. */
export const CENSOR_DEPTH = 4;
const SECRET_KEYS = new Set(SECRET_FIELDS);

const isPlain = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * `value` with every secret-named key (SECRET_FIELDS) at depth 0…CENSOR_DEPTH-1 replaced by
 * `[Redacted]`. Walks plain objects and arrays; an Error nested in them is serialized first (its
 * own properties may carry a request's headers). Other objects (requests, responses, class
 * instances) are left to pino's serializers. Never changes what it was given: a changed level is
 * copied, an unchanged one is returned as is.
 *
 * Why not pino's `redact`: it takes paths, so "this name at any depth" is 64 wildcard paths,
 * checked on every line and on every child logger's bindings — a tenth of a page view's CPU
 * (issue 14). This walk visits the few keys a line actually has.
 */
export function censorSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth >= CENSOR_DEPTH) return value;
  if (value instanceof Error) return censorFields({ ...stdSerializers.err(value) }, depth) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const censored = censorSecrets(item, depth + 1);
      if (censored !== item) (copy ??= [...value])[i] = censored;
    });
    return (copy ?? value) as T;
  }
  return isPlain(value) ? (censorFields(value as Record<string, unknown>, depth) as T) : value;
}

function censorFields(source: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const item = source[key];
    const censored = SECRET_KEYS.has(key) ? REDACTED : censorSecrets(item, depth + 1);
    if (censored !== item) (copy ??= { ...source })[key] = censored;
  }
  return copy ?? source;
}

/** A log line's own fields: the `err` field is left to the err serializer (`censoredErr`), the rest censored. */
export function censorLogObject(fields: Record<string, unknown>): Record<string, unknown> {
  const { err } = fields;
  if (err === undefined) return censorSecrets(fields);
  const censored: Record<string, unknown> = censorSecrets({ ...fields, err: undefined });
  return { ...censored, err };
}

/** pino's err serializer, then the secret-named properties censored. */
export function censoredErr(err: unknown): unknown {
  return censorSecrets(err);
}
