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

export type Authentication =
  | { ok: true; token: SandboxToken }
  | { ok: false; status: 'invalid' | 'revoked' | 'expired' };

export function tokenFingerprint(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('hex');
}

/** Access and refresh tokens issued by the sandbox's login service, shared with its API. */
@Injectable()
export class SandboxTokenStore {
  private readonly byAccess = new Map<string, SandboxToken>();
  private readonly byRefresh = new Map<string, SandboxToken>();
  private readonly all: SandboxToken[] = [];

  constructor(@Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions) {}

  issue(input: { clientId: string; username: string; scopes: string[]; codeId: string | null }): SandboxToken {
    const now = Date.now();
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
    this.all.push(token);
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

  /** The token a refresh token belongs to, if it is still usable (refresh works after expiry). */
  findByRefreshToken(refreshToken: string): SandboxToken | undefined {
    const token = this.byRefresh.get(refreshToken);
    return token && token.revokedAt === null ? token : undefined;
  }

  /** Finds by access or refresh token. */
  findByAnyToken(value: string): SandboxToken | undefined {
    return this.byAccess.get(value) ?? this.byRefresh.get(value);
  }

  revoke(token: SandboxToken): void {
    if (token.revokedAt === null) token.revokedAt = Date.now();
  }

  revokeIssuedFromCode(codeId: string): void {
    for (const token of this.all) if (token.codeId === codeId) this.revoke(token);
  }

  list(): SandboxTokenView[] {
    const iso = (ms: number) => new Date(ms).toISOString();
    return this.all.map((token) => ({
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
    this.all.length = 0;
  }
}
