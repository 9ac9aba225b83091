import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export type ViewEngine = (file: string, options: object, callback: (error: Error | null, html?: string) => void) => void;

export const PUBLIC_PAGE_LOCAL = 'publicPage';

const NOT_CONTENT = new Set(['settings', '_locals', 'cache']);

/**
 * A public page's bytes depend only on its template and model (res.locals included), and rendering is
 * most of its cost: render each once while Express caches views. Pages with a session's data are never kept.
 */
export function publicPageRenderCache(render: ViewEngine): ViewEngine {
  const rendered = new LRUCache<string, string>({ max: 128 });
  return (file, options, callback) => {
    const locals = options as Record<string, unknown>;
    if (locals.cache !== true || locals[PUBLIC_PAGE_LOCAL] !== true) return render(file, options, callback);
    const content = JSON.stringify(options, function (this: unknown, name: string, value: unknown) {
      return this === options && NOT_CONTENT.has(name) ? undefined : value;
    });
    const key = `${file}\n${createHash('sha256').update(content).digest('base64')}`;
    const html = rendered.get(key);
    if (html !== undefined) return callback(null, html);
    render(file, options, (error, fresh) => {
      if (!error && fresh !== undefined) rendered.set(key, fresh);
      callback(error, fresh);
    });
  };
}
