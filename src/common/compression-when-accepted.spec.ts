import compression from 'compression';
import express, { type Request, type RequestHandler, type Response } from 'express';
import request from 'supertest';
import { compressionWhenAccepted } from './compression-when-accepted';

const page = 'x'.repeat(4096);

function app(compress: RequestHandler) {
  const server = express();
  server.use(compress);
  server.get('/page', (_req: Request, res: Response) => void res.type('html').send(page));
  server.get('/small', (_req: Request, res: Response) => void res.type('html').send('tiny'));
  server.get(
    '/no-transform',
    (_req: Request, res: Response) => void res.setHeader('Cache-Control', 'no-transform').type('html').send(page),
  );
  server.get('/image', (_req: Request, res: Response) => void res.type('png').send(Buffer.alloc(4096)));
  server.get('/moved', (_req: Request, res: Response) => res.redirect(302, '/page'));
  server.get('/empty', (_req: Request, res: Response) => void res.status(204).end());
  return server;
}

const options = { threshold: 1024 };

describe('compressionWhenAccepted', () => {
  it('compresses for a client that accepts an encoding, as compression does', async () => {
    const res = await request(app(compressionWhenAccepted(options)))
      .get('/page')
      .set('Accept-Encoding', 'br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
  });

  it('answers a client that accepts no encoding as it came', async () => {
    const res = await request(app(compressionWhenAccepted(options)))
      .get('/page')
      .set('Accept-Encoding', '');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(page.length));
  });

  it.each(['/page', '/small', '/no-transform', '/image', '/moved', '/empty'])(
    'gives a client that accepts no encoding the headers compression gives it (%s)',
    async (path) => {
      const ours = await request(app(compressionWhenAccepted(options)))
        .get(path)
        .set('Accept-Encoding', '');
      const theirs = await request(app(compression(options)))
        .get(path)
        .set('Accept-Encoding', '');
      const { date: _ours, ...oursHeaders } = ours.headers;
      const { date: _theirs, ...theirsHeaders } = theirs.headers;
      expect(oursHeaders).toEqual(theirsHeaders);
    },
  );
});
