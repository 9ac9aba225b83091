import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { LinodeLoginClient } from '../linode/linode-login.client';
import { scopesAllow } from '../linode/oauth-scopes';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { InsufficientScopesError } from './auth.errors';
import type { RequestWithGrant } from './linode-callback.guard';

/** Whether granted scopes let the app create a Linode: `*`, `linodes:*` or `linodes:read_write`. */
export function canCreateLinodes(granted: readonly string[]): boolean {
  return scopesAllow(granted, 'linodes', 'read_write');
}

/**
 * Stands in front of provisioning: a person may trim scopes on Linode's consent page, so the
 * granted ones are checked; when they are not enough the token is given back at once.
 */
@Injectable()
export class ScopesGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly loginClient: LinodeLoginClient,
    private readonly metrics: DeploymentMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const grant = context.switchToHttp().getRequest<RequestWithGrant>().linodeGrant;
    if (!grant) throw new InsufficientScopesError([]);
    if (canCreateLinodes(grant.scopes)) return true;
    this.metrics.record('insufficient_scopes');
    const revoked = await this.loginClient.revoke(grant.accessToken);
    if (!revoked) this.logger.warn('could not revoke a token with insufficient scopes');
    throw new InsufficientScopesError(grant.scopes);
  }
}
