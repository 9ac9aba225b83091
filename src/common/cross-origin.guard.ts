import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UserFacingError } from './user-facing.error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether an unsafe request came from another site's page, as Go's `CrossOriginProtection` judges
 * it: Fetch Metadata first, then `Origin` against PUBLIC_URL's. Neither header: not a browser.
 */
export function isCrossOriginRequest(req: Request, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const site = req.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = req.get('origin');
  return origin !== undefined && origin !== publicOrigin;
}

/** Refuses every cross-origin form post, delete or htmx request; no tokens needed. */
@Injectable()
export class CrossOriginGuard implements CanActivate {
  // PUBLIC_URL is parsed to a bare origin.
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'publicUrl'>) {}

  canActivate(context: ExecutionContext): boolean {
    if (!isCrossOriginRequest(context.switchToHttp().getRequest<Request>(), this.config.publicUrl)) return true;
    throw new UserFacingError({
      status: 403,
      title: 'Request refused',
      message: 'This form was not sent from this site’s own page, so nothing was done. Reload the start page and try again.',
    });
  }
}
