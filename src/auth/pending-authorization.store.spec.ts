import type { Request } from 'express';
import type { SessionData } from 'express-session';
import '../common/session-data';
import {
  MAX_PENDING_AUTHORIZATIONS,
  PENDING_AUTHORIZATION_TTL_MS,
  PendingAuthorizationStore,
  type StateMeta,
} from './pending-authorization.store';

const START = Date.UTC(2025, 0, 1, 12, 0, 0);

/** Only `session` is read by the store. */
function browser(session: Partial<SessionData> = {}): Request {
  return { session } as unknown as Request;
}

/** A clock the tests move by hand. */
function manualClock(start = START) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function storeState(store: PendingAuthorizationStore, req: Request, verifier: string, meta: StateMeta): string {
  let state: string | undefined;
  store.store(req, verifier, meta, {}, (err, given) => {
    if (err) throw err;
    state = given;
  });
  if (state === undefined) throw new Error('the store did not answer synchronously');
  return state;
}

type Verified = { verifier: string | false; info: unknown };

function verifyState(store: PendingAuthorizationStore, req: Request, state: unknown): Verified {
  let result: Verified | undefined;
  store.verify(req, state, (err, verifier, info) => {
    if (err) throw err;
    result = { verifier, info };
  });
  if (!result) throw new Error('the store did not answer synchronously');
  return result;
}

describe('PendingAuthorizationStore', () => {
  describe('starting a sign-in', () => {
    it('gives a state of 256 random bits, base64url-encoded', () => {
      const state = storeState(new PendingAuthorizationStore(), browser(), 'verifier', { draftId: 'd1' });
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(state, 'base64url')).toHaveLength(32);
    });

    it('never gives the same state twice', () => {
      const store = new PendingAuthorizationStore();
      const states = new Set<string>();
      for (let i = 0; i < 500; i++) states.add(storeState(store, browser(), 'v', { draftId: 'd' }));
      expect(states.size).toBe(500);
    });

    it('keeps the code verifier, the draft and the start time under the state, in the session', () => {
      const clock = manualClock();
      const req = browser();
      const state = storeState(new PendingAuthorizationStore(clock.now), req, 'the-verifier', { draftId: 'draft-1' });
      expect(req.session.pendingAuthorizations).toEqual({
        [state]: { codeVerifier: 'the-verifier', draftId: 'draft-1', createdAt: START },
      });
    });

    it('keeps sign-ins from several tabs side by side', () => {
      const req = browser();
      const store = new PendingAuthorizationStore();
      const first = storeState(store, req, 'v1', { draftId: 'd1' });
      const second = storeState(store, req, 'v2', { draftId: 'd2' });
      expect(Object.keys(req.session.pendingAuthorizations ?? {}).sort()).toEqual([first, second].sort());
    });

    it(`keeps at most ${MAX_PENDING_AUTHORIZATIONS} sign-ins per browser, dropping the oldest`, () => {
      const clock = manualClock();
      const store = new PendingAuthorizationStore(clock.now);
      const req = browser();
      const states: string[] = [];
      for (let i = 0; i < MAX_PENDING_AUTHORIZATIONS + 2; i++) {
        states.push(storeState(store, req, `v${i}`, { draftId: `d${i}` }));
        clock.advance(1000);
      }
      const kept = Object.keys(req.session.pendingAuthorizations ?? {});
      expect(kept).toHaveLength(MAX_PENDING_AUTHORIZATIONS);
      expect(kept.sort()).toEqual(states.slice(2).sort());
    });

    it('keeps the newest sign-in when several start within the same millisecond', () => {
      const store = new PendingAuthorizationStore(() => START);
      const req = browser();
      let last = '';
      for (let i = 0; i < MAX_PENDING_AUTHORIZATIONS + 3; i++) last = storeState(store, req, 'v', { draftId: 'd' });
      expect(Object.keys(req.session.pendingAuthorizations ?? {})).toContain(last);
      expect(Object.keys(req.session.pendingAuthorizations ?? {})).toHaveLength(MAX_PENDING_AUTHORIZATIONS);
    });

    it('drops expired sign-ins when a new one starts', () => {
      const clock = manualClock();
      const store = new PendingAuthorizationStore(clock.now);
      const req = browser();
      const old = storeState(store, req, 'v-old', { draftId: 'd-old' });
      clock.advance(PENDING_AUTHORIZATION_TTL_MS + 1);
      const fresh = storeState(store, req, 'v-new', { draftId: 'd-new' });
      expect(Object.keys(req.session.pendingAuthorizations ?? {})).toEqual([fresh]);
      expect(req.session.pendingAuthorizations).not.toHaveProperty(old);
    });

    it('refuses to start a sign-in without a draft', () => {
      const req = browser();
      const callback = jest.fn();
      new PendingAuthorizationStore().store(req, 'v', undefined as unknown as StateMeta, {}, callback);
      expect(callback).toHaveBeenCalledWith(expect.any(Error));
      expect(callback.mock.calls[0]).toHaveLength(1);
      expect(req.session.pendingAuthorizations).toBeUndefined();
    });
  });

  describe('coming back from Linode', () => {
    it('gives back the code verifier and the draft for a known state', () => {
      const store = new PendingAuthorizationStore();
      const req = browser();
      const state = storeState(store, req, 'the-verifier', { draftId: 'draft-1' });
      expect(verifyState(store, req, state)).toEqual({ verifier: 'the-verifier', info: { draftId: 'draft-1' } });
    });

    it('accepts a state only once', () => {
      const store = new PendingAuthorizationStore();
      const req = browser();
      const state = storeState(store, req, 'v', { draftId: 'd' });
      verifyState(store, req, state);
      expect(verifyState(store, req, state)).toEqual({ verifier: false, info: { rejection: 'unknown' } });
    });

    it('leaves the other tabs’ sign-ins in place when one comes back', () => {
      const store = new PendingAuthorizationStore();
      const req = browser();
      const first = storeState(store, req, 'v1', { draftId: 'd1' });
      const second = storeState(store, req, 'v2', { draftId: 'd2' });
      verifyState(store, req, first);
      expect(verifyState(store, req, second)).toEqual({ verifier: 'v2', info: { draftId: 'd2' } });
    });

    it.each([
      ['absent', undefined],
      ['empty', ''],
      ['repeated', ['a', 'b']],
      ['an object', { state: 'x' }],
    ])('rejects a state that is %s as missing', (_name, state) => {
      const store = new PendingAuthorizationStore();
      const req = browser();
      storeState(store, req, 'v', { draftId: 'd' });
      expect(verifyState(store, req, state)).toEqual({ verifier: false, info: { rejection: 'missing' } });
    });

    it('rejects a state this browser never started as unknown, and keeps its own', () => {
      const store = new PendingAuthorizationStore();
      const req = browser();
      const own = storeState(store, req, 'v', { draftId: 'd' });
      const foreign = storeState(store, browser(), 'v-other', { draftId: 'd-other' });
      expect(verifyState(store, req, foreign)).toEqual({ verifier: false, info: { rejection: 'unknown' } });
      expect(req.session.pendingAuthorizations).toHaveProperty([own]);
    });

    it('rejects any state when the session holds no sign-in', () => {
      expect(verifyState(new PendingAuthorizationStore(), browser(), 'a'.repeat(43))).toEqual({
        verifier: false,
        info: { rejection: 'unknown' },
      });
    });

    it('accepts a state until the end of its 10 minutes', () => {
      const clock = manualClock();
      const store = new PendingAuthorizationStore(clock.now);
      const req = browser();
      const state = storeState(store, req, 'v', { draftId: 'd' });
      clock.advance(PENDING_AUTHORIZATION_TTL_MS);
      expect(verifyState(store, req, state).verifier).toBe('v');
    });

    it('rejects a state older than 10 minutes as expired, and forgets it', () => {
      const clock = manualClock();
      const store = new PendingAuthorizationStore(clock.now);
      const req = browser();
      const state = storeState(store, req, 'v', { draftId: 'd' });
      clock.advance(PENDING_AUTHORIZATION_TTL_MS + 1);
      expect(verifyState(store, req, state)).toEqual({ verifier: false, info: { rejection: 'expired' } });
      expect(req.session.pendingAuthorizations).not.toHaveProperty([state]);
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
      'treats the object key %p as an unknown state, without harm',
      (key) => {
        const store = new PendingAuthorizationStore();
        const req = browser();
        const own = storeState(store, req, 'v', { draftId: 'd' });
        expect(verifyState(store, req, key)).toEqual({ verifier: false, info: { rejection: 'unknown' } });
        expect(Object.keys(req.session.pendingAuthorizations ?? {})).toEqual([own]);
        expect(Object.getPrototypeOf(req.session.pendingAuthorizations)).toBe(Object.prototype);
      },
    );

    it('treats object keys as unknown even when the session holds no sign-in yet', () => {
      const store = new PendingAuthorizationStore();
      for (const key of ['__proto__', 'constructor']) {
        expect(verifyState(store, browser(), key)).toEqual({ verifier: false, info: { rejection: 'unknown' } });
      }
    });
  });
});
