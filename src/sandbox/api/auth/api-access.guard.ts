import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { scopesAllow } from '../../../linode/contract/oauth-scopes';
import { SandboxTokenStore } from '../../tokens/sandbox-token.store';
import { SandboxApiError } from '../http/sandbox-api.error';
import { API_ACCESS, ApiAccess, AuthenticatedRequest } from './api-access.decorator';

export const INVALID_TOKEN_REASON = 'Invalid OAuth token';
export const NOT_AUTHORIZED_REASON = 'Your OAuth token is not authorized to use this endpoint.';

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}

/**
 * Linode's token and scope checks, plus its `X-OAuth-Scopes` (the token's scopes, `unknown` without
 * a valid token) and `X-Accepted-OAuth-Scopes` (what the endpoint needs; `*` where no scope is
 * needed, as Linode answers on public endpoints) headers.
 *
 * Assumption (UNVERIFIED against the live API): on a public endpoint an invalid, revoked or
 * expired token is ignored like a missing one, so a stale token never breaks the catalogue. A
 * valid one is still attached: public StackScripts are listed with the account's own.
 */
@Injectable()
export class ApiAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: SandboxTokenStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<ApiAccess | undefined>(API_ACCESS, [context.getHandler(), context.getClass()]) ?? {
      kind: 'token',
    };
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();

    const authentication = this.tokens.authenticate(bearerToken(request.headers.authorization));
    response.setHeader('X-Accepted-OAuth-Scopes', access.kind === 'scope' ? `${access.family}:${access.level}` : '*');
    response.setHeader('X-OAuth-Scopes', authentication.ok ? authentication.token.scopes.join(' ') : 'unknown');

    if (access.kind === 'public') {
      if (authentication.ok) request.sandboxToken = authentication.token;
      return true;
    }
    if (!authentication.ok) throw new SandboxApiError(401, [{ reason: INVALID_TOKEN_REASON }]);
    if (access.kind === 'scope' && !scopesAllow(authentication.token.scopes, access.family, access.level)) {
      throw new SandboxApiError(403, [{ reason: NOT_AUTHORIZED_REASON }]);
    }
    request.sandboxToken = authentication.token;
    return true;
  }
}
