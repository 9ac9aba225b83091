import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SANDBOX_OPTIONS, SandboxOptions } from '../../sandbox.options';
import { SandboxInstanceRetirement } from './instance-retirement';
import { SandboxInstanceStore } from './sandbox-instance.store';

/** How often expired Linodes are swept when nobody calls the sandbox. */
const SWEEP_EVERY_MS = { min: 1_000, max: 60_000 };

/**
 * Deletes each Linode `instanceTtlMs` after it was created, as the account owner would: a
 * `linode_delete` event at the moment it expired, its address back in the pool. Every request
 * sweeps first (InstanceExpiryInterceptor), and an unref'd timer sweeps in quiet times so that
 * addresses and memory come back even when nobody asks.
 */
@Injectable()
export class SandboxInstanceExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
    private readonly store: SandboxInstanceStore,
    private readonly retirement: SandboxInstanceRetirement,
  ) {}

  get enabled(): boolean {
    return this.options.instanceTtlMs > 0;
  }

  /** Deletes every Linode whose time is up at `now`; returns how many went. */
  sweep(now = Date.now()): number {
    if (!this.enabled) return 0;
    const ttl = this.options.instanceTtlMs;
    let expired = 0;
    // The store yields Linodes in creation order, so the first one still alive ends the sweep.
    for (const instance of this.store.oldestFirst()) {
      const expiresAt = instance.createdAt + ttl;
      if (expiresAt > now) break;
      this.retirement.retire(instance, expiresAt);
      expired += 1;
    }
    return expired;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const every = Math.min(SWEEP_EVERY_MS.max, Math.max(SWEEP_EVERY_MS.min, Math.floor(this.options.instanceTtlMs / 4)));
    this.timer = setInterval(() => this.sweep(), every);
    // A sandbox with nothing else to do must not keep its process alive for the sweep.
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
