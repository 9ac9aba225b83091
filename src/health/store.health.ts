import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';

export const STORE_PING_TIMEOUT_MS = Symbol('STORE_PING_TIMEOUT_MS');

/**
 * Up when the key-value store answers a ping in time. A Redis client that lost its connection may
 * queue commands instead of failing them, hence the timeout. Error messages are not passed on:
 * a Redis error can quote the URL, password included.
 */
@Injectable()
export class StoreHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Inject(STORE_PING_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    // Unreferenced: a pending probe never keeps the process alive.
    const timedOut = sleep(this.timeoutMs, 'timeout' as const, { ref: false });
    try {
      const answer = await Promise.race([this.store.ping(), timedOut]);
      if (answer === true) return indicator.up();
      return indicator.down({
        message: answer === 'timeout' ? `no answer to a ping within ${this.timeoutMs} ms` : 'the store refused a ping',
      });
    } catch {
      return indicator.down({ message: 'the ping failed' });
    }
  }
}
