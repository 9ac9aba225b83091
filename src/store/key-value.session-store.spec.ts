import express from 'express';
import session, { type SessionData } from 'express-session';
import request from 'supertest';
import { InMemoryKeyValueStore } from './in-memory.store';
import type { KeyValueStore } from './key-value.store';
import { KeyValueSessionStore } from './key-value.session-store';

const DEFAULT_TTL_MS = 60 * 60 * 1000;

/** A session as express-session hands it to a store. */
function sessionWith(expires: Date | null, data: Partial<SessionData> = {}): SessionData {
  const cookie = new session.Cookie();
  cookie.expires = expires;
  return { cookie, browserId: 'browser-1', ...data };
}

/** The callback-style Store methods as promises. */
const call = {
  get: (store: KeyValueSessionStore, sid: string) =>
    new Promise<SessionData | null | undefined>((resolve, reject) => store.get(sid, (err, s) => (err ? reject(err) : resolve(s)))),
  set: (store: KeyValueSessionStore, sid: string, s: SessionData) =>
    new Promise<void>((resolve, reject) => store.set(sid, s, (err) => (err ? reject(err) : resolve()))),
  destroy: (store: KeyValueSessionStore, sid: string) =>
    new Promise<void>((resolve, reject) => store.destroy(sid, (err) => (err ? reject(err) : resolve()))),
  touch: (store: KeyValueSessionStore, sid: string, s: SessionData) => new Promise<void>((resolve) => store.touch(sid, s, () => resolve())),
};

describe('KeyValueSessionStore', () => {
  let backing: InMemoryKeyValueStore;
  let store: KeyValueSessionStore;

  beforeEach(() => {
    backing = new InMemoryKeyValueStore();
    store = new KeyValueSessionStore(backing, DEFAULT_TTL_MS);
  });

  it('gives back a session it stored', async () => {
    const stored = sessionWith(new Date(Date.now() + 60_000), { browserId: 'browser-with-a-deployment' });
    await call.set(store, 'sid-1', stored);
    expect(await call.get(store, 'sid-1')).toEqual(JSON.parse(JSON.stringify(stored)));
  });

  it('answers null (not an error) for a session it does not have', async () => {
    expect(await call.get(store, 'unknown')).toBeNull();
  });

  it('keeps sessions under their own prefix in the shared store', async () => {
    await call.set(store, 'sid-1', sessionWith(null));
    expect(await backing.get('sess:sid-1')).toBeDefined();
    expect(await backing.get('sid-1')).toBeUndefined();
  });

  it('forgets a destroyed session', async () => {
    await call.set(store, 'sid-1', sessionWith(null));
    await call.destroy(store, 'sid-1');
    expect(await call.get(store, 'sid-1')).toBeNull();
  });

  it('keeps a session as long as its cookie lives', async () => {
    await call.set(store, 'sid-1', sessionWith(new Date(Date.now() + 5 * 60_000)));
    const ttl = (await backing.ttl('sess:sid-1')) ?? 0;
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000 + 1);
  });

  it('reads the cookie expiry also when it comes back from JSON as a string', async () => {
    const fromJson = JSON.parse(JSON.stringify(sessionWith(new Date(Date.now() + 2 * 60_000)))) as SessionData;
    expect(typeof fromJson.cookie.expires).toBe('string');
    await call.set(store, 'sid-1', fromJson);
    expect(await backing.ttl('sess:sid-1')).toBeLessThanOrEqual(2 * 60_000 + 1);
  });

  it('keeps a session without a cookie expiry for the default time', async () => {
    await call.set(store, 'sid-1', sessionWith(null));
    expect(await backing.ttl('sess:sid-1')).toBeGreaterThan(DEFAULT_TTL_MS - 1_000);
  });

  it('does not rewrite the session on touch, so a concurrent save survives', async () => {
    await call.set(store, 'sid-1', { ...sessionWith(null), browserId: 'old' });
    const readEarlier = (await call.get(store, 'sid-1'))!;
    await call.set(store, 'sid-1', { ...sessionWith(null), browserId: 'saved-meanwhile' });
    await call.touch(store, 'sid-1', readEarlier);
    expect((await call.get(store, 'sid-1'))?.browserId).toBe('saved-meanwhile');
  });

  it('extends the lifetime on touch', async () => {
    await call.set(store, 'sid-1', sessionWith(new Date(Date.now() + 60_000)));
    await call.touch(store, 'sid-1', sessionWith(new Date(Date.now() + 10 * 60_000)));
    expect(await backing.ttl('sess:sid-1')).toBeGreaterThan(9 * 60_000);
  });

  describe('when the shared store fails', () => {
    const failure = new Error('store down');
    const broken: KeyValueStore = {
      get: () => Promise.reject(failure),
      set: () => Promise.reject(failure),
      delete: () => Promise.reject(failure),
      expire: () => Promise.reject(failure),
      take: () => Promise.reject(failure),
      ttl: () => Promise.reject(failure),
      count: () => Promise.reject(failure),
      schedule: () => Promise.reject(failure),
      unschedule: () => Promise.reject(failure),
      due: () => Promise.reject(failure),
      ping: () => Promise.resolve(false),
      close: () => Promise.resolve(),
    };
    const failing = () => new KeyValueSessionStore(broken, DEFAULT_TTL_MS);

    it('passes the error to get, set and destroy callers', async () => {
      await expect(call.get(failing(), 's')).rejects.toBe(failure);
      await expect(call.set(failing(), 's', sessionWith(null))).rejects.toBe(failure);
      await expect(call.destroy(failing(), 's')).rejects.toBe(failure);
    });

    it('lets touch finish quietly (the session simply is not extended)', async () => {
      await expect(call.touch(failing(), 's', sessionWith(null))).resolves.toBeUndefined();
    });
  });

  describe('behind express-session', () => {
    function app() {
      const server = express();
      server.use(
        session({
          secret: 'test-secret-0123456789',
          store,
          resave: false,
          saveUninitialized: false,
          rolling: true,
          cookie: { maxAge: 10 * 60_000 },
        }),
      );
      server.post('/count', (req, res) => {
        const visits = Number(req.session.browserId ?? '0') + 1;
        req.session.browserId = String(visits);
        res.json({ visits });
      });
      server.post('/logout', (req, res) => req.session.destroy(() => res.end()));
      return server;
    }

    it('keeps a browser’s session between requests', async () => {
      const agent = request.agent(app());
      await agent.post('/count').expect(200, { visits: 1 });
      await agent.post('/count').expect(200, { visits: 2 });
      expect(await backing.count('sess:')).toBe(1);
    });

    it('stores it for the cookie’s max age', async () => {
      const response = await request(app()).post('/count').expect(200);
      const ttl = (await backing.ttl(`sess:${sessionIdFrom(response.headers['set-cookie'])}`)) ?? 0;
      expect(ttl).toBeGreaterThan(9 * 60_000);
      expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 1);
    });

    it('removes a destroyed session from the store', async () => {
      const agent = request.agent(app());
      await agent.post('/count').expect(200);
      await agent.post('/logout').expect(200);
      expect(await backing.count('sess:')).toBe(0);
      await agent.post('/count').expect(200, { visits: 1 });
    });
  });
});

/** The session id inside express-session's signed cookie (`s:<id>.<signature>`). */
function sessionIdFrom(setCookie: string[] | string | undefined): string {
  const header = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('connect.sid='));
  const value = decodeURIComponent(header?.split(';')[0].slice('connect.sid='.length) ?? '');
  const match = /^s:([^.]+)\./.exec(value);
  if (!match) throw new Error('no session cookie');
  return match[1];
}
