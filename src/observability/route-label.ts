/** The label for requests that no route handled: 404s, redirects and files answered by middleware. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Nest mounts module middleware for all paths as an Express route for `/{*path}`, which sets
 * `req.route` on every request it sees. Such a root catch-all never handled a request itself.
 */
const ROOT_CATCH_ALL = /^\/?(\{\*\w*\}|\*\w*)$/;

/**
 * The templated route that handled a request (`/deployments/:id`), never the raw URL, so logs
 * group well and metrics keep a bounded number of series. Read when the response is finished:
 * Express sets `req.route` only once a route has matched.
 */
export function routeLabel(req: { route?: unknown }): string {
  const route = req.route;
  if (typeof route !== 'object' || route === null || !('path' in route) || typeof route.path !== 'string') {
    return UNMATCHED_ROUTE;
  }
  return ROOT_CATCH_ALL.test(route.path) ? UNMATCHED_ROUTE : route.path;
}
