const SESSION_COOKIE = 'iol.sid';

/**
 * The session cookie's name. Under an https PUBLIC_URL it carries the `__Host-` prefix, which
 * browsers accept only with Secure, Path=/ and no Domain: a sibling subdomain or a plain-http
 * page can then neither set nor overwrite it (cookie tossing).
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
