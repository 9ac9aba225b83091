import { createMock } from '@golevelup/ts-jest';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Request, Response } from 'express';
import type { SessionData } from 'express-session';
import '../common/session-data';
import { loadAppConfig } from '../config/load-app-config';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import { InvalidSignInStateError, SignInError } from './auth.errors';
import { LinodeSignInGuard, SignInDrafts, signInStartFor } from './linode-sign-in.guard';
import { LinodeStrategy } from './linode.strategy';
import { type PendingAuthorization, PendingAuthorizationStore } from './pending-authorization.store';

const config = loadAppConfig({
  NODE_ENV: 'test',
  PUBLIC_URL: 'https://deploy.example.com',
  LINODE_CLIENT_ID: 'client-id-0123456789',
  LINODE_CLIENT_SECRET: 'client-secret-abcdef',
  LINODE_STACKSCRIPT_ID: '4242',
  SESSION_SECRET: 'a-session-secret-of-enough-length-0123456789',
});

describe('LinodeSignInGuard', () => {
  let keyValues: InMemoryKeyValueStore;
  let fresh: Set<string>;
  let guard: LinodeSignInGuard;

  beforeEach(() => {
    keyValues = new InMemoryKeyValueStore();
    new LinodeStrategy(config, new PendingAuthorizationStore(keyValues)); // registers itself with passport as `linode`
    fresh = new Set(['draft-1']);
    guard = new LinodeSignInGuard(createMock<SignInDrafts>({ has: async (id: string) => fresh.has(id) }));
  });

  /** Runs the guard as Nest does: the redirect it answered, or the error it refused with. */
  function start(session: Partial<SessionData>, headers: Record<string, string> = {}, query: Request['query'] = {}) {
    const sent = new Map<string, string>();
    const req = createMock<Request>({ session, query, body: {}, get: (name: string) => headers[name.toLowerCase()] });
    return new Promise<Map<string, string>>((resolve, reject) => {
      const res = createMock<Response>({
        setHeader: (name: string, value: string | number | readonly string[]) => {
          sent.set(name.toLowerCase(), String(value));
          return {};
        },
        end: () => {
          resolve(sent);
          return {};
        },
      });
      Promise.resolve(guard.canActivate(new ExecutionContextHost([req, res, () => undefined]))).catch(reject);
    });
  }

  it('sends the browser to Linode, uncached, with a state bound to the draft in its session', async () => {
    const session: Partial<SessionData> = { draftId: 'draft-1' };
    const sent = await start(session, { 'sec-fetch-site': 'same-origin' });
    expect(sent.get('cache-control')).toBe('no-store');
    const state = new URL(sent.get('location')!).searchParams.get('state')!;
    expect(await keyValues.get<PendingAuthorization>(`pending:${state}`)).toMatchObject({
      draftId: 'draft-1',
      browserId: session.browserId,
    });
  });

  it.each(['cross-site', 'same-site'])('refuses a navigation another site started (Sec-Fetch-Site: %s), starting nothing', async (site) => {
    await expect(start({ draftId: 'draft-1' }, { 'sec-fetch-site': site })).rejects.toMatchObject({
      constructor: SignInError,
      kind: 'crossSite',
      status: 403,
    });
    expect(await keyValues.count('pending:')).toBe(0);
  });

  it('refuses a browser without a draft, starting nothing', async () => {
    await expect(start({})).rejects.toMatchObject({ constructor: SignInError, kind: 'noDraft', status: 400 });
    expect(await keyValues.count('pending:')).toBe(0);
  });

  it('refuses a draft already used or expired, starting nothing', async () => {
    fresh.clear();
    await expect(start({ draftId: 'draft-1' })).rejects.toMatchObject({ constructor: SignInError, kind: 'noDraft' });
    expect(await keyValues.count('pending:')).toBe(0);
  });

  it.each([{ code: 'c', state: 's' }, { error: 'access_denied' }])(
    'never redeems a Linode answer sent to the start (%p)',
    async (query) => {
      await expect(start({ draftId: 'draft-1' }, {}, query)).rejects.toBeInstanceOf(InvalidSignInStateError);
    },
  );
});

describe('signInStartFor', () => {
  it('remembers the draft in the session and answers where the sign-in starts', () => {
    const req = createMock<Request>({ session: {} });
    expect(signInStartFor(req, 'draft-9')).toBe('/auth/linode');
    expect(req.session.draftId).toBe('draft-9');
  });
});
