import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { PendingAuthorization } from '../common/session-data';

/** A sign-in must come back within this time. */
export const PENDING_AUTHORIZATION_TTL_MS = 10 * 60 * 1000;
/** Sign-ins kept per browser at once (one per tab, roughly). */
export const MAX_PENDING_AUTHORIZATIONS = 5;

/** Why a callback's `state` was not accepted: each gets its own page. */
export type StateRejection = 'missing' | 'unknown' | 'expired';

export interface StateMeta {
  draftId: string;
}

type StoreCallback = (err: Error | null, state?: string) => void;
type VerifyCallback = (err: Error | null, verifier: string | false, info?: { draftId: string } | { rejection: StateRejection }) => void;

/**
 * passport-oauth2 state store with PKCE: each sign-in attempt gets its own unguessable `state`
 * (256 bits) bound to this browser's session, its code verifier and its draft. Several attempts
 * (tabs) live side by side, bounded and expiring; each state is single use.
 */
export class PendingAuthorizationStore {
  constructor(private readonly now: () => number = Date.now) {}

  /** Called by passport when a sign-in starts (arity 5: PKCE). */
  store(req: Request, codeVerifier: string, meta: StateMeta, _passportMeta: unknown, callback: StoreCallback): void {
    if (!meta || typeof meta.draftId !== 'string') {
      callback(new Error('a sign-in needs a draft'));
      return;
    }
    const state = randomBytes(32).toString('base64url');
    const pending = this.live(req);
    pending[state] = { codeVerifier, draftId: meta.draftId, createdAt: this.now() };
    const states = Object.keys(pending).sort((a, b) => pending[a].createdAt - pending[b].createdAt);
    for (const old of states.slice(0, Math.max(0, states.length - MAX_PENDING_AUTHORIZATIONS))) delete pending[old];
    req.session.pendingAuthorizations = pending;
    callback(null, state);
  }

  /** Called by passport on the callback (arity 3): consumes the state whatever the outcome. */
  verify(req: Request, providedState: unknown, callback: VerifyCallback): void {
    const result = this.consume(req, providedState);
    if ('rejection' in result) callback(null, false, result);
    else callback(null, result.codeVerifier, { draftId: result.draftId });
  }

  /** Takes the pending sign-in for `state` out of the session (single use). */
  consume(req: Request, providedState: unknown): PendingAuthorization | { rejection: StateRejection } {
    if (typeof providedState !== 'string' || providedState === '') return { rejection: 'missing' };
    const all = req.session.pendingAuthorizations ?? {};
    const found = Object.prototype.hasOwnProperty.call(all, providedState) ? all[providedState] : undefined;
    if (found) {
      delete all[providedState];
      req.session.pendingAuthorizations = all;
    }
    if (!found) return { rejection: 'unknown' };
    if (this.now() - found.createdAt > PENDING_AUTHORIZATION_TTL_MS) return { rejection: 'expired' };
    return found;
  }

  /** Pending sign-ins still within their TTL (expired ones are dropped). */
  private live(req: Request): Record<string, PendingAuthorization> {
    const all = req.session.pendingAuthorizations ?? {};
    const fresh: Record<string, PendingAuthorization> = {};
    for (const [state, pending] of Object.entries(all)) {
      if (this.now() - pending.createdAt <= PENDING_AUTHORIZATION_TTL_MS) fresh[state] = pending;
    }
    return fresh;
  }
}
