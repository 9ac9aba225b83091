import { type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { InvalidSignInStateError, SignInError } from './auth.errors';

/** Remembers the draft this browser signs in for, and answers where its sign-in starts. */
export function signInStartFor(req: Request, draftId: string): string {
  req.session.draftId = draftId;
  return '/auth/linode';
}

/** Whether a draft still waits for its sign-in: provided by whoever keeps the drafts. */
export abstract class SignInDrafts {
  abstract has(draftId: string): Promise<boolean>;
}

/**
 * `AuthGuard('linode')` on the sign-in start: only for this browser's fresh draft, never for another
 * site's navigation, and refused before passport stores any state.
 */
@Injectable()
export class LinodeSignInGuard extends AuthGuard('linode') {
  private readonly logger = new Logger('Auth');

  constructor(private readonly drafts: SignInDrafts) {
    super();
  }

  override async getAuthenticateOptions(context: ExecutionContext): Promise<IAuthModuleOptions> {
    const req = context.switchToHttp().getRequest<Request>();
    const site = req.get('Sec-Fetch-Site');
    if (site === 'cross-site' || site === 'same-site') throw new SignInError('crossSite');
    // passport-oauth2 would take these for a callback and redeem the code here.
    if (req.query.code !== undefined || req.query.error !== undefined) throw new InvalidSignInStateError('unknown');
    const draftId = req.session.draftId;
    if (draftId === undefined || !(await this.drafts.has(draftId))) throw new SignInError('noDraft');
    context.switchToHttp().getResponse<Response>().setHeader('Cache-Control', 'no-store');
    return { state: { draftId } };
  }

  /** Reached only when the sign-in could not start (its state not stored); a started one redirected. */
  override handleRequest<T>(err: unknown): T {
    this.logger.error(`a sign-in could not start: ${String(err)}`);
    throw new SignInError('unavailable');
  }
}
