import { CSRF_COOKIE } from './csrf';

export const SESSION_COOKIE_BASE = 'iol.sid';

/**
 * The app's cookie names. Under an https PUBLIC_URL they carry the `__Host-` prefix, which
 * browsers accept only with Secure, Path=/ and no Domain: a sibling subdomain or a plain-http
 * page can then neither set nor overwrite them (cookie tossing).
 */
export function cookieNames(secure: boolean): { session: string; csrf: string } {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}${SESSION_COOKIE_BASE}`, csrf: `${prefix}${CSRF_COOKIE}` };
}
