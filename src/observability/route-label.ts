import type { IncomingMessage } from 'node:http';

/** The label for requests that no route handled: 404s and redirects answered by middleware. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Nest mounts module middleware as an Express route for `/{*path}`, which never handles a request itself. */
const ROOT_CATCH_ALL = /^\/?(\{\*\w*\}|\*\w*)$/;

/**
 * The templated route (`/deployments/:id`), never the raw URL, read once the response is finished.
 * `route.path` is not always a string: the rate limiter's Express routes are mounted on a list of paths.
 */
export function routeLabel(req: IncomingMessage & { route?: unknown }): string {
  const route = req.route;
  if (typeof route !== 'object' || route === null || !('path' in route) || typeof route.path !== 'string') {
    return UNMATCHED_ROUTE;
  }
  return ROOT_CATCH_ALL.test(route.path) ? UNMATCHED_ROUTE : route.path;
}
