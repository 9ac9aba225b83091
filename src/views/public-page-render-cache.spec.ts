import { PUBLIC_PAGE_LOCAL, publicPageRenderCache, type ViewEngine } from './public-page-render-cache';

describe('publicPageRenderCache', () => {
  let renders: number;
  const engine: ViewEngine = (file, options, callback) => {
    renders++;
    callback(null, `${file}: ${JSON.stringify(options)} #${renders}`);
  };
  const cached = publicPageRenderCache(engine);
  const render = (file: string, options: object) =>
    new Promise<string>((resolve, reject) => cached(file, options, (error, html) => (error ? reject(error) : resolve(html!))));
  const publicPage = (model: object) => ({ ...model, [PUBLIC_PAGE_LOCAL]: true, cache: true, settings: { at: Math.random() } });

  beforeEach(() => {
    renders = 0;
  });

  it('renders a public page once for the same template and model, whatever Express’s settings', async () => {
    const first = await render('configure', publicPage({ region: 'us-east' }));
    expect(await render('configure', publicPage({ region: 'us-east' }))).toBe(first);
    expect(renders).toBe(1);
  });

  it('renders again for another model or another template', async () => {
    await render('configure', publicPage({ region: 'us-east', paths: { form: '/' } }));
    await render('configure', publicPage({ region: 'us-east', paths: { form: '/s/1' } }));
    await render('gallery', publicPage({ region: 'us-east', paths: { form: '/' } }));
    expect(renders).toBe(3);
  });

  it('keeps a nested field named like an Express option as part of the model', async () => {
    await render('configure', publicPage({ field: { settings: 'a' } }));
    await render('configure', publicPage({ field: { settings: 'b' } }));
    expect(renders).toBe(2);
  });

  it('never keeps a page that is not public, nor any page while Express does not cache views', async () => {
    for (let view = 0; view < 2; view++) {
      await render('deployment', { rootPassword: 'secret', cache: true });
      await render('configure', { ...publicPage({}), cache: false });
    }
    expect(renders).toBe(4);
  });

  it('does not keep a failed render', async () => {
    let fail = true;
    const flaky = publicPageRenderCache((_file, _options, callback) => {
      renders++;
      if (fail) callback(new Error('template broke'));
      else callback(null, 'page');
    });
    await expect(new Promise((resolve, reject) => flaky('x', publicPage({}), (e, h) => (e ? reject(e) : resolve(h))))).rejects.toThrow(
      'template broke',
    );
    fail = false;
    await expect(new Promise((resolve, reject) => flaky('x', publicPage({}), (e, h) => (e ? reject(e) : resolve(h))))).resolves.toBe(
      'page',
    );
  });
});
