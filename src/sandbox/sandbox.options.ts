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
  /** Latency added to every API and login call. */
  latencyMs: number;
  /** Lifetime of an authorization code (Linode: short; we use 60 s). */
  codeTtlMs: number;
  /** Lifetime of an access token (Linode: 7200 s). */
  accessTokenTtlMs: number;

  /** Script files registered as public StackScripts at start (`SANDBOX_STACKSCRIPTS`). */
  stackScriptFiles: string[];
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
  latencyMs: 0,
  codeTtlMs: 60_000,
  accessTokenTtlMs: 7_200_000,

  stackScriptFiles: [],
};

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  }
  return value;
}

export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const port = intFrom(env, 'SANDBOX_PORT', SANDBOX_DEFAULTS.port);
  if (port > 65535) throw new Error(`SANDBOX_PORT must be a port number (got "${env.SANDBOX_PORT}")`);
  return {
    ...SANDBOX_DEFAULTS,
    port,
    host: env.SANDBOX_HOST || SANDBOX_DEFAULTS.host,
    clientId: env.SANDBOX_CLIENT_ID || SANDBOX_DEFAULTS.clientId,
    clientSecret: env.SANDBOX_CLIENT_SECRET || SANDBOX_DEFAULTS.clientSecret,
    redirectUri: env.SANDBOX_REDIRECT_URI || SANDBOX_DEFAULTS.redirectUri,
    autoApprove: env.SANDBOX_AUTO_APPROVE || null,
    bootMs: intFrom(env, 'SANDBOX_BOOT_MS', SANDBOX_DEFAULTS.bootMs),
    latencyMs: intFrom(env, 'SANDBOX_LATENCY_MS', SANDBOX_DEFAULTS.latencyMs),

    stackScriptFiles: stackScriptFilesFrom(env.SANDBOX_STACKSCRIPTS),
  };
}
