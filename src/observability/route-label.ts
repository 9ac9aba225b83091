import type { IncomingMessage } from 'node:http';

/** The label for requests that no route handled: 404s and redirects answered by middleware. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Nest mounts module middleware as an Express route for `/{*path}`, which never handles a request itself. */
const ROOT_CATCH_ALL = /^\/?(\{\*\w*\}|\*\w*)$/;

/** The templated route (`/deployments/:id`), never the raw URL, read once the response is finished. */
export function routeLabel(req: IncomingMessage & { route?: { path: string } }): string {
  const path = req.route?.path;
  return path === undefined || ROOT_CATCH_ALL.test(path) ? UNMATCHED_ROUTE : path;
}
