/**
 * `/v4beta` is an alias of `/v4`, as on Linode: its SDK calls some endpoints there. Applied to a
 * URL (path and query) before routing.
 */
export function withoutBetaAlias(url: string): string {
  return /^\/v4beta(\/|\?|$)/.test(url) ? `/v4${url.slice('/v4beta'.length)}` : url;
}

/**
 * The path of a request as its route sees it, for matching it against a route pattern: the
 * `/v4beta` alias resolved and an id's encoded slash (`linode%2Fdebian12`, how Linode's clients
 * send image ids) read as a slash.
 */
export function routedPath(url: string): string {
  return withoutBetaAlias(url.split('?')[0]).replace(/%2F/gi, '/');
}
