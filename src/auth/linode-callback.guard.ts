import { type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import { TaskCancelledError, timeout, TimeoutStrategy } from 'cockatiel';
import type { Request } from 'express';
import { InternalOAuthError } from 'passport-oauth2';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeOAuthError } from '../linode/linode-api.error';
import { type LinodeTokenSet, TOKEN_PATH } from '../linode/linode-oauth-answers';
import { UserFacingError } from '../common/user-facing.error';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { LinodeCallMetrics } from '../observability/linode-call.metrics';
import { TokenVault } from '../tokens/token-vault';
import { InvalidSignInStateError, SignInError, SignInFailedError } from './auth.errors';
import type { LinodeGrant, RequestWithGrant } from './linode.strategy';
import { describeExchangeFailure, exchangeStatusOf, isUnreachable, refusesPkce } from './token-exchange-failure';
import { PendingAuthorizationStore, SignInStateUnavailableError, type StateMeta, type StateRejection } from './pending-authorization.store';

/**
 * `AuthGuard('linode')` on the callback: state is checked before the code is exchanged. node-oauth
 * has no timeout, so the guard bounds the exchange and revokes a grant that arrives too late.
 */
@Injectable()
export class LinodeCallbackGuard extends AuthGuard('linode') {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly states: PendingAuthorizationStore,
    private readonly metrics: DeploymentMetrics,
    private readonly calls: LinodeCallMetrics,
    private readonly vault: TokenVault,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'linodeTimeoutMs' | 'linode'>,
  ) {
    super();
  }

  /** Merged last by AuthGuard, so module options injected later can't send the grant elsewhere. */
  override getAuthenticateOptions(): IAuthModuleOptions {
    return { property: 'linodeGrant' };
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithGrant>();
    try {
      await this.refuseAnswersWithoutCode(req);
      return await this.exchange(req, super.canActivate(context) as Promise<boolean>);
    } catch (error) {
      if (error instanceof SignInError && error.kind === 'cancelled') this.metrics.record('denied');
      if (error instanceof InvalidSignInStateError) this.metrics.record('invalid_state');
      throw error;
    }
  }

  /** Passport's run, bounded in time; each token request made is counted once, with Linode's status. */
  private async exchange(req: RequestWithGrant, run: Promise<boolean>): Promise<boolean> {
    const startedAt = Date.now();
    const count = (status: number | 'error') =>
      this.calls.record({ method: 'POST', endpoint: TOKEN_PATH, status, durationMs: Date.now() - startedAt });
    try {
      await timeout(this.config.linodeTimeoutMs, TimeoutStrategy.Aggressive).execute(() => run);
      count(200);
      return true;
    } catch (error) {
      // Refused before any token request (state), or already a page.
      if (error instanceof UserFacingError) throw error;
      if (error instanceof TaskCancelledError) {
        this.logger.warn(`token exchange: Linode's login service did not answer within ${this.config.linodeTimeoutMs} ms`);
        count('error');
        this.revokeLateGrant(req, run);
        throw new SignInFailedError('Linode’s login service did not answer in time.');
      }
      if (!(error instanceof SignInStateUnavailableError)) count(exchangeStatusOf(error));
      throw this.errorPage(error);
    }
  }

  private revokeLateGrant(req: RequestWithGrant, run: Promise<boolean>): void {
    run.then(
      async () => {
        const late = req.linodeGrant;
        if (!late) return;
        this.logger.warn('a sign-in completed after it had timed out: its token is revoked');
        await this.vault.revoke(late.accessToken);
      },
      () => undefined,
    );
  }

  /** passport-oauth2 would neither use up the state of these answers nor stop at a missing code. */
  private async refuseAnswersWithoutCode(req: Request): Promise<void> {
    const { code, error, state } = req.query;
    if (error === undefined && typeof code === 'string' && code !== '') return;
    const pending = await this.states.consume(req, state);
    if ('rejection' in pending) throw new InvalidSignInStateError(pending.rejection);
    if (error === undefined) throw new InvalidSignInStateError('missing');
    if (error === 'access_denied') throw new SignInError('cancelled');
    const shown = typeof error === 'string' ? error.replace(/[^a-z_]/g, '').slice(0, 64) || 'unknown' : 'unknown';
    throw new SignInFailedError(`Linode answered the sign-in with an error (${shown}).`);
  }

  /** Passport's outcome: the grant with its draft; an exchange error goes on to `exchange` as it is. */
  override handleRequest<TGrant = LinodeGrant>(
    err: Error | null,
    tokens: LinodeTokenSet | false,
    info: { rejection?: StateRejection; state?: StateMeta } | undefined,
  ): TGrant {
    if (err) throw err;
    if (!tokens || !info?.state) throw new InvalidSignInStateError(info?.rejection ?? 'unknown');
    const grant: LinodeGrant = { ...tokens, draftId: info.state.draftId };
    return grant as TGrant;
  }

  private errorPage(err: unknown): Error {
    if (err instanceof SignInStateUnavailableError) {
      this.logger.error(err.message);
      return new SignInError('unavailable');
    }
    const cause: unknown = err instanceof InternalOAuthError ? err.oauthError : err;
    this.logger.warn(`token exchange failed: ${describeExchangeFailure(err, cause)}`);
    if (this.config.linode.pkce && refusesPkce(cause)) {
      this.logger.error(
        'Linode refused the PKCE code_verifier on the token request. If this keeps happening, set LINODE_PKCE=off: the sign-in then sends no code_challenge or code_verifier (state still protects it).',
      );
      return new SignInError('pkceRefused');
    }
    if (cause instanceof LinodeOAuthError && cause.error === 'invalid_grant') return new SignInError('codeRejected');
    if (isUnreachable(err)) return new SignInFailedError('Linode’s login service could not be reached.');
    return new SignInFailedError('Linode did not accept the sign-in code.');
  }
}
