import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { LinodeAuthorizationService } from './linode-authorization.service';
import type { LinodeGrant } from './linode.strategy';

export interface RequestWithGrant extends Request {
  linodeGrant?: LinodeGrant;
}

/** Completes the Linode sign-in on the callback (state first, then the code exchange). */
@Injectable()
export class LinodeCallbackGuard implements CanActivate {
  constructor(private readonly authorization: LinodeAuthorizationService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithGrant>();
    req.linodeGrant = await this.authorization.complete(req);
    return true;
  }
}
