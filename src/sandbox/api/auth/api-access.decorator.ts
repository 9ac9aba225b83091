import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { ScopeLevel } from '../../../linode/contract/oauth-scopes';
import type { SandboxToken } from '../../tokens/sandbox-token.store';

/** Who may call an endpoint: anyone, any valid token, or a token with a scope. */
export type ApiAccess = { kind: 'public' } | { kind: 'token' } | { kind: 'scope'; family: string; level: ScopeLevel };

export const API_ACCESS = 'sandbox:api-access';

/** No token needed (types, regions, public images and StackScripts). */
export const PublicEndpoint = () => SetMetadata(API_ACCESS, { kind: 'public' } satisfies ApiAccess);

/** Any valid token, whatever its scopes (`/profile`). */
export const AnyValidToken = () => SetMetadata(API_ACCESS, { kind: 'token' } satisfies ApiAccess);

/** A valid token whose scopes allow `level` on `family`. */
export const RequiresScope = (family: string, level: ScopeLevel) =>
  SetMetadata(API_ACCESS, { kind: 'scope', family, level } satisfies ApiAccess);

/** A request the access guard has authenticated. */
export interface AuthenticatedRequest extends Request {
  sandboxToken?: SandboxToken;
}

/** The token that authenticated this request (only on endpoints that require one). */
export const ApiToken = createParamDecorator((_: unknown, context: ExecutionContext): SandboxToken => {
  const token = context.switchToHttp().getRequest<AuthenticatedRequest>().sandboxToken;
  if (!token) throw new Error('ApiToken used on an endpoint without token authentication');
  return token;
});
