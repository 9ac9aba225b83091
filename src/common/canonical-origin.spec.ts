import express from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { canonicalOrigin } from './canonical-origin';

const PUBLIC_URL = 'http://localhost:5000';
const OWN_HOST = 'localhost:5000';
const OTHER_HOST = '127.0.0.1:5000';

function app() {
  const server = express();
  server.use(canonicalOrigin(PUBLIC_URL));
  server.all('/{*path}', (req, res) => res.json({ method: req.method, url: req.originalUrl }));
  return server;
}

/** Sends a raw request line (supertest would normalise it). */
function rawRequest(target: string, host: string): Promise<{ status: number; location: string | undefined }> {
  const server = app().listen(0, '127.0.0.1');
  return new Promise((resolve, reject) => {
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const req = httpRequest({ host: '127.0.0.1', port, path: target, headers: { Host: host } }, (res) => {
        res.resume();
        res.on('end', () => {
          server.close();
          resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        });
      });
      req.on('error', (err) => {
        server.close();
        reject(err);
      });
      req.end();
    });
  });
}

describe('canonicalOrigin', () => {
  it('lets a request to PUBLIC_URL’s host through', async () => {
    await request(app()).get('/configure?x=1').set('Host', OWN_HOST).expect(200, { method: 'GET', url: '/configure?x=1' });
  });

  it('compares the host without regard to case', async () => {
    await request(app()).get('/').set('Host', 'LocalHost:5000').expect(200);
  });

  it('sends a GET to another host to the same path and query on PUBLIC_URL, permanently (308)', async () => {
    const response = await request(app()).get('/deployments/abc?tab=status&x=%2F').set('Host', OTHER_HOST).expect(308);
    expect(response.headers.location).toBe(`${PUBLIC_URL}/deployments/abc?tab=status&x=%2F`);
  });

  it('redirects HEAD as well', async () => {
    const response = await request(app()).head('/configure').set('Host', OTHER_HOST).expect(308);
    expect(response.headers.location).toBe(`${PUBLIC_URL}/configure`);
  });

  it('treats another port on the same name as another host', async () => {
    const response = await request(app()).get('/').set('Host', 'localhost:5001').expect(308);
    expect(response.headers.location).toBe(`${PUBLIC_URL}/`);
  });

  it.each([
    ['a protocol-relative path', '//evil.example/phish'],
    ['a protocol-relative path with a backslash', '/\\evil.example/phish'],
    ['an encoded slash', '/%2F%2Fevil.example'],
  ])('keeps the redirect on PUBLIC_URL for %s', async (_name, path) => {
    const { status, location } = await rawRequest(path, OTHER_HOST);
    expect(status).toBe(308);
    expect(new URL(location ?? '', 'http://unrelated.invalid').origin).toBe(PUBLIC_URL);
  });

  it('sends an absolute-form request line to the start page of PUBLIC_URL', async () => {
    const { status, location } = await rawRequest('http://evil.example/phish', OTHER_HOST);
    expect(status).toBe(308);
    expect(location).toBe(`${PUBLIC_URL}/`);
  });

  it.each(['/healthz', '/readyz', '/metrics'])('answers %s on any host (probes use the container address)', async (path) => {
    await request(app()).get(path).set('Host', '10.0.0.7:5000').expect(200);
  });

  it('exempts the health endpoints also with a query', async () => {
    await request(app()).get('/healthz?verbose=1').set('Host', '10.0.0.7:5000').expect(200);
  });

  it('does not exempt other paths that merely start like a health endpoint', async () => {
    await request(app()).get('/healthz-admin').set('Host', OTHER_HOST).expect(308);
  });

  it.each(['POST', 'PUT', 'DELETE'] as const)('refuses a %s to another host with 421, pointing to PUBLIC_URL', async (method) => {
    const send = request(app())[method.toLowerCase() as 'post' | 'put' | 'delete'];
    const response = await send('/').set('Host', OTHER_HOST).expect(421);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain(PUBLIC_URL);
  });

  it('lets a POST to PUBLIC_URL’s host through', async () => {
    await request(app()).post('/').set('Host', OWN_HOST).expect(200, { method: 'POST', url: '/' });
  });
});
