import { createMock } from '@golevelup/ts-jest';
import type { Request } from 'express';
import type { SessionData } from 'express-session';
import '../common/session-data';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import {
  SignInStateUnavailableError,
  PENDING_AUTHORIZATION_TTL_MS,
  type PendingAuthorization,
  PendingAuthorizationStore,
  type StateMeta,
} from './pending-authorization.store';

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const BROWSER_A = 'browser-a-0123456789abcd';
const BROWSER_B = 'browser-b-0123456789abcd';
/** Shaped like a real state (43 base64url characters), but never handed out. */
const NEVER_STARTED = 'a'.repeat(43);

/** Only `session` is read by the store. */
function browser(session: Partial<SessionData> = {}): Request {
  return createMock<Request>({ session });
}

/** A clock the tests move by hand. */
function manualClock(start = START) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Starts a sign-in the way passport does, resolving to the state handed out. */
function storeState(store: PendingAuthorizationStore, req: Request, verifier: string | undefined, meta: StateMeta): Promise<string> {
  return new Promise((resolve, reject) =>
    store.store(req, verifier, meta, {}, (err, state) => {
      if (err) reject(err);
      else if (state === undefined) reject(new Error('the store gave neither an error nor a state'));
      else resolve(state);
    }),
  );
}

type Verified = { verifier: string | boolean; info: unknown };

/** Checks a callback's state the way passport does. */
function verifyState(store: PendingAuthorizationStore, req: Request, state: unknown): Promise<Verified> {
  return new Promise((resolve, reject) =>
    store.verify(req, state, (err, verifier, info) => (err ? reject(err) : resolve({ verifier, info }))),
  );
}

const UNKNOWN: Verified = { verifier: false, info: { rejection: 'unknown' } };

describe('PendingAuthorizationStore', () => {
  let keyValues: InMemoryKeyValueStore;
  let clock: ReturnType<typeof manualClock>;
  let store: PendingAuthorizationStore;

  const pendingOf = (state: string) => keyValues.get<PendingAuthorization>(`pending:${state}`);

  beforeEach(() => {
    keyValues = new InMemoryKeyValueStore();
    clock = manualClock();
    store = new PendingAuthorizationStore(keyValues, clock.now);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('starting a sign-in', () => {
    it('gives a state of 256 random bits, base64url-encoded', async () => {
      const state = await storeState(store, browser(), 'verifier', { draftId: 'd1' });
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(state, 'base64url')).toHaveLength(32);
    });

    it('never gives the same state twice', async () => {
      const states = new Set<string>();
      for (let i = 0; i < 500; i++) states.add(await storeState(store, browser(), 'v', { draftId: 'd' }));
      expect(states.size).toBe(500);
    });

    it('keeps the code verifier, the draft, the browser and the start time under pending:<state> in the shared store', async () => {
      const state = await storeState(store, browser({ browserId: BROWSER_A }), 'the-verifier', { draftId: 'draft-1' });
      expect(await pendingOf(state)).toEqual({
        codeVerifier: 'the-verifier',
        draftId: 'draft-1',
        browserId: BROWSER_A,
        createdAt: START,
      });
    });

    it('gives a browser without an id a random one, and binds the sign-in to it', async () => {
      const req = browser();
      const state = await storeState(store, req, 'v', { draftId: 'd' });
      expect(req.session.browserId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect((await pendingOf(state))?.browserId).toBe(req.session.browserId);
    });

    it('keeps the id a browser already has', async () => {
      const req = browser({ browserId: BROWSER_A });
      await storeState(store, req, 'v', { draftId: 'd' });
      expect(req.session.browserId).toBe(BROWSER_A);
    });

    it('keeps one sign-in per draft: a new start replaces the last, so repeated starts cannot grow the store', async () => {
      const req = browser({ browserId: BROWSER_A });
      const replaced = await storeState(store, req, 'v1', { draftId: 'd1' });
      for (let i = 0; i < 20; i++) await storeState(store, req, 'v', { draftId: 'd1' });
      const latest = await storeState(store, req, 'v2', { draftId: 'd1' });
      await storeState(store, req, 'v3', { draftId: 'd2' });
      expect(await keyValues.count('pending:')).toBe(2);
      expect(await verifyState(store, req, replaced)).toEqual(UNKNOWN);
      expect(await verifyState(store, req, latest)).toEqual({ verifier: 'v2', info: { draftId: 'd1' } });
    });

    it('puts nothing in the session but the browser id', async () => {
      const req = browser();
      await storeState(store, req, 'v', { draftId: 'd' });
      await storeState(store, req, 'v2', { draftId: 'd2' });
      expect(Object.keys(req.session)).toEqual(['browserId']);
    });

    it('keeps the sign-in in the store a little longer than its 10 minutes, so a late callback is told it expired', async () => {
      const state = await storeState(store, browser(), 'v', { draftId: 'd' });
      expect(await keyValues.ttl(`pending:${state}`)).toBeGreaterThan(PENDING_AUTHORIZATION_TTL_MS);
    });

    it('keeps sign-ins from several tabs side by side', async () => {
      const req = browser({ browserId: BROWSER_A });
      const first = await storeState(store, req, 'v1', { draftId: 'd1' });
      const second = await storeState(store, req, 'v2', { draftId: 'd2' });
      expect(await pendingOf(first)).toMatchObject({ codeVerifier: 'v1', draftId: 'd1' });
      expect(await pendingOf(second)).toMatchObject({ codeVerifier: 'v2', draftId: 'd2' });
    });

    it('refuses to start a sign-in without a draft, storing nothing', async () => {
      const callback = jest.fn();
      store.store(browser(), 'v', undefined, {}, callback);
      expect(callback).toHaveBeenCalledWith(expect.any(Error));
      expect(callback.mock.calls[0]).toHaveLength(1);
      expect(await keyValues.count('pending:')).toBe(0);
    });

    it('passes a store failure to passport as an error, with no state', async () => {
      const failure = new Error('store down');
      jest.spyOn(keyValues, 'set').mockRejectedValue(failure);
      const callback = jest.fn();
      await new Promise<void>((resolve) => {
        store.store(browser(), 'v', { draftId: 'd' }, {}, (...args) => {
          callback(...args);
          resolve();
        });
      });
      expect(callback).toHaveBeenCalledTimes(1);
      expect(callback.mock.calls[0]).toEqual([failure]);
    });

    it('turns a store failure that is not an Error into one', async () => {
      jest.spyOn(keyValues, 'set').mockRejectedValue('connection reset');
      await expect(storeState(store, browser(), 'v', { draftId: 'd' })).rejects.toThrow('connection reset');
    });
  });

  describe('coming back from Linode', () => {
    it('gives back the code verifier and the draft for a known state', async () => {
      const req = browser();
      const state = await storeState(store, req, 'the-verifier', { draftId: 'draft-1' });
      expect(await verifyState(store, req, state)).toEqual({ verifier: 'the-verifier', info: { draftId: 'draft-1' } });
    });

    it('accepts a known state without a verifier when PKCE is off, so passport sends no code_verifier', async () => {
      const req = browser();
      const state = await storeState(store, req, undefined, { draftId: 'draft-1' });
      expect(await pendingOf(state)).toMatchObject({ codeVerifier: null });
      expect(await verifyState(store, req, state)).toEqual({ verifier: true, info: { draftId: 'draft-1' } });
    });

    it('consume resolves to the whole pending sign-in', async () => {
      const req = browser({ browserId: BROWSER_A });
      const state = await storeState(store, req, 'the-verifier', { draftId: 'draft-1' });
      await expect(store.consume(req, state)).resolves.toEqual({
        codeVerifier: 'the-verifier',
        draftId: 'draft-1',
        browserId: BROWSER_A,
        createdAt: START,
      });
    });

    it('accepts a state only once, and removes it from the store', async () => {
      const req = browser();
      const state = await storeState(store, req, 'v', { draftId: 'd' });
      await verifyState(store, req, state);
      expect(await pendingOf(state)).toBeUndefined();
      expect(await verifyState(store, req, state)).toEqual(UNKNOWN);
    });

    it('lets only one of two simultaneous callbacks with the same state through', async () => {
      const req = browser();
      const state = await storeState(store, req, 'v', { draftId: 'd' });
      const results = await Promise.all([store.consume(req, state), store.consume(req, state)]);
      expect(results.filter((result) => 'rejection' in result)).toEqual([{ rejection: 'unknown' }]);
    });

    it('accepts both sign-ins when two tabs each started one, in either order', async () => {
      const req = browser();
      const first = await storeState(store, req, 'v1', { draftId: 'd1' });
      const second = await storeState(store, req, 'v2', { draftId: 'd2' });
      expect(await verifyState(store, req, second)).toEqual({ verifier: 'v2', info: { draftId: 'd2' } });
      expect(await verifyState(store, req, first)).toEqual({ verifier: 'v1', info: { draftId: 'd1' } });
    });

    it('leaves the other tabs’ sign-ins in place when one comes back', async () => {
      const req = browser();
      const first = await storeState(store, req, 'v1', { draftId: 'd1' });
      const second = await storeState(store, req, 'v2', { draftId: 'd2' });
      await verifyState(store, req, first);
      expect(await pendingOf(second)).toMatchObject({ codeVerifier: 'v2' });
    });

    it.each([
      ['absent', undefined],
      ['empty', ''],
      ['repeated', ['a', 'b']],
      ['an object', { state: 'x' }],
      ['a number', 42],
    ])('rejects a state that is %s as missing', async (_name, state) => {
      const req = browser();
      await storeState(store, req, 'v', { draftId: 'd' });
      expect(await verifyState(store, req, state)).toEqual({ verifier: false, info: { rejection: 'missing' } });
    });

    it('rejects a state nobody started as unknown', async () => {
      expect(await verifyState(store, browser({ browserId: BROWSER_A }), NEVER_STARTED)).toEqual(UNKNOWN);
    });

    it('rejects a state started in another browser as unknown', async () => {
      const state = await storeState(store, browser({ browserId: BROWSER_A }), 'v', { draftId: 'd' });
      expect(await verifyState(store, browser({ browserId: BROWSER_B }), state)).toEqual(UNKNOWN);
    });

    it('uses up a state presented by another browser, so the browser that started it cannot complete it either', async () => {
      const owner = browser({ browserId: BROWSER_A });
      const state = await storeState(store, owner, 'v', { draftId: 'd' });
      await verifyState(store, browser({ browserId: BROWSER_B }), state);
      expect(await pendingOf(state)).toBeUndefined();
      expect(await verifyState(store, owner, state)).toEqual(UNKNOWN);
    });

    it('rejects a state presented by a browser that has no id yet (a fresh session) as unknown', async () => {
      const state = await storeState(store, browser({ browserId: BROWSER_A }), 'v', { draftId: 'd' });
      expect(await verifyState(store, browser(), state)).toEqual(UNKNOWN);
    });

    it('keeps this browser’s own sign-in when it presents a state it never started', async () => {
      const req = browser();
      const own = await storeState(store, req, 'v', { draftId: 'd' });
      expect(await verifyState(store, req, NEVER_STARTED)).toEqual(UNKNOWN);
      expect(await verifyState(store, req, own)).toEqual({ verifier: 'v', info: { draftId: 'd' } });
    });

    it('accepts a state until the end of its 10 minutes', async () => {
      const req = browser();
      const state = await storeState(store, req, 'v', { draftId: 'd' });
      clock.advance(PENDING_AUTHORIZATION_TTL_MS);
      expect((await verifyState(store, req, state)).verifier).toBe('v');
    });

    it('rejects a state older than 10 minutes as expired, and uses it up', async () => {
      const req = browser();
      const state = await storeState(store, req, 'v', { draftId: 'd' });
      clock.advance(PENDING_AUTHORIZATION_TTL_MS + 1);
      expect(await verifyState(store, req, state)).toEqual({ verifier: false, info: { rejection: 'expired' } });
      expect(await pendingOf(state)).toBeUndefined();
      expect(await verifyState(store, req, state)).toEqual(UNKNOWN);
    });

    it.each([
      ['too short', 'a'.repeat(42)],
      ['too long', 'a'.repeat(44)],
      ['with standard base64 characters', `${'a'.repeat(41)}+/`],
      ['padded', `${'a'.repeat(42)}=`],
      ['with a key separator', `x:${'a'.repeat(41)}`],
      ['with a wildcard', `${'a'.repeat(42)}*`],
    ])('rejects a state that is %s as unknown without looking it up', async (_name, state) => {
      const take = jest.spyOn(keyValues, 'take');
      expect(await verifyState(store, browser({ browserId: BROWSER_A }), state)).toEqual(UNKNOWN);
      expect(take).not.toHaveBeenCalled();
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'])(
      'treats the object key %p as an unknown state, without looking it up or touching the browser’s own sign-in',
      async (key) => {
        const req = browser();
        const own = await storeState(store, req, 'v', { draftId: 'd' });
        const take = jest.spyOn(keyValues, 'take');
        expect(await verifyState(store, req, key)).toEqual(UNKNOWN);
        expect(take).not.toHaveBeenCalled();
        expect(Object.getPrototypeOf(req.session)).toBe(Object.prototype);
        expect(await pendingOf(own)).toMatchObject({ codeVerifier: 'v' });
      },
    );

    it('treats object keys as unknown even for a browser with no sign-in at all', async () => {
      for (const key of ['__proto__', 'constructor']) {
        expect(await verifyState(store, browser(), key)).toEqual(UNKNOWN);
      }
    });

    it('passes a store failure to passport as SignInStateUnavailableError', async () => {
      const req = browser();
      const state = await storeState(store, req, 'v', { draftId: 'd' });
      const failure = new Error('store down');
      jest.spyOn(keyValues, 'take').mockRejectedValue(failure);
      await expect(verifyState(store, req, state)).rejects.toMatchObject({ constructor: SignInStateUnavailableError, cause: failure });
      await expect(store.consume(req, state)).rejects.toBe(failure);
    });

    it('turns a store failure that is not an Error into one', async () => {
      const req = browser();
      const state = await storeState(store, req, 'v', { draftId: 'd' });
      jest.spyOn(keyValues, 'take').mockRejectedValue('connection reset');
      await expect(verifyState(store, req, state)).rejects.toThrow('connection reset');
    });
  });
});
