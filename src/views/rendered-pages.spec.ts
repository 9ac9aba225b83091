import { createMock } from '@golevelup/ts-jest';
import type { HttpAdapterHost } from '@nestjs/core';
import express, { type Application } from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RenderedPages } from './rendered-pages';

/** Express looks the view's file up before rendering; the counting engine ignores what it holds. */
const VIEWS = mkdtempSync(join(tmpdir(), 'rendered-pages-'));
writeFileSync(join(VIEWS, 'page.txt'), '');
const VIEW = 'page';

/** Express with a view engine that counts its renders and prints the model's `name`. */
function appWithCountingEngine(viewCache: boolean) {
  const app = express();
  const renders: string[] = [];
  app.engine('txt', (_file: string, options: object, callback: (error: Error | null, html?: string) => void) => {
    const { name, appName } = options as { name: string; appName: string };
    renders.push(name);
    callback(null, `${appName}: hello ${name}`);
  });
  app.set('view engine', 'txt');
  app.set('views', VIEWS);
  app.locals.appName = 'demo';
  if (viewCache) app.enable('view cache');
  const pages = new RenderedPages(createMock<HttpAdapterHost>({ httpAdapter: { getInstance: <T>() => app as T } }));
  return { app: app as Application, pages, renders };
}


afterAll(() => rmSync(VIEWS, { recursive: true, force: true }));

describe('RenderedPages', () => {
  it('renders with the app locals and gives the ETag Express would give the same bytes', async () => {
    const { app, pages } = appWithCountingEngine(true);
    const page = await pages.render(VIEW, ['a'], () => ({ name: 'a' }));
    expect(page.bytes.toString()).toBe('demo: hello a');
    const etagOf = app.get('etag fn') as (body: string, encoding: BufferEncoding) => string;
    expect(page.etag).toBe(etagOf('demo: hello a', 'utf8'));
  });

  it('renders once per distinct input while Express caches views, without building the model again', async () => {
    const { pages, renders } = appWithCountingEngine(true);
    const model = jest.fn((name: string) => ({ name }));
    await pages.render(VIEW, ['a'], () => model('a'));
    const again = await pages.render(VIEW, ['a'], () => model('a'));
    await pages.render(VIEW, ['b'], () => model('b'));
    expect(again.bytes.toString()).toBe('demo: hello a');
    expect(renders).toEqual(['a', 'b']);
    expect(model).toHaveBeenCalledTimes(2);
  });

  it('renders every time in development, so a template edit shows at once', async () => {
    const { pages, renders } = appWithCountingEngine(false);
    await pages.render(VIEW, ['a'], () => ({ name: 'a' }));
    await pages.render(VIEW, ['a'], () => ({ name: 'a' }));
    expect(renders).toEqual(['a', 'a']);
  });

  it('keeps nothing from a failed render', async () => {
    const { pages, renders } = appWithCountingEngine(true);
    await expect(pages.render(VIEW, ['x'], () => Promise.reject(new Error('catalog gone')))).rejects.toThrow('catalog gone');
    await pages.render(VIEW, ['x'], () => ({ name: 'x' }));
    expect(renders).toEqual(['x']);
  });
});
