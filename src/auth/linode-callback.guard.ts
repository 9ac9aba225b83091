import { type ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import type { Request } from 'express';
import { InternalOAuthError } from 'passport-oauth2';
import { UserFacingError } from '../common/user-facing.error';
import { LinodeOAuthError } from '../linode/linode-api.error';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { InvalidSignInStateError, PkceRefusedError, SignInCancelledError, SignInCodeRejectedError, SignInFailedError } from './auth.errors';
import { type LinodeGrant, LinodeStrategy } from './linode.strategy';
import { PendingAuthorizationStore, type StateRejection } from './pending-authorization.store';

/**
 * The login service's error names PKCE (its verifier or challenge) as what it refused. A verifier
 * that does not *match* is not a refusal of PKCE but a forged or mixed-up code: left to invalid_grant.
 */
export function refusesPkce(cause: unknown): boolean {
  if (!(cause instanceof LinodeOAuthError)) return false;
  const text = `${cause.error} ${cause.description ?? ''}`;
  return /code_verifier|code_challenge|pkce/i.test(text) && !/match/i.test(text);
}

/**
 * `AuthGuard('linode')` on the callback: the strategy checks `state` first (a bad one never reaches
 * the token endpoint), then exchanges the code; the grant lands on `req.linodeGrant`. Every way a
 * sign-in can end badly becomes its own page.
 */
@Injectable()
export class LinodeCallbackGuard extends AuthGuard('linode') {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly strategy: LinodeStrategy,
    private readonly states: PendingAuthorizationStore,
    private readonly metrics: DeploymentMetrics,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      await this.refuseAnswersWithoutCode(context.switchToHttp().getRequest<Request>());
      return (await super.canActivate(context)) === true;
    } catch (error) {
      if (error instanceof SignInCancelledError) this.metrics.record('denied');
      if (error instanceof InvalidSignInStateError) this.metrics.record('invalid_state');
      throw error;
    }
  }

  /** Called by AuthGuard synchronously before it runs passport: see LinodeStrategy.activate. */
  override getRequest(context: ExecutionContext): Request {
    this.strategy.activate();
    return context.switchToHttp().getRequest<Request>();
  }

  override getAuthenticateOptions(): IAuthModuleOptions {
    return { session: false, property: 'linodeGrant' };
  }

  /**
   * Linode's "no" (`?error=`) and a callback without a code: passport-oauth2 would not consume the
   * state (and would start a new sign-in on a missing code), so they end here, state used up.
   */
  private async refuseAnswersWithoutCode(req: Request): Promise<void> {
    const query = req.query as Record<string, unknown>;
    if (query.error !== undefined) {
      const pending = await this.states.consume(req, query.state);
      if ('rejection' in pending) throw new InvalidSignInStateError(pending.rejection);
      if (query.error === 'access_denied') throw new SignInCancelledError();
      const code = typeof query.error === 'string' ? query.error.replace(/[^a-z_]/g, '').slice(0, 64) || 'unknown' : 'unknown';
      throw new SignInFailedError(`Linode answered the sign-in with an error (${code}).`);
    }
    if (typeof query.code !== 'string' || query.code === '') {
      const pending = await this.states.consume(req, query.state);
      throw new InvalidSignInStateError('rejection' in pending ? pending.rejection : 'missing');
    }
  }

  /** Passport's outcome: the grant with its draft, or the page that says what went wrong. */
  override handleRequest<TGrant = LinodeGrant>(err: unknown, user: unknown, info: unknown): TGrant {
    if (err) throw this.errorPage(err);
    if (!user) {
      const rejection = (info as { rejection?: StateRejection } | undefined)?.rejection ?? 'unknown';
      throw new InvalidSignInStateError(rejection);
    }
    const draftId = (info as { state?: { draftId?: unknown } } | undefined)?.state?.draftId;
    if (typeof draftId !== 'string') throw new SignInFailedError('The sign-in lost track of your choices.');
    const grant: LinodeGrant = { ...(user as Omit<LinodeGrant, 'draftId'>), draftId };
    return grant as TGrant;
  }

  private errorPage(err: unknown): Error {
    if (!(err instanceof InternalOAuthError)) {
      // Not the exchange: the state store (our shared store) failed before any token request.
      this.logger.error(`sign-in state could not be checked: ${err instanceof Error ? err.message : String(err)}`);
      return new UserFacingError({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        title: 'This sign-in could not be checked right now',
        message:
          'Our session store did not answer, so the sign-in was not completed and nothing was deployed. Please try again in a moment.',
        retryAfterSeconds: 10,
      });
    }
    const cause: unknown = err.oauthError;
    this.logger.warn(`token exchange failed: ${cause instanceof Error ? cause.message : err.message}`);
    if (this.strategy.pkce && refusesPkce(cause)) {
      this.logger.error(
        'Linode refused the PKCE code_verifier on the token request. If this keeps happening, set LINODE_PKCE=off: the sign-in then sends no code_challenge or code_verifier (state still protects it).',
      );
      return new PkceRefusedError();
    }
    // invalid_grant: the code expired, was already used, or is not Linode's. The person can start again.
    if (cause instanceof LinodeOAuthError && cause.error === 'invalid_grant') return new SignInCodeRejectedError();
    return new SignInFailedError('Linode did not accept the sign-in code.');
  }
}
