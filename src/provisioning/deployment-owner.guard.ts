import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { DeploymentRecord } from './deployment.record';
import { DeploymentStore } from './deployment.store';

interface RequestWithDeployment extends Request {
  deployment?: DeploymentRecord;
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
    const browserId = req.session.browserId;
    const id = req.params.id;
    const stored = browserId && typeof id === 'string' ? await this.deployments.get(id) : undefined;
    if (!stored || typeof stored.ownerId !== 'string' || !safeEqual(stored.ownerId, browserId!)) throw new NotFoundException();
    req.deployment = stored;
    return true;
  }
}

/** The deployment DeploymentOwnerGuard checked. */
export const OwnedDeployment = createParamDecorator((_data: unknown, context: ExecutionContext): DeploymentRecord => {
  const deployment = context.switchToHttp().getRequest<RequestWithDeployment>().deployment;
  if (!deployment) throw new NotFoundException();
  return deployment;
});
