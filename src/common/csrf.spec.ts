import express, { type NextFunction, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, csrfProtection, csrfTokenFor, RandomBytesPool } from './csrf';
import { UserFacingError } from './user-facing.error';

const ORIGIN = 'https://deploy.example.com';
const SECRET = 'test-secret-0123456789';
const OPTIONS = { publicOrigin: ORIGIN, secret: SECRET, secureCookie: false };
const newCsrfToken = () => randomBytes(32).toString('base64url');

/** Sessions, form bodies, the CSRF middleware, and an error handler that shows what was refused. */
function protectedApp() {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use(csrfProtection(OPTIONS));
  app.get('/form', (_req, res) => res.json({ token: res.locals.csrfToken as string }));
  app.get('/peek', (_req, res) => res.json({ token: (res.locals.peekCsrfToken as () => string | undefined)() ?? null }));
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
    it('pass and expose the browser’s token to the page', () => {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('mint an HttpOnly, SameSite=Lax cookie holding the nonce, and no session', async () => {
      const response = await request(protectedApp()).get('/form').expect(200);
      const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatch(new RegExp(`^${CSRF_COOKIE.replace('.', '\\.')}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax$`));
      const nonce = cookies[0].split(';')[0].split('=')[1];
      expect(response.body.token).toBe(csrfTokenFor(SECRET, nonce));
    });

    it('set Secure on the cookie when the site is https', async () => {
      const app = express();
      app.use(csrfProtection({ ...OPTIONS, secureCookie: true }));
      app.get('/form', (_req, res) => res.json({ token: res.locals.csrfToken as string }));
      const response = await request(app).get('/form').expect(200);
      expect(String(response.headers['set-cookie'])).toContain('; Secure');
    });

    it('let error pages peek at an existing token without minting a cookie', async () => {
      const fresh = await request(protectedApp()).get('/peek').expect(200);
      expect(fresh.body.token).toBeNull();
      expect(fresh.headers['set-cookie']).toBeUndefined();
      const { body } = await agent.get('/peek').expect(200);
      expect(body.token).toBe(token);
    });

    it('ignore a malformed nonce cookie and mint a fresh one', async () => {
      const response = await request(protectedApp()).get('/form').set('Cookie', `${CSRF_COOKIE}=short`).expect(200);
      expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`${CSRF_COOKIE.replace('.', '\\.')}=[A-Za-z0-9_-]{43}`));
    });

    it('expose the same token on every page for the same browser', async () => {
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

    it('set no cookie for a page that never shows the token', async () => {
      const response = await request(protectedApp()).get('/plain').expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('a POST', () => {
    it('passes with the token in the form and the own Origin', async () => {
      await agent
        .post('/deploy')
        .set('Origin', ORIGIN)
        .type('form')
        .send({ [CSRF_FIELD]: token })
        .expect(200, { done: true });
    });

    it(`passes with the token in the ${CSRF_HEADER} header (htmx)`, async () => {
      await agent.post('/deploy').set('Origin', ORIGIN).set(CSRF_HEADER, token).expect(200, { done: true });
    });

    it('is refused with 403 without a token', async () => {
      const { body } = await agent.post('/deploy').set('Origin', ORIGIN).type('form').send({}).expect(403);
      expect(body).toEqual({ refused: true, title: 'Request refused' });
    });

    it('is refused with a wrong token', async () => {
      await agent
        .post('/deploy')
        .set('Origin', ORIGIN)
        .type('form')
        .send({ [CSRF_FIELD]: newCsrfToken() })
        .expect(403);
    });

    it('is refused with a token of another length', async () => {
      await agent
        .post('/deploy')
        .set('Origin', ORIGIN)
        .type('form')
        .send({ [CSRF_FIELD]: token.slice(1) })
        .expect(403);
    });

    it('is refused with the token sent twice (not a single value)', async () => {
      await agent.post('/deploy').set('Origin', ORIGIN).type('form').send(`${CSRF_FIELD}=${token}&${CSRF_FIELD}=${token}`).expect(403);
    });

    it('is refused with the right token but a foreign Origin', async () => {
      await agent
        .post('/deploy')
        .set('Origin', 'https://evil.example')
        .type('form')
        .send({ [CSRF_FIELD]: token })
        .expect(403);
    });

    it('is refused with the right token but Origin null (a sandboxed frame)', async () => {
      await agent
        .post('/deploy')
        .set('Origin', 'null')
        .type('form')
        .send({ [CSRF_FIELD]: token })
        .expect(403);
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
      await agent
        .post('/deploy')
        .type('form')
        .send({ [CSRF_FIELD]: token })
        .expect(403);
    });

    it('is refused with a token computed with another secret', async () => {
      const nonce = String((await agent.get('/form')).request.cookies ?? '');
      void nonce;
      const forgedToken = csrfTokenFor('another-secret-0123456789', 'x'.repeat(43));
      await request(protectedApp())
        .post('/deploy')
        .set('Origin', ORIGIN)
        .set('Cookie', `${CSRF_COOKIE}=${'x'.repeat(43)}`)
        .set(CSRF_HEADER, forgedToken)
        .expect(403);
    });

    it('passes for a browser whose nonce cookie matches the token, with no server-side state', async () => {
      const nonce = 'n'.repeat(43);
      await request(protectedApp())
        .post('/deploy')
        .set('Origin', ORIGIN)
        .set('Cookie', `${CSRF_COOKIE}=${nonce}`)
        .set(CSRF_HEADER, csrfTokenFor(SECRET, nonce))
        .expect(200);
    });

    it('is refused for a browser that never got a token, whatever it sends', async () => {
      const fresh = request.agent(protectedApp());
      await fresh.post('/deploy').set('Origin', ORIGIN).set(CSRF_HEADER, '').expect(403);
      await fresh.post('/deploy').set('Origin', ORIGIN).set(CSRF_HEADER, 'undefined').expect(403);
    });
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('guards %s like POST', async (method) => {
    const app = express();
    app.use(csrfProtection(OPTIONS));
    app.all('/x', (_req, res) => res.sendStatus(200));
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.sendStatus(err instanceof UserFacingError ? err.status : 500);
    });
    const send = request(app)[method.toLowerCase() as 'put' | 'patch' | 'delete'];
    await send('/x').set('Origin', ORIGIN).expect(403);
  });
});

describe('csrfTokenFor', () => {
  it('is an HMAC: the same for the same nonce and secret, different otherwise', () => {
    expect(csrfTokenFor(SECRET, 'a'.repeat(43))).toBe(csrfTokenFor(SECRET, 'a'.repeat(43)));
    expect(csrfTokenFor(SECRET, 'b'.repeat(43))).not.toBe(csrfTokenFor(SECRET, 'a'.repeat(43)));
    expect(csrfTokenFor('other-secret', 'a'.repeat(43))).not.toBe(csrfTokenFor(SECRET, 'a'.repeat(43)));
    expect(Buffer.from(csrfTokenFor(SECRET, 'a'.repeat(43)), 'base64url')).toHaveLength(32);
  });
});

describe('RandomBytesPool', () => {
  it('hands out bytes of the size asked, never the same twice, across refills', () => {
    const pool = new RandomBytesPool(64);
    const taken = Array.from({ length: 10 }, () => pool.take(32).toString('hex'));
    expect(taken.every((hex) => hex.length === 64)).toBe(true);
    expect(new Set(taken).size).toBe(10);
  });

  it('serves a request larger than the pool', () => {
    expect(new RandomBytesPool(16).take(32)).toHaveLength(32);
  });
});
