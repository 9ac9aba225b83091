import { type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import { TaskCancelledError, timeout, type TimeoutPolicy, TimeoutStrategy } from 'cockatiel';
import type { Request } from 'express';
import { InternalOAuthError } from 'passport-oauth2';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeOAuthError } from '../linode/linode-api.error';
import { type LinodeTokenSet, TOKEN_PATH } from '../linode/linode-oauth-answers';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { LinodeCallMetrics } from '../observability/linode-call.metrics';
import { TokenVault } from '../tokens/token-vault';
import {
  InvalidSignInStateError,
  PkceRefusedError,
  SignInCancelledError,
  SignInCodeRejectedError,
  SignInFailedError,
  SignInUnavailableError,
} from './auth.errors';
import type { LinodeGrant, RequestWithGrant } from './linode.strategy';
import { describeExchangeFailure, exchangeStatusOf, isUnreachable, refusesPkce } from './token-exchange-failure';
import { PendingAuthorizationStore, SignInStateUnavailableError, type StateRejection } from './pending-authorization.store';

/**
 * `AuthGuard('linode')` on the callback: state is checked before the code is exchanged. node-oauth
 * has no timeout, so the guard bounds the exchange and revokes a grant that arrives too late.
 */
@Injectable()
export class LinodeCallbackGuard extends AuthGuard('linode') {
  private readonly logger = new Logger('Auth');
  private readonly timeoutMs: number;
  private readonly exchangeTimeout: TimeoutPolicy;
  private readonly pkce: boolean;
  /** For the call metrics: when each exchange started, and which ones were abandoned. */
  private readonly started = new WeakMap<Request, number>();
  private readonly givenUp = new WeakSet<Request>();

  constructor(
    private readonly states: PendingAuthorizationStore,
    private readonly metrics: DeploymentMetrics,
    private readonly calls: LinodeCallMetrics,
    private readonly vault: TokenVault,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'linodeTimeoutMs' | 'linode'>,
  ) {
    super();
    this.timeoutMs = config.linodeTimeoutMs;
    this.exchangeTimeout = timeout(config.linodeTimeoutMs, TimeoutStrategy.Aggressive);
    this.pkce = config.linode.pkce;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithGrant>();
    try {
      await this.refuseAnswersWithoutCode(req);
      this.started.set(req, Date.now());
      return await this.withinTimeout(req, super.canActivate(context) as Promise<boolean>);
    } catch (error) {
      if (error instanceof SignInCancelledError) this.metrics.record('denied');
      if (error instanceof InvalidSignInStateError) this.metrics.record('invalid_state');
      throw error;
    }
  }

  /** The passport run, bounded in time. */
  private async withinTimeout(req: RequestWithGrant, run: Promise<boolean>): Promise<boolean> {
    try {
      return (await this.exchangeTimeout.execute(() => run)) === true;
    } catch (error) {
      if (!(error instanceof TaskCancelledError)) throw error;
      this.givenUp.add(req);
      this.logger.warn(`token exchange: Linode's login service did not answer within ${this.timeoutMs} ms`);
      this.calls.record({ method: 'POST', endpoint: TOKEN_PATH, status: 'error', durationMs: this.timeoutMs });
      this.revokeLateGrant(req, run);
      throw new SignInFailedError('Linode’s login service did not answer in time.');
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

  override getAuthenticateOptions(): IAuthModuleOptions {
    return { session: false, property: 'linodeGrant' };
  }

  /** passport-oauth2 would neither use up the state of these answers nor stop at a missing code. */
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
  override handleRequest<TGrant = LinodeGrant>(err: unknown, user: unknown, info: unknown, context: ExecutionContext): TGrant {
    this.countExchange(context.switchToHttp().getRequest<Request>(), err, user);
    if (err) throw this.errorPage(err);
    if (!user) {
      const rejection = (info as { rejection?: StateRejection } | undefined)?.rejection ?? 'unknown';
      throw new InvalidSignInStateError(rejection);
    }
    const draftId = (info as { state?: { draftId?: unknown } } | undefined)?.state?.draftId;
    if (typeof draftId !== 'string') throw new SignInFailedError('The sign-in lost track of your choices.');
    const grant: LinodeGrant = { ...(user as LinodeTokenSet), draftId };
    return grant as TGrant;
  }

  /** One `linode_api_requests_total` count per exchange that was made (not for a refused state). */
  private countExchange(req: Request, err: unknown, user: unknown): void {
    if (err instanceof SignInStateUnavailableError || (!err && !user) || this.givenUp.has(req)) return;
    const status = err ? exchangeStatusOf(err) : 200;
    this.calls.record({ method: 'POST', endpoint: TOKEN_PATH, status, durationMs: Date.now() - (this.started.get(req) ?? Date.now()) });
  }

  private errorPage(err: unknown): Error {
    if (err instanceof SignInStateUnavailableError) {
      this.logger.error(err.message);
      return new SignInUnavailableError();
    }
    const cause: unknown = err instanceof InternalOAuthError ? err.oauthError : err;
    this.logger.warn(`token exchange failed: ${describeExchangeFailure(err, cause)}`);
    if (this.pkce && refusesPkce(cause)) {
      this.logger.error(
        'Linode refused the PKCE code_verifier on the token request. If this keeps happening, set LINODE_PKCE=off: the sign-in then sends no code_challenge or code_verifier (state still protects it).',
      );
      return new PkceRefusedError();
    }
    if (cause instanceof LinodeOAuthError && cause.error === 'invalid_grant') return new SignInCodeRejectedError();
    if (isUnreachable(err)) return new SignInFailedError('Linode’s login service could not be reached.');
    return new SignInFailedError('Linode did not accept the sign-in code.');
  }
}
