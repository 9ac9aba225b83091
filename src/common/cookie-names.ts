const SESSION_COOKIE = 'iol.sid';

/** Under https, `__Host-`: then no sibling subdomain or plain-http page can set or overwrite it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
