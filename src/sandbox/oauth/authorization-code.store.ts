import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { SANDBOX_OPTIONS, SandboxOptions } from '../sandbox.options';

/** What the user approved, bound to a code until the client exchanges it. */
export interface AuthorizationGrant {
  clientId: string;
  username: string;
  scopes: string[];
  /** The redirect URI the code was sent to, as the client wrote it (or the registered one). */
  redirectUri: string;
  /** S256 challenge from the authorize request; null when the client sent none. */
  codeChallenge: string | null;
}

export interface AuthorizationCode extends AuthorizationGrant {
  /** Opaque id that tokens issued from this code carry (never the code itself). */
  id: string;
  code: string;
  expiresAt: number;
  redeemedAt: number | null;
}

export type Redemption =
  | { kind: 'redeemed'; code: AuthorizationCode }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  /** Second use of a code: RFC 6749 §4.1.2 wants every token issued from it revoked. */
  | { kind: 'reused'; codeId: string };

/** How long a redeemed or expired code is remembered, so that a late replay is still detected. */
const REMEMBER_AFTER_EXPIRY_MS = 10 * 60_000;

/**
 * Authorization codes of the sandbox's login service: single use, short-lived, kept in memory.
 * Bounded: forgotten `REMEMBER_AFTER_EXPIRY_MS` after they expire, and beyond `maxCodes` the
 * oldest are forgotten first.
 */
@Injectable()
export class SandboxAuthorizationCodeStore {
  /** In the order issued, which (with one TTL) is also the order in which they expire. */
  private readonly byCode = new Map<string, AuthorizationCode>();

  constructor(@Inject(SANDBOX_OPTIONS) private readonly options: Pick<SandboxOptions, 'codeTtlMs' | 'maxCodes'>) {}

  get size(): number {
    return this.byCode.size;
  }

  issue(grant: AuthorizationGrant, now = Date.now()): AuthorizationCode {
    this.forgetOldCodes(now);
    let code: string;
    // Linode's codes are 20 hex characters (Cloud Manager's example callback).
    do code = randomBytes(10).toString('hex');
    while (this.byCode.has(code));
    const issued: AuthorizationCode = {
      ...grant,
      scopes: [...grant.scopes],
      id: randomUUID(),
      code,
      expiresAt: now + this.options.codeTtlMs,
      redeemedAt: null,
    };
    this.byCode.set(code, issued);
    for (const oldest of this.byCode.keys()) {
      if (this.byCode.size <= this.options.maxCodes) break;
      this.byCode.delete(oldest);
    }
    return issued;
  }

  /** Uses up a code: whatever the outcome, the same code never redeems again. */
  redeem(code: string, now = Date.now()): Redemption {
    const found = this.byCode.get(code);
    if (!found) return { kind: 'unknown' };
    if (found.redeemedAt !== null) return { kind: 'reused', codeId: found.id };
    found.redeemedAt = now;
    return now >= found.expiresAt ? { kind: 'expired' } : { kind: 'redeemed', code: found };
  }

  reset(): void {
    this.byCode.clear();
  }

  private forgetOldCodes(now: number): void {
    for (const [code, stored] of this.byCode) {
      if (now < stored.expiresAt + REMEMBER_AFTER_EXPIRY_MS) break;
      this.byCode.delete(code);
    }
  }
}
