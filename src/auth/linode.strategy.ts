import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passport from 'passport';
import { Strategy as OAuth2Strategy, type StateStore } from 'passport-oauth2';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { USER_AGENT } from '../linode/linode-http';
import { type LinodeTokenSet, oauthErrorFrom, readTokenAnswer, TOKEN_PATH } from '../linode/linode-oauth-answers';
import { PendingAuthorizationStore } from './pending-authorization.store';

/** What a completed sign-in yields: lives only server-side, never in a session or a page. */
export interface LinodeGrant extends LinodeTokenSet {
  /** Id of the draft the sign-in was started for. */
  draftId: string;
}

/** The callback request once the `linode` guard has let it through. */
export interface RequestWithGrant extends Request {
  linodeGrant?: LinodeGrant;
}

/**
 * Passport's OAuth2 strategy named `linode`: authorization code flow with `state` and PKCE (S256,
 * unless LINODE_PKCE=off) kept by our shared PendingAuthorizationStore, the pinned absolute
 * callback from PUBLIC_URL (never derived from Host headers), and the minimal scope. The code
 * exchange is passport-oauth2's own (node-oauth, form-encoded, as a confidential client); this
 * class only reads Linode's answers: its error bodies (`parseErrorResponse`) and its token answer
 * (`validate`: `scopes`, `expires_in`). The callback guard bounds the exchange in time.
 */
@Injectable()
export class LinodeStrategy extends PassportStrategy(OAuth2Strategy, 'linode', true) {
  /** Whether sign-ins send a PKCE challenge and verifier (LINODE_PKCE). */
  readonly pkce: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig, pendingAuthorizations: PendingAuthorizationStore) {
    super({
      // The browser's side: Linode's own, or in sandbox mode the app's origin (one published port).
      authorizationURL: config.linode.authorizeUrl,
      // The server's side: always the login service itself.
      tokenURL: `${config.linode.loginUrl.replace(/\/+$/, '')}${TOKEN_PATH}`,
      clientID: config.linode.clientId,
      clientSecret: config.linode.clientSecret,
      customHeaders: { Accept: 'application/json', 'User-Agent': USER_AGENT },
      callbackURL: config.callbackUrl,
      scope: config.linode.scopes,
      state: true,
      pkce: config.linode.pkce,
      // @types/passport-oauth2 types only the store API without PKCE; passport-oauth2 picks the
      // PKCE one (`store` with 5 arguments) by arity.
      store: pendingAuthorizations as unknown as StateStore,
      passReqToCallback: true,
      skipUserProfile: true,
    });
    this.pkce = config.linode.pkce;
  }

  /**
   * passport-oauth2's hook for a token endpoint's non-2xx answer with a body: RFC 6749 error JSON,
   * Linode's API error envelope or an HTML page, each as a LinodeOAuthError (never quoting HTML).
   */
  override parseErrorResponse(body: string, status: number): Error {
    return oauthErrorFrom({ status, contentType: null, text: body }, TOKEN_PATH);
  }

  /**
   * Makes this app's strategy the one passport runs under `linode`. Passport keeps strategies in
   * one registry per process; several apps in one process (the e2e suites run them side by side)
   * would otherwise share the last one built. Called synchronously right before each
   * `passport.authenticate`, so no other request can come in between.
   */
  activate(): void {
    passport.use('linode', this);
  }

  /**
   * passport-oauth2's verify step (arity 6): `params` is node-oauth's parse of the token answer,
   * without `refresh_token` (node-oauth hands that one over on its own). Read tolerantly; an answer
   * without an access token never gets here (passport-oauth2 fails it first).
   */
  validate(
    _req: Request,
    accessToken: string,
    refreshToken: string | undefined,
    params: Record<string, unknown>,
    _profile: unknown,
  ): LinodeTokenSet {
    return readTokenAnswer({ ...params, access_token: accessToken, refresh_token: refreshToken ?? null });
  }
}
