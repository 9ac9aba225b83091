import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LinodeLoginClient } from '../linode/linode-login.client';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';

interface StoredToken {
  accessToken: string;
  /** What the person granted (e.g. `*` also allows reading events for progress). */
  scopes?: string[];
  expiresAt: number;
}

/**
 * Keeps a deployment's access token server-side only while it is needed: it is revoked when the
 * deployment settles, on any failure, and after TOKEN_TTL_MS if nobody comes back for it.
 */
@Injectable()
export class TokenVault implements OnModuleDestroy {
  private readonly logger = new Logger('Tokens');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Give-backs that failed and wait to be tried again. */
  private readonly retries = new Set<NodeJS.Timeout>();
  private destroyed = false;

  constructor(
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loginClient: LinodeLoginClient,
  ) {}

  async keep(deploymentId: string, accessToken: string, scopes: string[] = []): Promise<void> {
    const ttl = this.config.tokenTtlMs;
    await this.store.set<StoredToken>(`token:${deploymentId}`, { accessToken, scopes, expiresAt: Date.now() + ttl }, ttl + 60_000);
    const timer = setTimeout(() => void this.revoke(deploymentId, 'ttl'), ttl);
    timer.unref();
    this.timers.set(deploymentId, timer);
  }

  /** The held token with its scopes, while it is still within its TTL. */
  async grant(deploymentId: string): Promise<{ accessToken: string; scopes: string[] } | undefined> {
    const stored = await this.store.get<StoredToken>(`token:${deploymentId}`);
    if (!stored) return undefined;
    if (Date.now() >= stored.expiresAt) {
      await this.revoke(deploymentId, 'ttl');
      return undefined;
    }
    return { accessToken: stored.accessToken, scopes: stored.scopes ?? [] };
  }

  /** Revokes and forgets the token (idempotent; whoever takes it first revokes it). */
  async revoke(deploymentId: string, reason: 'settled' | 'ttl' | 'failure' | 'deleted'): Promise<void> {
    const timer = this.timers.get(deploymentId);
    if (timer) clearTimeout(timer);
    this.timers.delete(deploymentId);
    const stored = await this.store.take<StoredToken>(`token:${deploymentId}`);
    if (!stored) return;
    const ok = await this.giveBack(stored.accessToken);
    this.logger.log(`token for deployment ${deploymentId.slice(0, 6)}… ${ok ? 'revoked' : 'not yet revoked, retrying'} (${reason})`);
  }

  /** Revokes a token that never made it into the vault (failures before a deployment exists). */
  async revokeUnkept(accessToken: string): Promise<void> {
    const ok = await this.giveBack(accessToken);
    if (!ok) this.logger.warn('a token could not be revoked after a failed sign-in; retrying');
  }

  /**
   * Revokes now (the login client already retries a few times); when Linode still does not
   * answer, keeps trying in the background with growing pauses, for as long as such a token could
   * still be useful (about 80 min in all; Linode tokens expire after 2 h). Resolves to whether the first round succeeded.
   */
  private async giveBack(accessToken: string, attempt = 0): Promise<boolean> {
    if (await this.loginClient.revoke(accessToken)) return true;
    if (this.destroyed) return false;
    const delay = TokenVault.RETRY_DELAYS_MS[attempt];
    if (delay === undefined) {
      this.logger.error('gave up revoking a token after repeated failures; it expires on its own within 2 hours');
      return false;
    }
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      void this.giveBack(accessToken, attempt + 1);
    }, delay);
    timer.unref();
    this.retries.add(timer);
    return false;
  }

  private static readonly RETRY_DELAYS_MS = [2_000, 10_000, 60_000, 300_000, 900_000, 3_600_000];

  /**
   * On shutdown with the in-process store, tokens would be lost with it: give them back. With a
   * shared store (Redis) another instance carries on with them, so they stay.
   */
  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    if (this.config.redisUrl) return;
    await Promise.all([...this.timers.keys()].map((id) => this.revoke(id, 'ttl')));
  }
}
