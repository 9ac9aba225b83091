import type { Response } from 'express';

/** `res.render` as a promise, so a template error reaches Nest's exception filter. */
export async function render(res: Response, view: string, model: object): Promise<void> {
  const html = await new Promise<string>((resolve, reject) => {
    res.render(view, model, (error: Error | null, rendered: string) => (error ? reject(error) : resolve(rendered)));
  });
  res.type('html').send(html);
}
