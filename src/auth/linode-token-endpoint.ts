import { OAuth2, type oauth2tokenCallback } from 'oauth';
import type { LinodeLoginClient, LinodeTokenSet } from '../linode/linode-login.client';

/** node-oauth's token callback as it is really called: `null` when there is no error (@types/oauth omits it). */
type TokenParams = Record<string, string | undefined>;
type TokenCallback = (err: Error | null, accessToken?: string, refreshToken?: string, params?: LinodeTokenSet) => void;

/**
 * The token endpoint as passport-oauth2 calls it (node-oauth's `OAuth2`), answered by our
 * LinodeLoginClient. node-oauth has no request timeout, no retry on 429, no call metrics and
 * no reading of Linode's `scopes` field; the login client has all of them. Overriding
 * `getOAuthAccessToken` keeps the exchange inside the strategy's own flow: state and verifier
 * checked first, then `tokenParams`, then this call, then `validate`.
 */
export class LinodeTokenEndpoint extends OAuth2 {
  constructor(
    private readonly loginClient: Pick<LinodeLoginClient, 'exchangeCode'>,
    endpoint: { clientId: string; clientSecret: string; authorizationUrl: string; tokenUrl: string },
  ) {
    super(endpoint.clientId, endpoint.clientSecret, '', endpoint.authorizationUrl, endpoint.tokenUrl);
  }

  /** `params` are passport-oauth2's: `grant_type`, `redirect_uri` and (PKCE on) `code_verifier`. */
  override getOAuthAccessToken(code: string, callback: oauth2tokenCallback): void;
  override getOAuthAccessToken(code: string, params: TokenParams, callback: oauth2tokenCallback): void;
  override getOAuthAccessToken(code: string, paramsOrCallback: TokenParams | oauth2tokenCallback, callback?: oauth2tokenCallback): void {
    const params = typeof paramsOrCallback === 'function' ? {} : paramsOrCallback;
    const done = (callback ?? paramsOrCallback) as TokenCallback;
    this.loginClient.exchangeCode({ code, redirectUri: params.redirect_uri ?? '', codeVerifier: params.code_verifier }).then(
      (token) => done(null, token.accessToken, token.refreshToken ?? undefined, token),
      // passport-oauth2 wraps it in an InternalOAuthError, whose `oauthError` is this error.
      (error: unknown) => done(error instanceof Error ? error : new Error('token exchange failed')),
    );
  }
}
