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

  private ttlOf(session: SessionData): number {
    const expires = session.cookie?.expires ? new Date(session.cookie.expires).getTime() - Date.now() : NaN;
    return Number.isFinite(expires) && expires > 0 ? expires : this.defaultTtlMs;
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.store.get<SessionData>(PREFIX + sid).then((s) => callback(null, s ?? null), callback);
  }

  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    this.store.set(PREFIX + sid, session, this.ttlOf(session)).then(() => callback?.(), callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.store.delete(PREFIX + sid).then(() => callback?.(), callback);
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    this.store.set(PREFIX + sid, session, this.ttlOf(session)).then(() => callback?.(), () => callback?.());
  }

  override length(callback: (err: unknown, length?: number) => void): void {
    this.store.count(PREFIX).then((n) => callback(null, n), callback);
  }
}
