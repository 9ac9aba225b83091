import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as OAuth2Strategy } from 'passport-oauth2';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeLoginClient } from '../linode/linode-login.client';
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

/** What passport-oauth2 gets back from a failed exchange; it keeps it as `InternalOAuthError.oauthError`. */
export interface ExchangeFailure {
  statusCode: number;
  data?: string;
  /** The error our login client raised (e.g. a LinodeOAuthError with `invalid_grant`). */
  cause: unknown;
}

type ExchangeCallback = (err: ExchangeFailure | null, accessToken?: string, refreshToken?: string, params?: unknown) => void;

/**
 * Passport's OAuth2 strategy named `linode`: authorization code flow with `state` and PKCE (S256),
 * the pinned absolute callback from PUBLIC_URL (never derived from Host headers), the minimal
 * scope, and the code exchange done by our LinodeLoginClient (timeouts, JSON errors, `scopes`).
 */
@Injectable()
export class LinodeStrategy extends PassportStrategy(OAuth2Strategy, 'linode', true) {
  /** Whether sign-ins send a PKCE challenge and verifier (LINODE_PKCE). */
  readonly pkce: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    loginClient: LinodeLoginClient,
    readonly pendingAuthorizations: PendingAuthorizationStore,
  ) {
    super({
      authorizationURL: config.linode.authorizeUrl,
      tokenURL: `${config.linode.loginUrl}/oauth/token`,
      clientID: config.linode.clientId,
      clientSecret: config.linode.clientSecret,
      callbackURL: config.callbackUrl,
      scope: config.linode.scopes,
      state: true,
      pkce: config.linode.pkce ? 'S256' : false,
      store: pendingAuthorizations,
      passReqToCallback: true,
      skipUserProfile: true,
    } as unknown as ConstructorParameters<typeof OAuth2Strategy>[0]);
    this.pkce = config.linode.pkce;

    // Route the code exchange through our client instead of node-oauth's.
    const oauth2 = (this as unknown as { _oauth2: { getOAuthAccessToken: unknown } })._oauth2;
    oauth2.getOAuthAccessToken = (code: string, params: Record<string, string>, callback: ExchangeCallback) => {
      loginClient
        .exchangeCode({ code, redirectUri: params.redirect_uri, codeVerifier: params.code_verifier })
        .then((token) => callback(null, token.accessToken, token.refreshToken ?? undefined, token))
        .catch((error: unknown) => callback({ statusCode: 502, data: error instanceof Error ? error.message : 'token exchange failed', cause: error }));
    };
  }

  validate(
    _req: Request,
    accessToken: string,
    refreshToken: string | undefined,
    params: { expiresIn: number | null; scopes: string[] },
    _profile: unknown,
  ): Omit<LinodeGrant, 'draftId'> {
    return { accessToken, refreshToken: refreshToken ?? null, expiresIn: params.expiresIn, scopes: params.scopes };
  }
}
