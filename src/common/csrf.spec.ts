import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import request from 'supertest';
import './session-data';
import { CSRF_FIELD, CSRF_HEADER, csrfProtection, newCsrfToken } from './csrf';
import { UserFacingError } from './user-facing.error';

const ORIGIN = 'https://deploy.example.com';

/** Sessions, form bodies, the CSRF middleware, and an error handler that shows what was refused. */
function protectedApp() {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use(session({ secret: 'test-secret-0123456789', resave: false, saveUninitialized: false }));
  app.use(csrfProtection(ORIGIN));
  app.get('/form', (_req, res) => res.json({ token: res.locals.csrfToken as string }));
  app.get('/plain', (_req, res) => res.json({ ok: true }));
  app.options('/deploy', (_req, res) => res.sendStatus(204));
  app.post('/deploy', (_req, res) => res.json({ done: true }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const refused = err instanceof UserFacingError;
    res.status(refused ? err.status : 500).json({ refused, title: refused ? err.title : String(err) });
  });
  return app;
}

describe('csrfProtection', () => {
  let agent: ReturnType<typeof request.agent>;
  let token: string;

  beforeEach(async () => {
    agent = request.agent(protectedApp());
    token = (await agent.get('/form').expect(200)).body.token;
  });

  describe('safe requests', () => {
    it('pass and expose the session’s token to the page', () => {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('expose the same token on every page of the session', async () => {
      const { body } = await agent.get('/form').expect(200);
      expect(body.token).toBe(token);
    });

    it('give another browser another token', async () => {
      const { body } = await request.agent(protectedApp()).get('/form').expect(200);
      expect(body.token).not.toBe(token);
    });

    it('pass without a token, whatever their origin', async () => {
      await agent.get('/plain').set('Origin', 'https://evil.example').expect(200);
      await agent.head('/plain').expect(200);
      await agent.options('/deploy').set('Origin', 'https://evil.example').expect(204);
    });

    it('do not start a session for a page that never shows the token', async () => {
      const response = await request(protectedApp()).get('/plain').expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('a POST', () => {
    it('passes with the token in the form and the own Origin', async () => {
      await agent.post('/deploy').set('Origin', ORIGIN).type('form').send({ [CSRF_FIELD]: token }).expect(200, { done: true });
    });

    it(`passes with the token in the ${CSRF_HEADER} header (htmx)`, async () => {
      await agent.post('/deploy').set('Origin', ORIGIN).set(CSRF_HEADER, token).expect(200, { done: true });
    });

    it('is refused with 403 without a token', async () => {
      const { body } = await agent.post('/deploy').set('Origin', ORIGIN).type('form').send({}).expect(403);
      expect(body).toEqual({ refused: true, title: 'Request refused' });
    });

    it('is refused with a wrong token', async () => {
      await agent.post('/deploy').set('Origin', ORIGIN).type('form').send({ [CSRF_FIELD]: newCsrfToken() }).expect(403);
    });

    it('is refused with a token of another length', async () => {
      await agent.post('/deploy').set('Origin', ORIGIN).type('form').send({ [CSRF_FIELD]: token.slice(1) }).expect(403);
    });

    it('is refused with the token sent twice (not a single value)', async () => {
      await agent.post('/deploy').set('Origin', ORIGIN).type('form').send(`${CSRF_FIELD}=${token}&${CSRF_FIELD}=${token}`).expect(403);
    });

    it('is refused with the right token but a foreign Origin', async () => {
      await agent.post('/deploy').set('Origin', 'https://evil.example').type('form').send({ [CSRF_FIELD]: token }).expect(403);
    });

    it('is refused with the right token but Origin null (a sandboxed frame)', async () => {
      await agent.post('/deploy').set('Origin', 'null').type('form').send({ [CSRF_FIELD]: token }).expect(403);
    });

    it('is refused when the Origin only differs in scheme or port', async () => {
      await agent.post('/deploy').set('Origin', 'http://deploy.example.com').set(CSRF_HEADER, token).expect(403);
      await agent.post('/deploy').set('Origin', 'https://deploy.example.com:8443').set(CSRF_HEADER, token).expect(403);
    });

    it('passes without Origin when the Referer is a page of this site', async () => {
      await agent
        .post('/deploy')
        .set('Referer', `${ORIGIN}/configure?region=us-east`)
        .type('form')
        .send({ [CSRF_FIELD]: token })
        .expect(200);
    });

    it('is refused without Origin when the Referer is another site', async () => {
      await agent.post('/deploy').set('Referer', 'https://evil.example/deploy.example.com').set(CSRF_HEADER, token).expect(403);
    });

    it('is refused without Origin when the Referer is not a URL', async () => {
      await agent.post('/deploy').set('Referer', 'not a url').set(CSRF_HEADER, token).expect(403);
    });

    it('is refused with neither Origin nor Referer', async () => {
      await agent.post('/deploy').type('form').send({ [CSRF_FIELD]: token }).expect(403);
    });

    it('is refused in a session that never got a token, whatever it sends', async () => {
      const fresh = request.agent(protectedApp());
      await fresh.post('/deploy').set('Origin', ORIGIN).set(CSRF_HEADER, '').expect(403);
      await fresh.post('/deploy').set('Origin', ORIGIN).set(CSRF_HEADER, 'undefined').expect(403);
    });
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('guards %s like POST', async (method) => {
    const app = express();
    app.use(session({ secret: 'test-secret-0123456789', resave: false, saveUninitialized: false }));
    app.use(csrfProtection(ORIGIN));
    app.all('/x', (_req, res) => res.sendStatus(200));
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.sendStatus(err instanceof UserFacingError ? err.status : 500);
    });
    const send = request(app)[method.toLowerCase() as 'put' | 'patch' | 'delete'];
    await send('/x').set('Origin', ORIGIN).expect(403);
  });
});

describe('newCsrfToken', () => {
  it('is 256 random bits, base64url', () => {
    const token = newCsrfToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newCsrfToken()).not.toBe(token);
  });
});
