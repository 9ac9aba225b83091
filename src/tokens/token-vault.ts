import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeLoginClient } from '../linode/linode-login.client';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';

/** A token held for a deployment (`token:<deploymentId>`). */
interface HeldToken {
  accessToken: string;
  scopes?: string[];
  expiresAt: number;
}

/** A revocation that failed for now and waits to be tried again (`revoke:<random>`). */
interface PendingRevocation {
  accessToken: string;
  attempt: number;
}

/** Sorted by due time: held tokens at their expiry, pending revocations at their next try. */
export const TOKEN_SCHEDULE = 'due:tokens';
const HELD = 'token:';
const PENDING = 'revoke:';
/** Linode access tokens live 2 h: past that, nothing is left to revoke. */
const LINODE_TOKEN_LIFETIME_MS = 2 * 60 * 60_000;
/** Held tokens end this long before Linode would end them, so one never outlives its grant. */
export const EXPIRY_MARGIN_MS = 60_000;
const SWEEP_BATCH = 100;
/** Waits between tries of a failed revocation; then it is given up (the token ends on its own). */
const RETRY_DELAYS_MS = [2_000, 10_000, 60_000, 300_000, 900_000, 3_600_000];

export type RevokeReason = 'settled' | 'ttl' | 'failure' | 'deleted';

/**
 * Holds a deployment's token only while needed. Due times live in the shared store, which every
 * instance sweeps; taking a token is atomic, so each is revoked once, even if its keeper died.
 */
@Injectable()
export class TokenVault implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Tokens');
  private sweeper?: NodeJS.Timeout;
  private sweeping: Promise<void> | null = null;
  private destroyed = false;
  private sweepFailing = false;

  constructor(
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loginClient: LinodeLoginClient,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep(), this.config.tokenSweepMs).unref();
  }

  /** Holds the token for at most TOKEN_TTL_MS, and never past Linode's `expires_in` (seconds) less a margin. */
  async keep(deploymentId: string, accessToken: string, scopes: string[] = [], expiresIn?: number): Promise<void> {
    const ttl = TokenVault.holdMs(this.config.tokenTtlMs, expiresIn);
    const expiresAt = Date.now() + ttl;
    // Kept in the store until Linode ends it anyway, so a sweep that comes late still finds it.
    const storeTtl = Math.max(ttl + 60_000, expiresIn === undefined ? LINODE_TOKEN_LIFETIME_MS : expiresIn * 1000);
    const key = `${HELD}${deploymentId}`;
    await this.store.set<HeldToken>(key, { accessToken, scopes, expiresAt }, storeTtl);
    await this.store.schedule(TOKEN_SCHEDULE, key, expiresAt);
  }

  static holdMs(tokenTtlMs: number, expiresIn: number | undefined): number {
    if (expiresIn === undefined || !Number.isFinite(expiresIn)) return tokenTtlMs;
    return Math.max(0, Math.min(tokenTtlMs, expiresIn * 1000 - EXPIRY_MARGIN_MS));
  }

  async grant(deploymentId: string): Promise<{ accessToken: string; scopes: string[] } | undefined> {
    const stored = await this.store.get<HeldToken>(`${HELD}${deploymentId}`);
    if (!stored) return undefined;
    if (Date.now() >= stored.expiresAt) {
      await this.revokeHeld(deploymentId, 'ttl');
      return undefined;
    }
    return { accessToken: stored.accessToken, scopes: stored.scopes ?? [] };
  }

  /** Revokes and forgets the token held for a deployment (whoever takes it first revokes it). */
  async revokeHeld(deploymentId: string, reason: RevokeReason): Promise<void> {
    const key = `${HELD}${deploymentId}`;
    const stored = await this.store.take<HeldToken>(key);
    await this.store.unschedule(TOKEN_SCHEDULE, key);
    if (!stored) return;
    const ok = await this.revokeOrRetryLater(stored.accessToken, 0);
    this.logger.log(`token for deployment ${deploymentId.slice(0, 6)}… ${ok ? 'revoked' : 'not revoked'} (${reason})`);
  }

  /** Revokes a token the vault never held (failures before a deployment exists). */
  async revoke(accessToken: string): Promise<void> {
    const ok = await this.revokeOrRetryLater(accessToken, 0);
    if (!ok) this.logger.warn('a token could not be revoked after a failed sign-in');
  }

  /** Revokes held tokens past their time and retries due revocations; one sweep at a time. */
  sweep(now = Date.now()): Promise<void> {
    this.sweeping ??= this.sweepOnce(now).finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(now: number): Promise<void> {
    try {
      for (;;) {
        const due = await this.store.due(TOKEN_SCHEDULE, now, SWEEP_BATCH);
        await Promise.all(
          due.map((key) => (key.startsWith(PENDING) ? this.retryRevocation(key) : this.revokeHeld(key.slice(HELD.length), 'ttl'))),
        );
        if (due.length < SWEEP_BATCH) break;
      }
      if (this.sweepFailing) this.logger.log('the token sweep works again');
      this.sweepFailing = false;
    } catch (error) {
      // Once per outage; readiness reports a store that is down.
      if (!this.sweepFailing) this.logger.warn(`the token sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      this.sweepFailing = true;
    }
  }

  private async retryRevocation(key: string): Promise<void> {
    const pending = await this.store.take<PendingRevocation>(key);
    await this.store.unschedule(TOKEN_SCHEDULE, key);
    if (pending) await this.revokeOrRetryLater(pending.accessToken, pending.attempt);
  }

  /** Whether the token is revoked now. While Linode is unavailable it waits in the store for another try. */
  private async revokeOrRetryLater(accessToken: string, attempt: number): Promise<boolean> {
    const outcome = await this.loginClient.revokeToken(accessToken);
    if (outcome === 'revoked') return true;
    if (outcome === 'refused') {
      this.logger.warn('Linode refused to revoke a token (it is already gone, or the request is wrong); not retrying');
      return false;
    }
    if (this.destroyed && !this.config.redisUrl) return false;
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay === undefined) {
      this.logger.error('gave up revoking a token after repeated failures; it expires on its own within 2 hours');
      return false;
    }
    const key = `${PENDING}${randomUUID()}`;
    await this.store.set<PendingRevocation>(key, { accessToken, attempt: attempt + 1 }, delay + LINODE_TOKEN_LIFETIME_MS);
    await this.store.schedule(TOKEN_SCHEDULE, key, Date.now() + delay);
    this.logger.log(`revoking a token failed for now; trying again in ${Math.round(delay / 1000)} s`);
    return false;
  }

  /** Stops sweeping; tokens in the in-process store, which ends with this process, are revoked now. */
  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    clearInterval(this.sweeper);
    await this.sweeping;
    if (this.config.redisUrl) return;
    await this.sweep(Number.POSITIVE_INFINITY);
  }
}
