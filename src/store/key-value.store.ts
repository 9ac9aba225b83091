/**
 * The one storage abstraction behind sessions, drafts and deployment records: in-process
 * (bounded, expiring) by default, Redis when REDIS_URL is set so several app instances share it.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` as JSON for `ttlMs`. */
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Extends a key's lifetime without rewriting its value (false when absent). */
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one step: whoever takes a key first gets it, nobody else does. */
  take<T>(key: string): Promise<T | undefined>;
  /** Remaining lifetime in ms, or undefined when absent. */
  ttl(key: string): Promise<number | undefined>;
  /** Number of live keys with this prefix (for bounds checks and metrics). */
  count(prefix: string): Promise<number>;
  /**
   * Schedules: named sets of members, each with a due time (epoch ms); a sorted set in Redis, so
   * work due later (a held token to revoke) outlives the instance that planned it.
   * Adds `member` to `schedule`, or moves it, to be due at `dueAt`.
   */
  schedule(schedule: string, member: string, dueAt: number): Promise<void>;
  unschedule(schedule: string, member: string): Promise<void>;
  /** Up to `limit` members of `schedule` due at or before `now`, earliest first (not removed). */
  due(schedule: string, now: number, limit: number): Promise<string[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const KEY_VALUE_STORE = Symbol('KEY_VALUE_STORE');
