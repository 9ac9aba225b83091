/**
 * What must never reach a log line: OAuth codes and states, tokens, client secrets, PKCE
 * verifiers, passwords, and the headers that carry credentials. The names are matched as object
 * keys at any depth up to `CENSOR_DEPTH` (log-censor.ts).
 */
export const SECRET_FIELDS: readonly string[] = [
  'code',
  'state',
  'access_token',
  'refresh_token',
  'client_secret',
  'code_verifier',
  'password',
  'root_pass',
  'token',
  // The same things as our own TypeScript names them.
  'accessToken',
  'refreshToken',
  'clientSecret',
  'codeVerifier',
  'rootPass',
  'sessionSecret',
  // Headers, wherever a headers object ends up being logged.
  'authorization',
  'cookie',
  'set-cookie',
];

export const REDACTED = '[Redacted]';

const MAX_LOGGED_URL = 2048;

/**
 * The request URL as it may be logged: its path alone. A query string can carry anything a link
 * or a form put there (a deploy link's options, a fragment's form fields, the OAuth callback's code
 * and state), so none is ever logged.
 */
export function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  return path.length > MAX_LOGGED_URL ? `${path.slice(0, MAX_LOGGED_URL)}…` : path;
}
