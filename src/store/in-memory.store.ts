import { LRUCache } from 'lru-cache';
import type { KeyValueStore } from './key-value.store';

/**
 * In-process store: every entry expires, and the whole store is bounded (least recently used
 * entries go first), so neither abandoned sessions nor a flood of requests can grow it forever.
 * Values are kept as JSON strings so callers never share mutable objects, exactly as with Redis.
 */
export class InMemoryKeyValueStore implements KeyValueStore {
  private readonly cache: LRUCache<string, string>;

  constructor(maxEntries = 50_000) {
    this.cache = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false, allowStale: false });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = this.cache.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.cache.set(key, JSON.stringify(value), { ttl: Math.max(1, Math.round(ttlMs)) });
  }

  async delete(key: string): Promise<void> {
    this.cache.delete(key);
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    const raw = this.cache.get(key);
    if (raw === undefined) return false;
    this.cache.set(key, raw, { ttl: Math.max(1, Math.round(ttlMs)) });
    return true;
  }

  async take<T>(key: string): Promise<T | undefined> {
    // Read and delete with no await in between: a second taker cannot see the value.
    const raw = this.cache.get(key);
    this.cache.delete(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async ttl(key: string): Promise<number | undefined> {
    if (!this.cache.has(key)) return undefined;
    return this.cache.getRemainingTTL(key);
  }

  async count(prefix: string): Promise<number> {
    this.cache.purgeStale();
    let n = 0;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) n++;
    return n;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.cache.clear();
  }
}
