import type { AppConfig } from './app-config';

/**
 * One line for the boot log saying how the app is set up. Secrets never appear: the OAuth client
 * secret and session secret are only said to be set, a Redis URL loses its credentials.
 */
export function describeConfig(config: AppConfig): string {
  const parts = [
    config.sandbox.enabled
      ? `sandbox mode: no real Linode account is used (emulated Linode on ${config.linode.loginUrl})`
      : `Linode mode: login ${config.linode.loginUrl}, API ${config.linode.apiUrl}`,
    `env ${config.nodeEnv}`,
    `listening on ${config.host}:${config.port}`,
    `public URL ${config.publicUrl}`,
    `app "${config.appName}"`,
    config.linode.stackScriptIds.length > 1
      ? `StackScripts ${config.linode.stackScriptIds.join(', ')} (default ${config.linode.stackScriptId})`
      : `StackScript ${config.linode.stackScriptId}`,
    `plans ${config.planClasses.join('/')}`,
    `store ${config.redisUrl ? redactUrl(config.redisUrl) : 'in-process'}`,
    `session secret ${config.sessionSecretGenerated ? 'generated for this process' : 'set'}`,
    `trust proxy ${describeTrustProxy(config.trustProxy)}`,
    `log level ${config.logLevel}`,
  ];
  return parts.join('; ');
}

function describeTrustProxy(trustProxy: AppConfig['trustProxy']): string {
  if (trustProxy === false) return 'off';
  if (typeof trustProxy === 'number') return `${trustProxy} hop${trustProxy === 1 ? '' : 's'}`;
  return trustProxy.join(',');
}

/** Without credentials, query or fragment, which could carry a password. */
function redactUrl(raw: string): string {
  const url = URL.parse(raw);
  if (!url) return '(unparseable URL)';
  if (url.username || url.password) {
    url.username = '***';
    url.password = '';
  }
  url.search = '';
  url.hash = '';
  return url.href;
}
