import { Store, type SessionData } from 'express-session';
import type { KeyValueStore } from './key-value.store';

const PREFIX = 'sess:';

/** express-session Store over our KeyValueStore: sessions expire with their cookie, and are bounded. */
export class KeyValueSessionStore extends Store {
  constructor(
    private readonly store: KeyValueStore,
    private readonly defaultTtlMs: number,
  ) {
    super();
  }

  /** Until the cookie expires (0 or less: it has, drop the session); without an expiry, the default. */
  private ttlOf(session: SessionData): number {
    const remaining = new Date(session.cookie?.expires ?? NaN).getTime() - Date.now();
    return Number.isNaN(remaining) ? this.defaultTtlMs : remaining;
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.store.get<SessionData>(PREFIX + sid).then((s) => callback(null, s ?? null), callback);
  }

  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    const ttl = this.ttlOf(session);
    const write = ttl > 0 ? this.store.set(PREFIX + sid, session, ttl) : this.store.delete(PREFIX + sid);
    void write.then(() => callback?.(), callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    void this.store.delete(PREFIX + sid).then(() => callback?.(), callback);
  }

  /**
   * Only extends the lifetime: rewriting the session as this request read it would undo what a
   * concurrent request saved meanwhile (e.g. an inline validation racing the form's submit).
   */
  override touch(sid: string, session: SessionData, callback?: () => void): void {
    const ttl = this.ttlOf(session);
    const done = ttl > 0 ? this.store.expire(PREFIX + sid, ttl) : this.store.delete(PREFIX + sid);
    // A failed extension only means the session is not extended.
    void done.catch(() => undefined).then(() => callback?.());
  }
}
