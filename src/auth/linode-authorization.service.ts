import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';
import type { Request } from 'express';
import { LinodeOAuthError } from '../linode/linode-api.error';
import { type ExchangeFailure, LinodeGrant, LinodeStrategy } from './linode.strategy';
import { PendingAuthorizationStore, StateRejection } from './pending-authorization.store';
import {
  InvalidSignInStateError,
  PkceRefusedError,
  SignInCancelledError,
  SignInCodeRejectedError,
  SignInFailedError,
} from './auth.errors';

/**
 * The login service's error names PKCE (its verifier or challenge) as what it refused. A verifier
 * that does not *match* is not a refusal of PKCE but a forged or mixed-up code: left to invalid_grant.
 */
export function refusesPkce(cause: unknown): boolean {
  if (!(cause instanceof LinodeOAuthError)) return false;
  const text = `${cause.error} ${cause.description ?? ''}`;
  return /code_verifier|code_challenge|pkce/i.test(text) && !/match/i.test(text);
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/** What passport's strategy actions resolve to when run outside the middleware chain. */
interface StrategyActions {
  redirect(url: string, status?: number): void;
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(err: Error): void;
  pass(): void;
}

/**
 * Runs the passport `linode` strategy for the two halves of a sign-in and turns its callbacks into
 * promises, so controllers decide how to answer (302, or 200 + HX-Redirect for htmx).
 */
@Injectable()
export class LinodeAuthorizationService {
  private readonly logger = new Logger('Auth');
  /** The strategy instance itself (not passport's global registry, so several apps can coexist). */
  constructor(private readonly strategy: LinodeStrategy) {}

  private get states(): PendingAuthorizationStore {
    return this.strategy.pendingAuthorizations;
  }

  /** Starts a sign-in for a stored draft; resolves to Linode's authorize URL. */
  begin(req: Request, draftId: string): Promise<string> {
    return this.run<string>(req, { session: false, state: { draftId } }, (settle) => ({
      redirect: (url) => settle({ ok: true, value: url }),
      success: () => settle({ ok: false, error: new Error('unexpected success while starting a sign-in') }),
      fail: () => settle({ ok: false, error: new Error('sign-in could not start') }),
    }));
  }

  /**
   * Completes a sign-in from the callback request. The `state` is checked before anything else;
   * a bad one never reaches the token endpoint.
   */
  async complete(req: Request): Promise<LinodeGrant> {
    const query = req.query as Record<string, unknown>;
    if (query.error !== undefined) {
      // Consume the state either way, so it cannot be replayed.
      const pending = await this.states.consume(req, query.state);
      if ('rejection' in pending) throw new InvalidSignInStateError(pending.rejection);
      if (query.error === 'access_denied') throw new SignInCancelledError();
      const code = typeof query.error === 'string' ? query.error.replace(/[^a-z_]/g, '').slice(0, 64) || 'unknown' : 'unknown';
      throw new SignInFailedError(`Linode answered the sign-in with an error (${code}).`);
    }
    if (typeof query.code !== 'string' || query.code === '') {
      // No code and no error: still consume any state so the attempt is over.
      const pending = await this.states.consume(req, query.state);
      throw new InvalidSignInStateError('rejection' in pending ? pending.rejection : 'missing');
    }
    return this.run<LinodeGrant>(req, { session: false }, (settle) => ({
      redirect: () => settle({ ok: false, error: new SignInFailedError('Unexpected redirect during sign-in.') }),
      success: (user, info) => {
        const draftId = (info as { state?: { draftId?: string } } | undefined)?.state?.draftId;
        if (!draftId) return settle({ ok: false, error: new SignInFailedError('The sign-in lost track of your choices.') });
        settle({ ok: true, value: { ...(user as Omit<LinodeGrant, 'draftId'>), draftId } });
      },
      fail: (challenge) => {
        const rejection = (challenge as { rejection?: StateRejection } | undefined)?.rejection ?? 'unknown';
        settle({ ok: false, error: new InvalidSignInStateError(rejection) });
      },
      error: (err) => {
        const failure = (err as { oauthError?: ExchangeFailure }).oauthError;
        if (!failure) {
          // Not the exchange: the state store (our shared store) failed before any token request.
          this.logger.error(`sign-in state could not be checked: ${err.message}`);
          return settle({
            ok: false,
            error: new UserFacingError({
              status: HttpStatus.SERVICE_UNAVAILABLE,
              title: 'This sign-in could not be checked right now',
              message: 'Our session store did not answer, so the sign-in was not completed and nothing was deployed. Please try again in a moment.',
              retryAfterSeconds: 10,
            }),
          });
        }
        const cause = failure.cause;
        this.logger.warn(`token exchange failed: ${cause instanceof Error ? cause.message : err.message}`);
        if (this.strategy.pkce && refusesPkce(cause)) {
          this.logger.error(
            'Linode refused the PKCE code_verifier on the token request. If this keeps happening, set LINODE_PKCE=off: the sign-in then sends no code_challenge or code_verifier (state still protects it).',
          );
          return settle({ ok: false, error: new PkceRefusedError() });
        }
        // invalid_grant: the code expired, was already used, or is not Linode's. The person can start again.
        if (cause instanceof LinodeOAuthError && cause.error === 'invalid_grant') settle({ ok: false, error: new SignInCodeRejectedError() });
        else settle({ ok: false, error: new SignInFailedError('Linode did not accept the sign-in code.') });
      },
    }));
  }

  private run<T>(
    req: Request,
    options: Record<string, unknown>,
    handlers: (settle: (outcome: Outcome<T>) => void) => Partial<StrategyActions>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: Outcome<T>) => {
        if (settled) return;
        settled = true;
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
      };
      const actions: StrategyActions = {
        redirect: () => settle({ ok: false, error: new Error('unexpected redirect') }),
        success: () => settle({ ok: false, error: new Error('unexpected success') }),
        fail: () => settle({ ok: false, error: new Error('sign-in failed') }),
        error: (err) => settle({ ok: false, error: err }),
        pass: () => settle({ ok: false, error: new Error('sign-in passed') }),
        ...handlers(settle),
      };
      const attempt = Object.assign(Object.create(this.strategy) as { authenticate(req: Request, options: unknown): void }, actions);
      try {
        attempt.authenticate(req, options);
      } catch (err) {
        settle({ ok: false, error: err instanceof Error ? err : new Error(String(err)) });
      }
    });
  }
}
