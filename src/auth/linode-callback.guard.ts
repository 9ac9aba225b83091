import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { InvalidSignInStateError, SignInCancelledError } from './auth.errors';
import { LinodeAuthorizationService } from './linode-authorization.service';
import type { LinodeGrant } from './linode.strategy';

export interface RequestWithGrant extends Request {
  linodeGrant?: LinodeGrant;
}

/** Completes the Linode sign-in on the callback (state first, then the code exchange). */
@Injectable()
export class LinodeCallbackGuard implements CanActivate {
  constructor(
    private readonly authorization: LinodeAuthorizationService,
    private readonly metrics: DeploymentMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithGrant>();
    try {
      req.linodeGrant = await this.authorization.complete(req);
    } catch (error) {
      if (error instanceof SignInCancelledError) this.metrics.record('denied');
      if (error instanceof InvalidSignInStateError) this.metrics.record('invalid_state');
      throw error;
    }
    return true;
  }
}
