import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SANDBOX_OPTIONS, SandboxOptions } from '../sandbox.options';

export type SandboxTokenStatus = 'active' | 'revoked' | 'expired';

export interface SandboxToken {
  /** Opaque id for the control plane; never the token itself. */
  id: string;
  accessToken: string;
  refreshToken: string;
  clientId: string;
  username: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** Id of the authorization code it was issued from (a reused code revokes these). */
  codeId: string | null;
}

/** What `/__sandbox/tokens` shows: no raw token, but a fingerprint a test can compute itself. */
export interface SandboxTokenView {
  id: string;
  clientId: string;
  username: string;
  scopes: string[];
  status: SandboxTokenStatus;
  /** sha256 hex of the access token. */
  fingerprint: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export type Authentication = { ok: true; token: SandboxToken } | { ok: false; status: 'invalid' | 'revoked' | 'expired' };

export function tokenFingerprint(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('hex');
}

/** A revoked token is still listed (and answers "revoked", not "invalid") for this long. */
export const REVOKED_TOKEN_MEMORY_MS = 5 * 60_000;
/** An expired token's refresh token still works for this long after the access token expired. */
export const REFRESH_WINDOW_MS = 24 * 3_600_000;

/**
 * Access and refresh tokens issued by the sandbox's login service, shared with its API. Bounded:
 * a revoked token is forgotten `REVOKED_TOKEN_MEMORY_MS` after its revocation, an expired one once
 * its refresh window has passed, and beyond `maxTokens` the oldest are forgotten first.
 */
@Injectable()
export class SandboxTokenStore {
  private readonly byAccess = new Map<string, SandboxToken>();
  private readonly byRefresh = new Map<string, SandboxToken>();
  /** By id, in the order issued. */
  private readonly all = new Map<string, SandboxToken>();

  constructor(@Inject(SANDBOX_OPTIONS) private readonly options: Pick<SandboxOptions, 'accessTokenTtlMs' | 'maxTokens'>) {}

  get size(): number {
    return this.all.size;
  }

  issue(input: { clientId: string; username: string; scopes: string[]; codeId: string | null }, now = Date.now()): SandboxToken {
    this.forgetSpent(now);
    const token: SandboxToken = {
      id: randomUUID(),
      accessToken: randomBytes(32).toString('hex'),
      refreshToken: randomBytes(32).toString('hex'),
      clientId: input.clientId,
      username: input.username,
      scopes: [...input.scopes],
      createdAt: now,
      expiresAt: now + this.options.accessTokenTtlMs,
      revokedAt: null,
      codeId: input.codeId,
    };
    this.byAccess.set(token.accessToken, token);
    this.byRefresh.set(token.refreshToken, token);
    this.all.set(token.id, token);
    for (const oldest of this.all.values()) {
      if (this.all.size <= this.options.maxTokens) break;
      this.forget(oldest);
    }
    return token;
  }

  status(token: SandboxToken, now = Date.now()): SandboxTokenStatus {
    if (token.revokedAt !== null) return 'revoked';
    return now >= token.expiresAt ? 'expired' : 'active';
  }

  authenticate(accessToken: string | null | undefined): Authentication {
    const token = accessToken ? this.byAccess.get(accessToken) : undefined;
    if (!token) return { ok: false, status: 'invalid' };
    const status = this.status(token);
    return status === 'active' ? { ok: true, token } : { ok: false, status };
  }

  /** The token a refresh token belongs to, if it is still usable (refresh works after expiry, within a window). */
  findByRefreshToken(refreshToken: string, now = Date.now()): SandboxToken | undefined {
    const token = this.byRefresh.get(refreshToken);
    return token && token.revokedAt === null && now < token.expiresAt + REFRESH_WINDOW_MS ? token : undefined;
  }

  /** Finds by access or refresh token. */
  findByAnyToken(value: string): SandboxToken | undefined {
    return this.byAccess.get(value) ?? this.byRefresh.get(value);
  }

  revoke(token: SandboxToken, now = Date.now()): void {
    if (token.revokedAt === null) token.revokedAt = now;
  }

  revokeIssuedFromCode(codeId: string): void {
    for (const token of this.all.values()) if (token.codeId === codeId) this.revoke(token);
  }

  list(): SandboxTokenView[] {
    const iso = (ms: number) => new Date(ms).toISOString();
    return [...this.all.values()].map((token) => ({
      id: token.id,
      clientId: token.clientId,
      username: token.username,
      scopes: token.scopes,
      status: this.status(token),
      fingerprint: tokenFingerprint(token.accessToken),
      createdAt: iso(token.createdAt),
      expiresAt: iso(token.expiresAt),
      revokedAt: token.revokedAt === null ? null : iso(token.revokedAt),
    }));
  }

  reset(): void {
    this.byAccess.clear();
    this.byRefresh.clear();
    this.all.clear();
  }

  /** Forgets the tokens nobody can use any more and that the control plane no longer needs to show. */
  private forgetSpent(now: number): void {
    for (const token of this.all.values()) {
      const revokedLongAgo = token.revokedAt !== null && now >= token.revokedAt + REVOKED_TOKEN_MEMORY_MS;
      const refreshOver = now >= token.expiresAt + REFRESH_WINDOW_MS;
      if (revokedLongAgo || refreshOver) this.forget(token);
    }
  }

  private forget(token: SandboxToken): void {
    this.all.delete(token.id);
    this.byAccess.delete(token.accessToken);
    this.byRefresh.delete(token.refreshToken);
  }
}
