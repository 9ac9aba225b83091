import { randomBytes } from 'node:crypto';
import { appEnvSchemas, AppEnv, AppEnvName, SECRET_VALUES } from './app-env.schema';
import { ConfigError } from './config.error';
import { ReadTextFile, resolveSecretFiles } from './secret-files';

/** Enough to create (and read) the user's instance, nothing more. */
const LINODE_APP_SCOPES = 'linodes:read_write';
/** The sandbox's demo StackScript (the id of Linode's own example app's StackScript). */
const SANDBOX_STACKSCRIPT_ID = 320826;
/** Sandbox mode: where the app serves the sandbox's sign-in pages on its own origin. */
export const SANDBOX_LOGIN_PATH = '/__sandbox-login';

interface LoadAppConfigDependencies {
  readFile?: ReadTextFile;
  generateSecret?: () => string;
}

/**
 * The typed config (its type is `AppConfig`), or a `ConfigError` listing every problem. Without
 * LINODE_CLIENT_ID: sandbox mode.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv, dependencies: LoadAppConfigDependencies = {}) {
  const secrets = resolveSecretFiles(env, dependencies.readFile);
  const problems = [...secrets.problems];
  const values = parseVariables(secrets.env, problems);
  for (const name of secrets.failed) delete values[name];
  problems.push(...crossVariableProblems(values));
  if (problems.length > 0) throw new ConfigError(problems);
  // Every variable parsed (a failure would have been a problem), so every value is present.
  const v = values as AppEnv;

  const sandboxEnabled = v.LINODE_CLIENT_ID === null;
  const sandboxOrigin = `http://127.0.0.1:${v.SANDBOX_PORT}`;
  const loginUrl = sandboxEnabled ? sandboxOrigin : (v.LINODE_LOGIN_URL ?? 'https://login.linode.com');
  // Outside sandbox mode a missing id or secret was a problem above: the sandbox's values fill in only there.
  const stackScriptId = v.LINODE_STACKSCRIPT_ID ?? SANDBOX_STACKSCRIPT_ID;
  const stackScriptIds = [stackScriptId, ...(v.LINODE_STACKSCRIPT_IDS ?? []).filter((id) => id !== stackScriptId)];
  const readyUrlTemplates: ReadonlyMap<number, string> = new Map(
    stackScriptIds.flatMap((id) => {
      const template = v.APP_READY_URLS?.get(id) ?? v.APP_READY_URL;
      return template ? [[id, template] as const] : [];
    }),
  );
  const generateSecret = dependencies.generateSecret ?? (() => randomBytes(32).toString('base64url'));
  return {
    nodeEnv: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    /** Canonical origin, no trailing slash. */
    publicUrl: v.PUBLIC_URL,
    callbackUrl: `${v.PUBLIC_URL}/auth_callback`,
    secureCookies: v.PUBLIC_URL.startsWith('https:'),
    /** Sandbox mode: no Linode OAuth client configured, the app runs against the in-process sandbox. */
    sandbox: { enabled: sandboxEnabled, port: v.SANDBOX_PORT },
    linode: {
      clientId: v.LINODE_CLIENT_ID ?? 'sandbox-client-id',
      clientSecret: v.LINODE_CLIENT_SECRET ?? 'sandbox-client-secret',
      /** The login service as the server reaches it (token, revoke). */
      loginUrl,
      /** As the browser reaches it: in sandbox mode a path on PUBLIC_URL forwarded to the sandbox. */
      authorizeUrl: `${sandboxEnabled ? v.PUBLIC_URL + SANDBOX_LOGIN_PATH : loginUrl}/oauth/authorize`,
      /** Including the version, e.g. `https://api.linode.com/v4`. */
      apiUrl: sandboxEnabled ? `${sandboxOrigin}/v4` : (v.LINODE_API_URL ?? 'https://api.linode.com/v4'),
      stackScriptId,
      /** The default first: `/s/:id` serves these and no others. */
      stackScriptIds,
      scopes: LINODE_APP_SCOPES,
      pkce: v.LINODE_PKCE,
    },
    appName: v.APP_NAME,
    sessionSecret: v.SESSION_SECRET ?? generateSecret(),
    sessionSecretGenerated: v.SESSION_SECRET === null,
    /** null: the in-process store. */
    redisUrl: v.REDIS_URL,
    /** Express `trust proxy`: a hop count or the proxies' addresses; never `true` (any client could pick its IP). */
    trustProxy: v.TRUST_PROXY,
    tokenTtlMs: v.TOKEN_TTL_MS,
    /** A held token ends within tokenTtlMs plus this. */
    tokenSweepMs: v.TOKEN_SWEEP_MS,
    linodeTimeoutMs: v.LINODE_TIMEOUT_MS,
    linodeCreateTimeoutMs: v.LINODE_CREATE_TIMEOUT_MS,
    catalogTtlMs: v.CATALOG_TTL_MS,
    planClasses: v.PLAN_CLASSES,
    logLevel: v.LOG_LEVEL ?? (v.NODE_ENV === 'test' ? 'silent' : 'info'),
    /** null: GET /metrics is open. */
    metricsToken: v.METRICS_TOKEN,
    /** Requests per client IP per window; 0 = no limit. */
    rateLimits: {
      windowMs: v.RATE_LIMIT_WINDOW_MS,
      signIn: v.RATE_LIMIT_SIGN_IN,
      validate: v.RATE_LIMIT_VALIDATE,
      callback: v.RATE_LIMIT_CALLBACK,
      delete: v.RATE_LIMIT_DELETE,
    },
    /** The application probed on a new server after "running": a URL template per StackScript that has one. */
    appReady: { urlTemplates: readyUrlTemplates, timeoutMs: v.APP_READY_TIMEOUT_MS },
  };
}

function parseVariables(env: Record<string, string | undefined>, problems: string[]): Partial<AppEnv> {
  const values: Partial<Record<AppEnvName, unknown>> = {};
  for (const name of Object.keys(appEnvSchemas) as AppEnvName[]) {
    const raw = env[name] || undefined; // empty counts as unset
    const result = appEnvSchemas[name].safeParse(raw);
    if (result.success) {
      values[name] = result.data;
    } else {
      const shown = SECRET_VALUES.has(name) || raw === undefined ? '' : ` (got ${quote(raw)})`;
      problems.push(`${name} ${result.error.issues[0].message}${shown}`);
    }
  }
  return values as Partial<AppEnv>;
}

function crossVariableProblems(v: Partial<AppEnv>): string[] {
  const problems: string[] = [];
  if (v.LINODE_CLIENT_ID === null) {
    if (v.LINODE_CLIENT_SECRET != null) {
      problems.push(
        'LINODE_CLIENT_SECRET is set but LINODE_CLIENT_ID is not: set both to use a real Linode OAuth client, or neither for sandbox mode',
      );
    }
    for (const name of ['LINODE_LOGIN_URL', 'LINODE_API_URL'] as const) {
      if (v[name] != null) {
        problems.push(`${name} needs LINODE_CLIENT_ID: without it the app runs in sandbox mode against its own emulated Linode`);
      }
    }
    if (v.PORT !== undefined && v.PORT === v.SANDBOX_PORT) {
      problems.push(`SANDBOX_PORT must differ from PORT in sandbox mode (both are ${v.PORT})`);
    }
  } else if (v.LINODE_CLIENT_ID !== undefined) {
    if (v.LINODE_CLIENT_SECRET === null) {
      problems.push('LINODE_CLIENT_SECRET is required when LINODE_CLIENT_ID is set');
    }
    if (v.LINODE_STACKSCRIPT_ID === null) {
      problems.push('LINODE_STACKSCRIPT_ID is required when LINODE_CLIENT_ID is set (the StackScript to deploy)');
    }
    if (v.SESSION_SECRET === null) {
      problems.push(
        'SESSION_SECRET is required when LINODE_CLIENT_ID is set (at least 32 random characters, e.g. `openssl rand -base64 48`)',
      );
    }
  }
  // Only once both id variables parsed: otherwise their own problem says enough.
  if (v.APP_READY_URLS && v.LINODE_STACKSCRIPT_ID !== undefined && v.LINODE_STACKSCRIPT_IDS !== undefined) {
    const allowed = [v.LINODE_STACKSCRIPT_ID ?? SANDBOX_STACKSCRIPT_ID, ...(v.LINODE_STACKSCRIPT_IDS ?? [])];
    const unknown = [...v.APP_READY_URLS.keys()].filter((id) => !allowed.includes(id));
    for (const id of unknown) {
      problems.push(`APP_READY_URLS names StackScript ${id}, which is not one LINODE_STACKSCRIPT_ID or LINODE_STACKSCRIPT_IDS allows`);
    }
  }
  return problems;
}

function quote(raw: string): string {
  const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return JSON.stringify(shown);
}
