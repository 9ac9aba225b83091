import { isNativeError } from 'node:util/types';
import { InternalOAuthError } from 'passport-oauth2';
import { LinodeOAuthError } from '../linode/linode-api.error';
import { TOKEN_PATH } from '../linode/linode-oauth-answers';

/** Linode refused PKCE itself; a verifier that does not *match* is a forged code (invalid_grant). */
export function refusesPkce(cause: unknown): boolean {
  if (!(cause instanceof LinodeOAuthError)) return false;
  const text = `${cause.error} ${cause.description ?? ''}`;
  return /code_verifier|code_challenge|pkce/i.test(text) && !/match/i.test(text);
}

/** What Linode answered the exchange with, for metrics: its status, or `error` when it did not. */
export function exchangeStatusOf(err: unknown): number | 'error' {
  if (err instanceof LinodeOAuthError) return err.status;
  const cause: unknown = err instanceof InternalOAuthError ? err.oauthError : undefined;
  if (typeof cause === 'object' && cause !== null && 'statusCode' in cause && typeof cause.statusCode === 'number') return cause.statusCode;
  return 'error';
}

/** A log line's worth: never the body (an HTML page, or anything echoing the request). */
export function describeExchangeFailure(err: unknown, cause: unknown): string {
  // isNativeError, not instanceof: node's own socket errors come from another realm in a test's sandbox.
  if (isNativeError(cause)) return cause.message;
  const status = exchangeStatusOf(err);
  if (status !== 'error') return `Linode login POST ${TOKEN_PATH} answered ${status} with an empty body`;
  return err instanceof Error ? err.message : String(err);
}

/** Whether the exchange never got an answer: a network error (ECONNREFUSED, ECONNRESET, TLS, …). */
export function isUnreachable(err: unknown): boolean {
  return err instanceof InternalOAuthError && isNativeError(err.oauthError);
}
