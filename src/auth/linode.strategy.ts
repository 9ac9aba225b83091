import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
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
 * Passport's OAuth2 strategy `linode`: state and PKCE in the shared store, the callback pinned to
 * PUBLIC_URL (never derived from Host headers), the minimal scope.
 */
@Injectable()
export class LinodeStrategy extends PassportStrategy(OAuth2Strategy, 'linode', true) {
  constructor(@Inject(APP_CONFIG) config: AppConfig, pendingAuthorizations: PendingAuthorizationStore) {
    super({
      authorizationURL: config.linode.authorizeUrl,
      tokenURL: `${config.linode.loginUrl}${TOKEN_PATH}`,
      clientID: config.linode.clientId,
      clientSecret: config.linode.clientSecret,
      customHeaders: { Accept: 'application/json', 'User-Agent': USER_AGENT },
      callbackURL: config.callbackUrl,
      scope: config.linode.scopes,
      pkce: config.linode.pkce,
      // Our own state store (so no `state: true`). The types know only its API without PKCE;
      // passport-oauth2 picks ours by its arity.
      store: pendingAuthorizations as unknown as StateStore,
      passReqToCallback: true,
      skipUserProfile: true,
    });
  }

  /** A token endpoint's error body (RFC 6749 JSON, Linode's envelope or HTML) as a LinodeOAuthError. */
  override parseErrorResponse(body: string, status: number): Error {
    return oauthErrorFrom({ status, contentType: null, text: body }, TOKEN_PATH);
  }

  /** passport-oauth2's verify step (arity 6); node-oauth hands the refresh token over on its own. */
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
