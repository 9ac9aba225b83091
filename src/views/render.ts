import type { Response } from 'express';

/** `res.render` to a string, as a promise, so a template error reaches Nest's exception filter. */
export function renderToString(res: Response, view: string, model: object): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, model, (error: Error | null, html: string) => (error ? reject(error) : resolve(html)));
  });
}

/** `res.render` as a promise, so a template error reaches Nest's exception filter. */
export async function render(res: Response, view: string, model: object): Promise<void> {
  const html = await renderToString(res, view, model);
  res.type('html').send(html);
}
