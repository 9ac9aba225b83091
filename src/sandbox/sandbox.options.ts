import { stackScriptFilesFrom } from './api/stackscripts/stackscript-file';

/**
 * Options of the Linode sandbox. Read from the environment by `npm run sandbox`; passed directly
 * when the app starts the sandbox in-process (sandbox mode) or when tests start one on port 0.
 */
export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** The one registered OAuth client. */
  clientId: string;
  clientSecret: string;
  clientLabel: string;
  /** Registered redirect URI: an authorize `redirect_uri` must be under it. */
  redirectUri: string;
  /** When set, `GET /oauth/authorize` approves at once as this username with all requested scopes. */
  autoApprove: string | null;
  /** How long an instance takes from provisioning to running. */
  bootMs: number;
  /** How long after "running" its application answers (`GET /__sandbox/instances/:id/application`); 0: never. */
  setupMs: number;
  /** Latency added to every API and login call. */
  latencyMs: number;
  /** Lifetime of an authorization code (Linode: short; we use 60 s). */
  codeTtlMs: number;
  /** Lifetime of an access token (Linode: 7200 s). */
  accessTokenTtlMs: number;
  /** Script files registered as public StackScripts at start (`SANDBOX_STACKSCRIPTS`). */
  stackScriptFiles: string[];
  /**
   * How long a Linode lives before the sandbox deletes it by itself (0: never), so that a demo
   * that nobody cleans up keeps running: its address comes back and its account has room again.
   */
  instanceTtlMs: number;
  /** Active Linodes one account may have at once (Linode's account limit). */
  maxInstancesPerAccount: number;
  /** How long events are kept (Linode: 90 days); the oldest go first once `maxEvents` are kept. */
  eventRetentionMs: number;
  /** Events kept across all accounts, so memory stays flat under a steady stream of deployments. */
  maxEvents: number;
  /** Tokens remembered at most (active, revoked or expired); the oldest are forgotten first. */
  maxTokens: number;
  /** Authorization codes remembered at most (they also expire); the oldest are forgotten first. */
  maxCodes: number;
}

export const SANDBOX_OPTIONS = Symbol('SANDBOX_OPTIONS');

export const SANDBOX_DEFAULTS: SandboxOptions = {
  port: 5001,
  host: '127.0.0.1',
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
  clientLabel: 'install-on-linode (sandbox)',
  redirectUri: 'http://localhost:5000/auth_callback',
  autoApprove: null,
  bootMs: 4000,
  setupMs: 30_000,
  latencyMs: 0,
  codeTtlMs: 60_000,
  accessTokenTtlMs: 7_200_000,
  stackScriptFiles: [],
  instanceTtlMs: 3_600_000,
  // Room for a busy demo within one TTL: every visitor who keeps the consent page's default
  // username shares one account. Fewer than the sandbox's ~750 addresses.
  maxInstancesPerAccount: 500,
  eventRetentionMs: 90 * 86_400_000,
  maxEvents: 2_000,
  maxTokens: 1_000,
  maxCodes: 1_000,
};

/** Upper bounds of the tunable settings: a TTL of 30 days, and fewer Linodes than the sandbox has addresses. */
export const MAX_INSTANCE_TTL_MS = 30 * 86_400_000;
export const MAX_INSTANCES_PER_ACCOUNT_LIMIT = 500;

/** The sandbox settings that sandbox mode (`npm start`) also takes from the environment. */
export type SandboxTuning = Pick<SandboxOptions, 'bootMs' | 'setupMs' | 'latencyMs' | 'instanceTtlMs' | 'maxInstancesPerAccount'>;

/** A whole number of plain decimal digits within [min, max], or a problem sentence. */
function wholeNumberIn(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  return `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw.slice(0, 40))})`;
}

/**
 * `SANDBOX_BOOT_MS`, `SANDBOX_SETUP_MS` (0: the application never answers), `SANDBOX_LATENCY_MS`,
 * `SANDBOX_INSTANCE_TTL_MS` (0 disables expiry) and `SANDBOX_MAX_INSTANCES_PER_ACCOUNT`, validated:
 * only the variables that are set, or an Error naming every bad one.
 */
export function sandboxTuningFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SandboxTuning> {
  const read: Array<[keyof SandboxTuning, number | string | undefined]> = [
    ['bootMs', wholeNumberIn(env, 'SANDBOX_BOOT_MS', 0, 3_600_000)],
    ['setupMs', wholeNumberIn(env, 'SANDBOX_SETUP_MS', 0, 3_600_000)],
    ['latencyMs', wholeNumberIn(env, 'SANDBOX_LATENCY_MS', 0, 60_000)],
    ['instanceTtlMs', wholeNumberIn(env, 'SANDBOX_INSTANCE_TTL_MS', 0, MAX_INSTANCE_TTL_MS)],
    ['maxInstancesPerAccount', wholeNumberIn(env, 'SANDBOX_MAX_INSTANCES_PER_ACCOUNT', 1, MAX_INSTANCES_PER_ACCOUNT_LIMIT)],
  ];
  const problems = read.flatMap(([, value]) => (typeof value === 'string' ? [value] : []));
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const tuning: Partial<SandboxTuning> = {};
  for (const [key, value] of read) if (typeof value === 'number') tuning[key] = value;
  return tuning;
}

export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const port = wholeNumberIn(env, 'SANDBOX_PORT', 0, 65535) ?? SANDBOX_DEFAULTS.port;
  if (typeof port === 'string') throw new Error(port);
  return {
    ...SANDBOX_DEFAULTS,
    port,
    host: env.SANDBOX_HOST || SANDBOX_DEFAULTS.host,
    clientId: env.SANDBOX_CLIENT_ID || SANDBOX_DEFAULTS.clientId,
    clientSecret: env.SANDBOX_CLIENT_SECRET || SANDBOX_DEFAULTS.clientSecret,
    redirectUri: env.SANDBOX_REDIRECT_URI || SANDBOX_DEFAULTS.redirectUri,
    autoApprove: env.SANDBOX_AUTO_APPROVE || null,
    stackScriptFiles: stackScriptFilesFrom(env.SANDBOX_STACKSCRIPTS),
    ...sandboxTuningFromEnv(env),
  };
}
