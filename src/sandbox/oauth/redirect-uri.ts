/**
 * Redirect URI rules of login.linode.com: a requested `redirect_uri` must be "under the registered
 * redirect path" (linode_api4-python docstring) — same scheme, host and port, the same path or a
 * sub-path of it, any query (Cloud Manager appends `?returnTo=…` to its callback).
 */

/** Characters no redirect URI needs and URL parsers quietly drop or reinterpret. */
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f\\]/;
/** `.` / `..` path segments, also percent-encoded (the URL parser would resolve them). */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
/** Encoded `/`, `\` or `.` in the path: some servers decode them before routing. */
const ENCODED_SEPARATOR = /%(2f|5c|2e)/i;

function parseAbsolute(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The path as written, between the authority and the query or fragment. */
function rawPath(value: string): string {
  const afterScheme = value.slice(value.indexOf('//') + 2);
  const pathStart = afterScheme.search(/[/?#]/);
  if (pathStart < 0 || afterScheme[pathStart] !== '/') return '';
  const path = afterScheme.slice(pathStart);
  const end = path.search(/[?#]/);
  return end < 0 ? path : path.slice(0, end);
}

function isPathUnder(path: string, registeredPath: string): boolean {
  if (path === registeredPath) return true;
  const prefix = registeredPath.endsWith('/') ? registeredPath : `${registeredPath}/`;
  return path.startsWith(prefix);
}

/**
 * Whether `requested` may be used as a redirect for a client registered with `registered`.
 * Rejects anything a parser could read differently from a browser: credentials, fragments,
 * dot segments, encoded separators, backslashes, whitespace and control characters.
 */
export function isRedirectUriUnder(requested: string, registered: string): boolean {
  if (UNSAFE_CHARACTERS.test(requested)) return false;
  const url = parseAbsolute(requested);
  const base = parseAbsolute(registered);
  if (!url || !base) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password || url.hash || requested.includes('#')) return false;
  if (url.protocol !== base.protocol || url.host !== base.host) return false;
  const path = rawPath(requested);
  if (DOT_SEGMENT.test(path) || ENCODED_SEPARATOR.test(path)) return false;
  return isPathUnder(url.pathname, base.pathname);
}

/**
 * Appends parameters to a redirect URI, keeping its own query as it was written (Cloud Manager's
 * `?returnTo=…` must come back byte for byte): `&` when it already has a query, `?` otherwise.
 */
export function withQueryParameters(uri: string, parameters: Record<string, string | null>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== null) query.append(name, value);
  const url = new URL(uri);
  const separator = url.href.endsWith('?') ? '' : url.search ? '&' : '?';
  return `${url.href}${separator}${query.toString()}`;
}
