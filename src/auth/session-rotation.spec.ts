import { createMock } from '@golevelup/ts-jest';
import express, { type Request } from 'express';
import session, { MemoryStore, type SessionData } from 'express-session';
import request from 'supertest';
import '../common/session-data';
import { regenerateSession } from './session-rotation';

const BROWSER_ID = 'browser-id-0123456789ab';

/** A tiny app with real sessions: /fill puts data in, /rotate regenerates, /show tells what is there. */
function sessionApp(store: MemoryStore) {
  const app = express();
  app.use(express.json());
  app.use(session({ secret: 'test-secret-0123456789', store, resave: false, saveUninitialized: false }));
  app.post('/fill', (req, res) => {
    Object.assign(req.session, req.body as Partial<SessionData>);
    res.json({ id: req.sessionID });
  });
  app.post('/rotate', async (req, res, next) => {
    const before = req.sessionID;
    try {
      await regenerateSession(req);
    } catch (error) {
      return next(error);
    }
    res.json({ before, after: req.sessionID });
  });
  app.get('/show', (req, res) => {
    const { browserId, csrfToken } = req.session as typeof req.session & { csrfToken?: string };
    res.json({ id: req.sessionID, browserId, csrfToken, keys: Object.keys(req.session) });
  });
  return app;
}

function storedSessionIds(store: MemoryStore): Promise<string[]> {
  return new Promise((resolve, reject) => store.all((err, all) => (err ? reject(err) : resolve(Object.keys(all ?? {})))));
}

describe('regenerateSession', () => {
  let store: MemoryStore;
  let agent: ReturnType<typeof request.agent>;

  beforeEach(() => {
    store = new MemoryStore();
    agent = request.agent(sessionApp(store));
  });

  it('gives the browser a new session id and forgets the old one', async () => {
    const { body: filled } = await agent.post('/fill').send({ csrfToken: 'csrf-1' }).expect(200);
    const { body: rotated } = await agent.post('/rotate').expect(200);
    expect(rotated.before).toBe(filled.id);
    expect(rotated.after).not.toBe(filled.id);
    const { body: shown } = await agent.get('/show').expect(200);
    expect(shown.id).toBe(rotated.after);
    expect(await storedSessionIds(store)).toEqual([rotated.after]);
  });

  it('keeps the browser id, to which other tabs’ sign-ins and this browser’s deployments are bound', async () => {
    await agent.post('/fill').send({ browserId: BROWSER_ID, csrfToken: 'csrf-1' }).expect(200);
    const { body: rotated } = await agent.post('/rotate').expect(200);
    const { body } = await agent.get('/show').expect(200);
    expect(body.id).toBe(rotated.after);
    expect(body.browserId).toBe(BROWSER_ID);
  });

  it('does not make up a browser id when the browser had none', async () => {
    await agent.post('/fill').send({ csrfToken: 'csrf-1' }).expect(200);
    await agent.post('/rotate').expect(200);
    const { body } = await agent.get('/show').expect(200);
    expect(body.browserId).toBeUndefined();
  });

  it('drops the CSRF token, so a new one is made for the new session', async () => {
    await agent.post('/fill').send({ csrfToken: 'csrf-1', browserId: BROWSER_ID }).expect(200);
    await agent.post('/rotate').expect(200);
    const { body } = await agent.get('/show').expect(200);
    expect(body.csrfToken).toBeUndefined();
  });

  it('adds nothing the old session did not have', async () => {
    await agent.post('/fill').send({ csrfToken: 'csrf-1' }).expect(200);
    await agent.post('/rotate').expect(200);
    const { body } = await agent.get('/show').expect(200);
    expect(body.keys).toEqual(['cookie']);
  });

  it('drops anything else the old session held, such as the sign-ins and deployment ids sessions used to hold', async () => {
    await agent
      .post('/fill')
      .send({
        browserId: BROWSER_ID,
        pendingAuthorizations: { 'state-1': { codeVerifier: 'verifier-1', draftId: 'draft-1', createdAt: 1 } },
        deploymentIds: ['dep-a'],
        somethingElse: 'x',
      })
      .expect(200);
    await agent.post('/rotate').expect(200);
    const { body } = await agent.get('/show').expect(200);
    expect(body.keys.sort()).toEqual(['browserId', 'cookie']);
  });

  it('rejects when the session store cannot regenerate', async () => {
    const failure = new Error('store down');
    const req = createMock<Request>({
      session: {
        browserId: BROWSER_ID,
        regenerate: (callback: (err: unknown) => void) => callback(failure),
      },
    });
    await expect(regenerateSession(req)).rejects.toBe(failure);
  });
});
