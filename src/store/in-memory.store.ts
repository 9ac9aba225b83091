import { LRUCache } from 'lru-cache';
import { parseStored, wholeMs, type KeyValueStore } from './key-value.store';

/**
 * In-process store: entries expire, and each kind (the key's prefix before `:`) is bounded on its
 * own, least recently used first, so a flood of sessions never pushes out a held token. Values are
 * kept as JSON, as in Redis, so callers never share mutable objects.
 */
export class InMemoryKeyValueStore implements KeyValueStore {
  private readonly caches = new Map<string, LRUCache<string, string>>();
  private readonly schedules = new Map<string, Map<string, number>>();

  /** @param maxBytesPerKind the bound for each kind of key (`sess:`, `token:`, …), in characters of key and JSON. */
  constructor(private readonly maxBytesPerKind = 32 * 2 ** 20) {}

  private cacheFor(key: string): LRUCache<string, string> {
    const colon = key.indexOf(':');
    const kind = colon < 0 ? '' : key.slice(0, colon);
    let cache = this.caches.get(kind);
    if (!cache) {
      // A size bound, not an entry count: lru-cache allocates its arrays for `max` entries up front.
      cache = new LRUCache<string, string>({ maxSize: this.maxBytesPerKind, sizeCalculation: (value, key) => key.length + value.length });
      this.caches.set(kind, cache);
    }
    return cache;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return parseStored(this.cacheFor(key).get(key));
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.cacheFor(key).set(key, JSON.stringify(value), { ttl: wholeMs(ttlMs) });
  }

  async delete(key: string): Promise<void> {
    this.cacheFor(key).delete(key);
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    const cache = this.cacheFor(key);
    const raw = cache.get(key);
    if (raw === undefined) return false;
    cache.set(key, raw, { ttl: wholeMs(ttlMs) });
    return true;
  }

  async take<T>(key: string): Promise<T | undefined> {
    // Read and delete with no await in between: a second taker cannot see the value.
    const cache = this.cacheFor(key);
    const raw = cache.get(key);
    cache.delete(key);
    return parseStored(raw);
  }

  async ttl(key: string): Promise<number | undefined> {
    // Whole milliseconds, as Redis's PTTL answers: never above the lifetime set, never 0 while get() still finds it.
    const remaining = this.cacheFor(key).getRemainingTTL(key);
    return remaining > 0 ? Math.max(1, Math.floor(remaining)) : undefined;
  }

  async count(prefix: string): Promise<number> {
    // keys() skips expired entries.
    const keys = [...this.caches.values()].flatMap((cache) => [...cache.keys()]);
    return keys.filter((key) => key.startsWith(prefix)).length;
  }

  async schedule(schedule: string, member: string, dueAt: number): Promise<void> {
    let entries = this.schedules.get(schedule);
    if (!entries) this.schedules.set(schedule, (entries = new Map()));
    // Delete first, so a moved member goes to the end like a new one (ties keep insertion order).
    entries.delete(member);
    entries.set(member, dueAt);
  }

  async unschedule(schedule: string, member: string): Promise<void> {
    this.schedules.get(schedule)?.delete(member);
  }

  async due(schedule: string, now: number, limit: number): Promise<string[]> {
    const entries = [...(this.schedules.get(schedule) ?? [])];
    return entries
      .filter(([, dueAt]) => dueAt <= now)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([member]) => member);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.caches.clear();
    this.schedules.clear();
  }
}
