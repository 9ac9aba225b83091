/**
 * What must never reach a log line: OAuth codes and states, tokens, client secrets, PKCE
 * verifiers, passwords, and the headers that carry credentials. The names are matched as object
 * keys at any depth up to `CENSOR_DEPTH` (log-censor.ts) and as query parameters.
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

/** Paths whose whole query string is left out of logs: the OAuth callback carries `code` and `state`. */
const PATHS_WITHOUT_QUERY = new Set(['/auth_callback']);
const SECRET_PARAMS = new Set(SECRET_FIELDS.map((field) => field.toLowerCase()));
const MAX_LOGGED_URL = 2048;

/**
 * The request URL as it may be logged: the path only for the OAuth callback, otherwise with the
 * values of secret-named query parameters replaced. Express matches paths case-insensitively and
 * ignores a trailing slash, so the comparison does too.
 */
export function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart + 1);
  const shortPath = path.length > MAX_LOGGED_URL ? `${path.slice(0, MAX_LOGGED_URL)}…` : path;
  if (query === '' || PATHS_WITHOUT_QUERY.has(normalisedPath(path))) return shortPath;
  const params = query.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    return SECRET_PARAMS.has(paramName(name)) ? `${name}=${REDACTED}` : pair;
  });
  const logged = `${shortPath}?${params.join('&')}`;
  return logged.length > MAX_LOGGED_URL ? `${logged.slice(0, MAX_LOGGED_URL)}…` : logged;
}

/** `token`, `Token`, `token[]` and `tok%65n` all name the same parameter to a query parser. */
function paramName(raw: string): string {
  return decodedName(raw).replace(/\[.*$/, '').toLowerCase();
}

function normalisedPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return decodedName(trimmed === '' ? '/' : trimmed).toLowerCase();
}

function decodedName(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
