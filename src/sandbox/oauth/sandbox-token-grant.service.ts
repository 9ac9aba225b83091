import { Injectable } from '@nestjs/common';
import { SandboxToken, SandboxTokenStore } from '../tokens/sandbox-token.store';
import { SandboxAuthorizationCodeStore } from './authorization-code.store';
import { OAuthTokenError } from './oauth-token.error';
import { verifierMatchesS256Challenge } from './pkce';
import { ParameterSource, readParameter } from './request-parameters';
import { SandboxClientRegistry, SandboxOAuthClient } from './sandbox-client.registry';

/**
 * The token endpoint's answer, as a real one was captured: the granted scopes under both `scope`
 * and `scopes` (the python client reads `scopes`, the docs say `scope`), space-separated.
 */
export interface SandboxTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
  scopes: string;
}

/** One optional form field; a repeated field is a malformed request (RFC 6749 §3.2). */
function field(form: ParameterSource, name: string): string | null {
  const parameter = readParameter(form, name);
  if (parameter.kind === 'malformed') throw new OAuthTokenError('invalid_request', `${name} is given more than once.`);
  return parameter.kind === 'value' ? parameter.value : null;
}

function requiredField(form: ParameterSource, name: string): string {
  const value = field(form, name);
  if (value === null || value === '') throw new OAuthTokenError('invalid_request', `${name} is required.`);
  return value;
}

/** Code exchange, refresh and revocation at login.linode.com's `/oauth/token` and `/oauth/revoke`. */
@Injectable()
export class SandboxTokenGrantService {
  constructor(
    private readonly clients: SandboxClientRegistry,
    private readonly codes: SandboxAuthorizationCodeStore,
    private readonly tokens: SandboxTokenStore,
  ) {}

  /** `grant_type` may be left out for a code exchange: linode_api4-python sends none. */
  grant(form: ParameterSource): SandboxTokenResponse {
    const client = this.authenticateClient(form);
    const grantType = field(form, 'grant_type');
    if (grantType === null || grantType === 'authorization_code') return this.exchangeCode(client, form);
    if (grantType === 'refresh_token') return this.refresh(client, form);
    throw new OAuthTokenError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
  }

  /**
   * RFC 7009: an unknown token (or one of another client) is not an error — the answer is the same
   * 200, so that revocation reveals nothing. Revoking either token of a pair ends both.
   */
  revoke(form: ParameterSource): void {
    const client = this.authenticateClient(form);
    const value = requiredField(form, 'token');
    field(form, 'token_type_hint');
    const token = this.tokens.findByAnyToken(value);
    if (token && token.clientId === client.id) this.tokens.revoke(token);
  }

  private authenticateClient(form: ParameterSource): SandboxOAuthClient {
    const client = this.clients.authenticate(field(form, 'client_id'), field(form, 'client_secret'));
    if (!client) throw new OAuthTokenError('invalid_client', 'Unknown client or wrong client secret.');
    return client;
  }

  /**
   * A code is used up by the first exchange that names it, even a failed one, so a wrong
   * `code_verifier` cannot be retried. A second use revokes what the first one got (RFC 6749 §4.1.2).
   */
  private exchangeCode(client: SandboxOAuthClient, form: ParameterSource): SandboxTokenResponse {
    const value = requiredField(form, 'code');
    const redirectUri = field(form, 'redirect_uri');
    const verifier = field(form, 'code_verifier');
    const redemption = this.codes.redeem(value);
    switch (redemption.kind) {
      case 'unknown':
        throw new OAuthTokenError('invalid_grant', 'The authorization code is not valid.');
      case 'expired':
        throw new OAuthTokenError('invalid_grant', 'The authorization code has expired.');
      case 'reused':
        this.tokens.revokeIssuedFromCode(redemption.codeId);
        throw new OAuthTokenError('invalid_grant', 'The authorization code was already used.');
    }
    const { code } = redemption;
    if (code.clientId !== client.id) {
      throw new OAuthTokenError('invalid_grant', 'The authorization code was issued to another client.');
    }
    // Neither the python client nor Cloud Manager sends redirect_uri here; when sent, it must match.
    if (redirectUri !== null && redirectUri !== code.redirectUri) {
      throw new OAuthTokenError('invalid_grant', 'redirect_uri does not match the authorization request.');
    }
    if (code.codeChallenge === null) {
      // OAuth 2.1 §4.1.3: a verifier for a code issued without a challenge is a PKCE downgrade sign.
      if (verifier !== null) {
        throw new OAuthTokenError('invalid_grant', 'code_verifier sent, but the authorization request had no code_challenge.');
      }
    } else if (verifier === null) {
      throw new OAuthTokenError('invalid_grant', 'code_verifier is required for this authorization code.');
    } else if (!verifierMatchesS256Challenge(verifier, code.codeChallenge)) {
      throw new OAuthTokenError('invalid_grant', 'code_verifier does not match the code_challenge.');
    }
    return this.issue(client, { username: code.username, scopes: code.scopes, codeId: code.id });
  }

  /** Refresh rotates: a new access and refresh token, and the old pair stops working at once. */
  private refresh(client: SandboxOAuthClient, form: ParameterSource): SandboxTokenResponse {
    const value = requiredField(form, 'refresh_token');
    const previous = this.tokens.findByRefreshToken(value);
    if (!previous || previous.clientId !== client.id) {
      throw new OAuthTokenError('invalid_grant', 'The refresh token is not valid.');
    }
    this.tokens.revoke(previous);
    // Keeps the lineage (codeId): a replayed code also ends tokens refreshed from it.
    return this.issue(client, previous);
  }

  /** A new token pair for `client`, answered the way login.linode.com answers it. */
  private issue(client: SandboxOAuthClient, grant: Pick<SandboxToken, 'username' | 'scopes' | 'codeId'>): SandboxTokenResponse {
    const token = this.tokens.issue({ clientId: client.id, username: grant.username, scopes: grant.scopes, codeId: grant.codeId });
    return {
      access_token: token.accessToken,
      token_type: 'bearer',
      expires_in: Math.floor((token.expiresAt - token.createdAt) / 1000),
      refresh_token: token.refreshToken,
      scope: token.scopes.join(' '),
      scopes: token.scopes.join(' '),
    };
  }
}
