import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { browserIdOf } from '../common/session-data';
import type { KeyValueStore } from '../store/key-value.store';

/** A sign-in must come back within this time. */
export const PENDING_AUTHORIZATION_TTL_MS = 10 * 60 * 1000;
/** Kept a little longer than valid, so a late callback is told "expired" rather than "unknown". */
const RETENTION_MS = PENDING_AUTHORIZATION_TTL_MS + 5 * 60 * 1000;

/** Why a callback's `state` was not accepted: each gets its own page. */
export type StateRejection = 'missing' | 'unknown' | 'expired';

export interface StateMeta {
  draftId: string;
}

/** A sign-in in flight, stored under `pending:<state>`. */
export interface PendingAuthorization {
  /** null when PKCE is off (LINODE_PKCE=off). */
  codeVerifier: string | null;
  draftId: string;
  /** The browser that started it: only that browser may complete it. */
  browserId: string;
  createdAt: number;
}

type StoreCallback = (err: Error | null, state?: string) => void;
type VerifyCallback = (
  err: Error | null,
  // A string is the PKCE verifier; `true` accepts the state without one (PKCE off).
  verifier: string | boolean,
  info?: StateMeta | { rejection: StateRejection },
) => void;

const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The shared store failed while checking a callback's state: no code was exchanged. */
export class SignInStateUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the sign-in state could not be checked: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = new.target.name;
  }
}

/**
 * passport-oauth2's state store with PKCE: each attempt gets its own unguessable `state`, bound to
 * the browser that started it, in the shared store (several tabs, several instances); single use.
 */
export class PendingAuthorizationStore {
  constructor(
    private readonly keyValues: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called by passport when a sign-in starts (arity 5: PKCE). */
  store(
    req: Request,
    codeVerifier: string | undefined,
    meta: StateMeta | undefined,
    _passportMeta: unknown,
    callback: StoreCallback,
  ): void {
    if (typeof meta?.draftId !== 'string') {
      callback(new Error('a sign-in needs a draft'));
      return;
    }
    const pending: PendingAuthorization = {
      codeVerifier: codeVerifier ?? null,
      draftId: meta.draftId,
      browserId: browserIdOf(req),
      createdAt: this.now(),
    };
    this.keep(pending).then(
      (state) => callback(null, state),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** One sign-in in flight per draft: a new start replaces the last, so repeated starts cannot grow the store. */
  private async keep(pending: PendingAuthorization): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const previous = await this.keyValues.take<string>(`draft-sign-in:${pending.draftId}`);
    if (previous) await this.keyValues.delete(`pending:${previous}`);
    await this.keyValues.set(`pending:${state}`, pending, RETENTION_MS);
    await this.keyValues.set(`draft-sign-in:${pending.draftId}`, state, RETENTION_MS);
    return state;
  }

  /** Called by passport on the callback (arity 3): consumes the state whatever the outcome. */
  verify(req: Request, providedState: unknown, callback: VerifyCallback): void {
    this.consume(req, providedState).then(
      (result) => {
        if ('rejection' in result) callback(null, false, result);
        // passport-oauth2 sends a `code_verifier` only when given a string; `true` means "state ok, no PKCE".
        else callback(null, result.codeVerifier ?? true, { draftId: result.draftId });
      },
      (error: unknown) => callback(new SignInStateUnavailableError(error), false),
    );
  }

  /** Takes the pending sign-in for `state` out of the store (single use), if this browser owns it. */
  async consume(req: Request, providedState: unknown): Promise<PendingAuthorization | { rejection: StateRejection }> {
    if (typeof providedState !== 'string' || providedState === '') return { rejection: 'missing' };
    if (!STATE_PATTERN.test(providedState)) return { rejection: 'unknown' };
    const found = await this.keyValues.take<PendingAuthorization>(`pending:${providedState}`);
    // Minted for another browser (another cookie jar): treated as unknown, and now used up.
    if (!found || found.browserId !== req.session.browserId) return { rejection: 'unknown' };
    if (this.now() - found.createdAt > PENDING_AUTHORIZATION_TTL_MS) return { rejection: 'expired' };
    return found;
  }
}
