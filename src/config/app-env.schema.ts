/**
 * One zod schema per environment variable, from the raw string (undefined when unset or empty) to
 * the typed value; messages complete "<NAME> …". Rules across variables are in load-app-config.ts.
 */
import { isIP } from 'node:net';
import { z } from 'zod/v4';
import { linodeTypeClassSchema } from '../linode/contract/linode.vocabulary';

/** A schema from a raw string to a value, with one sentence-completing message when `parse` finds none. */
function parsed<T>(message: string, parse: (raw: string) => T | undefined) {
  return z.string().transform((raw, ctx) => {
    const value = parse(raw);
    if (value === undefined) ctx.issues.push({ code: 'custom', message, input: raw });
    return value as T;
  });
}

type RawSchema = z.ZodType<unknown, string>;

function withDefault<S extends RawSchema>(schema: S, fallback: z.output<S>) {
  return schema.optional().transform((value) => value ?? fallback);
}

function optional<S extends RawSchema>(schema: S) {
  return schema.optional().transform((value) => value ?? null);
}

function wholeNumber(raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (!/^\d{1,16}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

const portNumber = parsed('must be a port number 1–65535', (raw) => wholeNumber(raw, 1, 65535));

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const host = z.string().refine((raw) => isIP(raw) !== 0 || HOSTNAME.test(raw), 'must be a host name or IP address');

/** An http(s) URL without credentials, query or fragment (not even an empty `?` or `#`). */
function parseUrl(raw: string): URL | undefined {
  const url = URL.parse(raw);
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') return undefined;
  return url.username || url.password || /[?#]/.test(raw) ? undefined : url;
}

const publicOrigin = parsed('must be an http(s) origin such as https://deploy.example.com (no path, query or fragment)', (raw) => {
  const url = parseUrl(raw);
  return url && url.pathname === '/' ? url.origin : undefined;
});

const upstreamUrl = parsed('must be an absolute http(s) URL without credentials, query or fragment', (raw) =>
  parseUrl(raw)?.href.replace(/\/+$/, ''),
);

/** Printable, no whitespace: OAuth client ids and secrets are opaque tokens. */
const opaqueToken = z.string().regex(/^[\x21-\x7e]+$/, 'must be a single word without spaces or control characters');

const positiveId = parsed('must be a positive whole number', (raw) => wholeNumber(raw, 1));

/** An install is for one author's apps, not a catalog: this keeps the gallery and catalog cache small. */
const MAX_STACKSCRIPTS = 24;

/** A comma-separated list of StackScript ids (duplicates dropped, order kept). */
const positiveIdList = parsed(`must be a comma-separated list of 1 to ${MAX_STACKSCRIPTS} StackScript ids`, (raw) => {
  const entries = raw.split(',').map((entry) => entry.trim());
  const ids = entries.filter((entry) => entry !== '').map((entry) => wholeNumber(entry, 1));
  if (!ids.every((id): id is number => id !== undefined)) return undefined;
  const unique = [...new Set(ids)];
  return unique.length > 0 && unique.length <= MAX_STACKSCRIPTS ? unique : undefined;
});

const appName = z
  .string()
  .refine(
    (raw) => /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u.test(raw) && [...raw].length <= 64 && raw.trim() === raw,
    'must be 1–64 printable characters, not starting or ending with a space',
  );

const MIN_SESSION_SECRET_LENGTH = 32;

const sessionSecret = z
  .string()
  .check((ctx) => {
    if (ctx.value.length >= MIN_SESSION_SECRET_LENGTH) return;
    const message = `must be at least ${MIN_SESSION_SECRET_LENGTH} characters (got ${ctx.value.length})`;
    ctx.issues.push({ code: 'custom', message, input: ctx.value });
  })
  .refine((raw) => new Set(raw).size >= 8, 'looks like a placeholder (fewer than 8 different characters); use a random value');

const redisUrl = z.string().refine((raw) => {
  const url = URL.parse(raw);
  return (url?.protocol === 'redis:' || url?.protocol === 'rediss:') && url.hostname !== '';
}, 'must be a redis:// or rediss:// URL');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || wholeNumber(prefix, 0, family === 4 ? 32 : 128) !== undefined;
}

function trustedProxies(raw: string): number | string[] | false | undefined {
  const value = raw.trim();
  if (/^false$/i.test(value)) return false;
  if (/^\d+$/.test(value)) {
    const hops = wholeNumber(value, 0, 32);
    return hops === 0 ? false : hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every((entry) => entry !== '' && isProxyAddress(entry)) ? entries : undefined;
}

const trustProxy = z
  .string()
  .refine((raw) => !/^true$/i.test(raw.trim()), {
    message:
      'must not be "true", which trusts X-Forwarded-For from any client; give the number of proxies in front of the app or their addresses',
    abort: true,
  })
  .pipe(
    parsed(
      'must be a hop count 0–32 or a comma-separated list of IP addresses, CIDR ranges, "loopback", "linklocal" or "uniquelocal"',
      trustedProxies,
    ),
  );

function milliseconds(min: number, max: number) {
  return parsed(`must be a whole number of milliseconds from ${min} to ${max}`, (raw) => wholeNumber(raw, min, max));
}

/** Requests per client IP per window; 0 turns that limit off. */
const requestLimit = parsed('must be a whole number of requests from 0 (no limit) to 1000000', (raw) => wholeNumber(raw, 0, 1_000_000));

const PLAN_CLASS_NAMES: readonly string[] = linodeTypeClassSchema.options;

const planClasses = parsed(`must be a comma-separated list of Linode plan classes (${PLAN_CLASS_NAMES.join(', ')})`, (raw) => {
  const classes = [...new Set(raw.split(',').map((entry) => entry.trim()))];
  return classes.every((entry) => PLAN_CLASS_NAMES.includes(entry)) ? classes : undefined;
});

/** `on`/`off` (also true/false, 1/0, yes/no), any case. */
const onOff = parsed('must be on or off', (raw) => {
  const value = raw.trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  return undefined;
});

/** `scheme://{ipv4}[:port][/path]`: the readiness probe only ever targets the new server's own address. */
const READY_URL_TEMPLATE = /^https?:\/\/\{ipv4\}(?::(\d{1,5}))?(\/[\w\-.~!$&'()*+;=:@%/]*)?$/;

function readyUrlTemplate(raw: string): string | undefined {
  const match = READY_URL_TEMPLATE.exec(raw);
  if (!match || (match[1] !== undefined && wholeNumber(match[1], 1, 65535) === undefined)) return undefined;
  return match[2] === undefined ? `${raw}/` : raw;
}

const READY_URL_RULE = 'an http(s) URL whose host is exactly {ipv4}, with an optional port and path and no query, such as http://{ipv4}/';

/** `ID=template,…`: a StackScript id once each, then its template. */
const readyUrlTemplates = parsed(`must be a comma-separated list of StackScriptID=template, each template ${READY_URL_RULE}`, (raw) => {
  const templates = new Map<number, string>();
  for (const entry of raw.split(',')) {
    const separator = entry.indexOf('=');
    const stackScriptId = wholeNumber(entry.slice(0, separator).trim(), 1);
    const template = readyUrlTemplate(entry.slice(separator + 1).trim());
    if (separator < 0 || stackScriptId === undefined || template === undefined || templates.has(stackScriptId)) return undefined;
    templates.set(stackScriptId, template);
  }
  return templates;
});

const nodeEnv = z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const logLevel = z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` });

/** Every variable the app reads, in the order problems are reported. */
export const appEnvSchemas = {
  NODE_ENV: withDefault(nodeEnv, 'development'),
  PORT: withDefault(portNumber, 5000),
  HOST: withDefault(host, '127.0.0.1'),
  PUBLIC_URL: withDefault(publicOrigin, 'http://localhost:5000'),
  LINODE_CLIENT_ID: optional(opaqueToken),
  LINODE_CLIENT_SECRET: optional(opaqueToken),
  LINODE_STACKSCRIPT_ID: optional(positiveId),
  LINODE_STACKSCRIPT_IDS: optional(positiveIdList),
  APP_NAME: withDefault(appName, 'my-application'),
  SESSION_SECRET: optional(sessionSecret),
  LINODE_LOGIN_URL: optional(upstreamUrl),
  LINODE_API_URL: optional(upstreamUrl),
  LINODE_PKCE: withDefault(onOff, true),
  REDIS_URL: optional(redisUrl),
  SANDBOX_PORT: withDefault(portNumber, 5001),
  TRUST_PROXY: withDefault(trustProxy, false),
  TOKEN_TTL_MS: withDefault(milliseconds(1_000, 7_200_000), 15 * 60_000),
  TOKEN_SWEEP_MS: withDefault(milliseconds(100, 600_000), 10_000),
  LINODE_TIMEOUT_MS: withDefault(milliseconds(100, 120_000), 10_000),
  LINODE_CREATE_TIMEOUT_MS: withDefault(milliseconds(100, 300_000), 30_000),
  CATALOG_TTL_MS: withDefault(milliseconds(1_000, 86_400_000), 10 * 60_000),
  PLAN_CLASSES: withDefault(planClasses, ['nanode', 'standard', 'dedicated']),
  RATE_LIMIT_WINDOW_MS: withDefault(milliseconds(1_000, 86_400_000), 10 * 60_000),
  RATE_LIMIT_SIGN_IN: withDefault(requestLimit, 10),
  RATE_LIMIT_VALIDATE: withDefault(requestLimit, 300),
  RATE_LIMIT_CALLBACK: withDefault(requestLimit, 30),
  RATE_LIMIT_DELETE: withDefault(requestLimit, 20),
  APP_READY_URL: optional(parsed(`must be ${READY_URL_RULE}`, (raw) => readyUrlTemplate(raw.trim()))),
  APP_READY_URLS: optional(readyUrlTemplates),
  APP_READY_TIMEOUT_MS: withDefault(milliseconds(1_000, 3_600_000), 20 * 60_000),
  LOG_LEVEL: optional(logLevel),
  METRICS_TOKEN: optional(z.string().regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable characters without spaces')),
} satisfies Record<string, z.ZodType<unknown, string | undefined>>;

export type AppEnvName = keyof typeof appEnvSchemas;
export type AppEnv = { [K in AppEnvName]: z.output<(typeof appEnvSchemas)[K]> };

/** Variables whose values must never appear in messages or logs. */
export const SECRET_VALUES: ReadonlySet<AppEnvName> = new Set<AppEnvName>([
  'LINODE_CLIENT_SECRET',
  'SESSION_SECRET',
  'REDIS_URL',
  'METRICS_TOKEN',
]);
