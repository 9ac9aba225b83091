import type { Request } from 'express';

/** Plain path segments only: the value ends up in the consent form's action. */
const PREFIX_PATTERN = /^(\/[A-Za-z0-9_-]{1,64}){1,4}$/;

/**
 * The path under which a proxy serves the login pages (`X-Forwarded-Prefix`), so that the consent
 * form posts back through it: in sandbox mode the app serves this page at
 * `PUBLIC_URL/__sandbox-login/oauth/authorize`. Without the header, or with anything but plain
 * path segments, the pages are at the root as on login.linode.com.
 */
export function forwardedPrefix(request: Request): string {
  const value = request.headers['x-forwarded-prefix'];
  return typeof value === 'string' && PREFIX_PATTERN.test(value) ? value : '';
}
