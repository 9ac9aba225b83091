/** The app's settings, read once from the environment at boot (see `loadAppConfig`). */
export type NodeEnv = 'development' | 'production' | 'test';

/** Express `trust proxy`: a hop count or the proxies' addresses; never `true` (any client could pick its IP). */
export type TrustProxy = number | string[] | false;

export interface LinodeSettings {
  clientId: string;
  clientSecret: string;
  /** Origin of the OAuth login service as the server reaches it (token, revoke), no trailing slash. */
  loginUrl: string;
  /** The authorize endpoint as the browser reaches it: in sandbox mode a path on PUBLIC_URL forwarded to the sandbox. */
  authorizeUrl: string;
  /** API base including the version, e.g. `https://api.linode.com/v4`, no trailing slash. */
  apiUrl: string;
  /** The default StackScript (`GET /`, `POST /`). */
  stackScriptId: number;
  /** Every StackScript this install deploys, the default first: `/s/:id` serves these and no others. */
  stackScriptIds: number[];
  /** The scope the app asks for: the least that lets it create an instance. */
  scopes: string;
  /** PKCE (S256) on the sign-in; LINODE_PKCE=off for a login service that refuses it from a confidential client. */
  pkce: boolean;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Canonical origin, no trailing slash. */
  publicUrl: string;
  /** `publicUrl` + `/auth_callback`: the redirect URI registered with the OAuth client. */
  callbackUrl: string;
  /** Whether cookies get the `Secure` flag: the public URL is https. */
  secureCookies: boolean;
  /** Sandbox mode: no Linode OAuth client configured, the app runs against the in-process sandbox. */
  sandbox: { enabled: boolean; port: number };
  linode: LinodeSettings;
  appName: string;
  sessionSecret: string;
  /** True when no SESSION_SECRET was given and one was generated for this process (sandbox mode). */
  sessionSecretGenerated: boolean;
  /** Shared store for sessions and deployments; null → the in-process store. */
  redisUrl: string | null;
  trustProxy: TrustProxy;
  /** How long an access token may be kept server-side before it is revoked. */
  tokenTtlMs: number;
  /** How often each instance revokes held tokens whose time is up: a token ends within TOKEN_TTL_MS plus this. */
  tokenSweepMs: number;
  /** Timeout of one Linode call (LINODE_TIMEOUT_MS, default 10 s). */
  linodeTimeoutMs: number;
  /** Timeout of the create-instance call (LINODE_CREATE_TIMEOUT_MS, default 30 s). */
  linodeCreateTimeoutMs: number;
  /** How long public catalog data (types, regions, images, StackScript) is cached. */
  catalogTtlMs: number;
  /** Linode plan classes offered on the configure page. */
  planClasses: string[];
  logLevel: LogLevel;
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; null → open. */
  metricsToken: string | null;
  /** Per-client-IP limits on the endpoints that do work or store something; 0 = no limit. */
  rateLimits: RateLimits;
}

export interface RateLimits {
  /** The window every limit counts over (RATE_LIMIT_WINDOW_MS). */
  windowMs: number;
  /** Sign-in starts (`POST /`), each of which stores a draft and a pending sign-in. */
  signIn: number;
  /** Live form checks (`POST /validate`, sent by htmx as a person edits the form). */
  validate: number;
  /** Returns from Linode (`GET /auth_callback`), each a code exchange. */
  callback: number;
  /** Deletions (`POST /deployments/:id/delete`), each a Linode API call. */
  delete: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Injection token for the `AppConfig` object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
