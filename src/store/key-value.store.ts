/** Storage behind sessions, drafts and deployments: in-process by default, Redis (shared by instances) with REDIS_URL. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** As JSON. */
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Extends a key's lifetime without rewriting its value (false when absent). */
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one step: whoever takes a key first gets it, nobody else does. */
  take<T>(key: string): Promise<T | undefined>;
  ttl(key: string): Promise<number | undefined>;
  count(prefix: string): Promise<number>;
  /** Adds `member` to `schedule` (or moves it) due at `dueAt` (epoch ms); in Redis it outlives this instance. */
  schedule(schedule: string, member: string, dueAt: number): Promise<void>;
  unschedule(schedule: string, member: string): Promise<void>;
  /** Up to `limit` members of `schedule` due at or before `now`, earliest first (not removed). */
  due(schedule: string, now: number, limit: number): Promise<string[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const KEY_VALUE_STORE = Symbol('KEY_VALUE_STORE');

/** Both stores keep lifetimes in whole milliseconds, at least one. */
export function wholeMs(ttlMs: number): number {
  return Math.max(1, Math.round(ttlMs));
}

export function parseStored<T>(raw: string | null | undefined): T | undefined {
  return raw == null ? undefined : (JSON.parse(raw) as T);
}
