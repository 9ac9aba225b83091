/** Pages, fragments and CSS are compressed for a client that accepts it; tiny answers are left alone. */
import { startStack, type Stack } from './support/stack';

describe('compression', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it.each(['br', 'gzip'])('compresses the configure page for a client that accepts %s', async (encoding) => {
    const res = await fetch(`${stack.appUrl}/`, { headers: { 'accept-encoding': encoding } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(await res.text()).toContain('<form');
  });

  it('answers a client that accepts no encoding as it came', async () => {
    const res = await fetch(`${stack.appUrl}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
  });

  it('leaves answers under 1 KiB alone', async () => {
    const res = await fetch(`${stack.appUrl}/healthz`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});
