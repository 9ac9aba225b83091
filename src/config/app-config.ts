/** The app's settings, read once from the environment at boot (see `loadAppConfig`). */
export type NodeEnv = 'development' | 'production' | 'test';

/** Express `trust proxy`: a hop count or the proxies' addresses; never `true` (any client could pick its IP). */
export type TrustProxy = number | string[] | false;

export interface LinodeSettings {
  clientId: string;
  clientSecret: string;
  /** The login service as the server reaches it (token, revoke). */
  loginUrl: string;
  /** As the browser reaches it: in sandbox mode a path on PUBLIC_URL forwarded to the sandbox. */
  authorizeUrl: string;
  /** Including the version, e.g. `https://api.linode.com/v4`. */
  apiUrl: string;
  stackScriptId: number;
  /** The default first: `/s/:id` serves these and no others. */
  stackScriptIds: number[];
  scopes: string;
  pkce: boolean;
}

export interface RateLimits {
  windowMs: number;
  signIn: number;
  validate: number;
  callback: number;
  delete: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Canonical origin, no trailing slash. */
  publicUrl: string;
  callbackUrl: string;
  secureCookies: boolean;
  /** Sandbox mode: no Linode OAuth client configured, the app runs against the in-process sandbox. */
  sandbox: { enabled: boolean; port: number };
  linode: LinodeSettings;
  appName: string;
  sessionSecret: string;
  sessionSecretGenerated: boolean;
  /** null: the in-process store. */
  redisUrl: string | null;
  trustProxy: TrustProxy;
  tokenTtlMs: number;
  /** A held token ends within tokenTtlMs plus this. */
  tokenSweepMs: number;
  linodeTimeoutMs: number;
  linodeCreateTimeoutMs: number;
  catalogTtlMs: number;
  planClasses: string[];
  logLevel: LogLevel;
  /** null: GET /metrics is open. */
  metricsToken: string | null;
  /** Requests per client IP per window; 0 = no limit. */
  rateLimits: RateLimits;
  /** The application probed on a new server after "running": a URL template per StackScript that has one. */
  appReady: { urlTemplates: ReadonlyMap<number, string>; timeoutMs: number };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('APP_CONFIG');
