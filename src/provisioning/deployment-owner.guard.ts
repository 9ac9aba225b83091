import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { DeploymentRecord } from './deployment.record';
import { DeploymentStore } from './deployment.store';

/** Behind DeploymentOwnerGuard, which sets `deployment` or refuses. */
interface RequestWithDeployment extends Request {
  deployment: DeploymentRecord;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Lets through only the browser that created the deployment `:id`; anyone else gets the same 404
 * as for no deployment at all. The record is then `@OwnedDeployment()`.
 */
@Injectable()
export class DeploymentOwnerGuard implements CanActivate {
  constructor(private readonly deployments: DeploymentStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithDeployment>();
    const { browserId } = req.session;
    const { id } = req.params;
    if (!browserId || typeof id !== 'string') throw new NotFoundException();
    const stored = await this.deployments.get(id);
    if (!stored || !safeEqual(stored.ownerId, browserId)) throw new NotFoundException();
    req.deployment = stored;
    return true;
  }
}

/** The deployment DeploymentOwnerGuard checked. */
export const OwnedDeployment = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<RequestWithDeployment>().deployment,
);
