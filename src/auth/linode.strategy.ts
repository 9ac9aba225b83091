import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passport from 'passport';
import { Strategy as OAuth2Strategy, type StateStore } from 'passport-oauth2';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeLoginClient, type LinodeTokenSet } from '../linode/linode-login.client';
import { LinodeTokenEndpoint } from './linode-token-endpoint';
import { PendingAuthorizationStore } from './pending-authorization.store';

/** What a completed sign-in yields: lives only server-side, never in a session or a page. */
export interface LinodeGrant {
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number | null;
  scopes: string[];
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
 * callback from PUBLIC_URL (never derived from Host headers), the minimal scope, and the code
 * exchange answered by our LinodeLoginClient (timeouts, JSON errors, `scopes`).
 */
@Injectable()
export class LinodeStrategy extends PassportStrategy(OAuth2Strategy, 'linode', true) {
  /** Whether sign-ins send a PKCE challenge and verifier (LINODE_PKCE). */
  readonly pkce: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig, loginClient: LinodeLoginClient, pendingAuthorizations: PendingAuthorizationStore) {
    const endpoint = {
      clientId: config.linode.clientId,
      clientSecret: config.linode.clientSecret,
      // The browser's side: Linode's own, or in sandbox mode the app's origin (one published port).
      authorizationUrl: config.linode.authorizeUrl,
      tokenUrl: `${config.linode.loginUrl}/oauth/token`,
    };
    super({
      authorizationURL: endpoint.authorizationUrl,
      tokenURL: endpoint.tokenUrl,
      clientID: endpoint.clientId,
      clientSecret: endpoint.clientSecret,
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
    // `_oauth2` is the hook passport-oauth2 documents for subclasses; it has no option that takes
    // a token client (LinodeTokenEndpoint says why node-oauth's own cannot serve).
    this._oauth2 = new LinodeTokenEndpoint(loginClient, endpoint);
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

  /** passport-oauth2's verify step (arity 6): `params` is the login client's token set. */
  validate(
    _req: Request,
    accessToken: string,
    refreshToken: string | undefined,
    params: LinodeTokenSet,
    _profile: unknown,
  ): Omit<LinodeGrant, 'draftId'> {
    return { accessToken, refreshToken: refreshToken ?? null, expiresIn: params.expiresIn, scopes: params.scopes };
  }
}
