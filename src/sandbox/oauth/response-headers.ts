/** Headers of the login service's responses. */

/** Token responses and pages carrying codes must not be cached (RFC 6749 §5.1). */
export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

/**
 * The consent page runs no script and must not be framed (a framed consent form is a clickjacking
 * target). Its URL carries `state`, which should not leak to the next site as a referrer.
 */
export const LOGIN_PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...NO_STORE_HEADERS,
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
