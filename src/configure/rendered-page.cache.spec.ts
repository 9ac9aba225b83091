import type { Response } from 'express';
import { CSRF_TOKEN_PLACEHOLDER, RenderedPageCache } from './rendered-page.cache';

/** A response whose `render` writes the model's token into the page and counts renders. */
function fakeResponse() {
  const renders: object[] = [];
  const res = {
    render(_view: string, model: { csrfToken?: string }, callback: (err: Error | null, html: string) => void) {
      renders.push(model);
      callback(null, `<form><input name="_csrf" value="${model.csrfToken ?? ''}"></form>`);
    },
  } as unknown as Response;
  return { res, renders };
}

describe('RenderedPageCache', () => {
  it('renders a page once per key and gives each browser its own token in it', async () => {
    const cache = new RenderedPageCache();
    const { res, renders } = fakeResponse();
    const model = async () => ({ csrfToken: 'unused' });
    const a = await cache.html(res, 'pages/configure', 'token-A', 'snapshot-1', model);
    const b = await cache.html(res, 'pages/configure', 'token-B', 'snapshot-1', model);
    expect(renders).toHaveLength(1);
    expect(String(a)).toContain('value="token-A"');
    expect(String(b)).toContain('value="token-B"');
    expect(String(a) + String(b)).not.toContain(CSRF_TOKEN_PLACEHOLDER);
  });

  it('renders again for another key', async () => {
    const cache = new RenderedPageCache();
    const { res, renders } = fakeResponse();
    await cache.html(res, 'pages/configure', 'token', 'snapshot-1', async () => ({}));
    await cache.html(res, 'pages/configure', 'token', 'snapshot-2', async () => ({}));
    expect(renders).toHaveLength(2);
  });

  it.each([
    ['no key', 'token', null],
    ['a token that would need escaping', 'to"ken<', 'snapshot-1'],
  ])('does not cache with %s', async (_name, token, key) => {
    const cache = new RenderedPageCache();
    const { res, renders } = fakeResponse();
    await cache.html(res, 'pages/configure', token, key, async () => ({ csrfToken: token }));
    await cache.html(res, 'pages/configure', token, key, async () => ({ csrfToken: token }));
    expect(renders).toHaveLength(2);
  });
});
