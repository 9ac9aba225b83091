import { createClient } from 'redis';
import { parseStored, wholeMs, type KeyValueStore } from './key-value.store';

/** Redis-backed store, shared by every app instance pointed at the same REDIS_URL. */
export class RedisKeyValueStore implements KeyValueStore {
  private constructor(private readonly client: ReturnType<typeof createClient>) {}

  static async connect(url: string): Promise<RedisKeyValueStore> {
    const client = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(retries * 200, 3000) } });
    client.on('error', () => undefined); // reconnects on its own; readiness reports the outage
    await client.connect();
    return new RedisKeyValueStore(client);
  }

  async get<T>(key: string): Promise<T | undefined> {
    return parseStored(await this.client.get(key));
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.client.set(key, JSON.stringify(value), { PX: wholeMs(ttlMs) });
  }

  async delete(key: string): Promise<void> {
    await this.client.del(key);
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    return (await this.client.pExpire(key, wholeMs(ttlMs))) === 1;
  }

  async take<T>(key: string): Promise<T | undefined> {
    return parseStored(await this.client.getDel(key));
  }

  async ttl(key: string): Promise<number | undefined> {
    const ms = await this.client.pTTL(key);
    return ms < 0 ? undefined : ms;
  }

  async count(prefix: string): Promise<number> {
    let n = 0;
    for await (const keys of this.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) n += keys.length;
    return n;
  }

  async schedule(schedule: string, member: string, dueAt: number): Promise<void> {
    await this.client.zAdd(schedule, { score: dueAt, value: member });
  }

  async unschedule(schedule: string, member: string): Promise<void> {
    await this.client.zRem(schedule, member);
  }

  async due(schedule: string, now: number, limit: number): Promise<string[]> {
    return this.client.zRange(schedule, '-inf', now, { BY: 'SCORE', LIMIT: { offset: 0, count: limit } });
  }

  /** A raw command, for libraries that bring their own Redis scripts (rate-limit-redis). */
  sendCommand(args: string[]): Promise<unknown> {
    return this.client.sendCommand(args);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}
