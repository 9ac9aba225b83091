import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** An Express view engine: renders `file` with `options` (the model, res.locals, Express's settings). */
export type ViewEngine = (file: string, options: object, callback: (error: Error | null, html?: string) => void) => void;

/** What `@PublicPage` puts in res.locals, and so in the options of the pages it renders. */
export const PUBLIC_PAGE_LOCAL = 'publicPage';

/** Options Express adds to every render that are not the page's content. */
const NOT_CONTENT = new Set(['settings', '_locals', 'cache']);

/**
 * Renders a public page once per template and model, when Express caches views (production): its
 * bytes depend on nothing else, and rendering is most of a page view's work. Any other page (one
 * with a session's data, or secrets) is rendered every time and never kept.
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
