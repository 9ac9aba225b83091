/**
 * No catalog can be served: the first load failed (or is being retried too soon after a failure)
 * and there is no earlier snapshot to fall back on. The app answers with a 503 page
 * "Linode is not reachable, try again shortly".
 */
export class CatalogUnavailableError extends Error {
  constructor(
    /** A log-safe description of what went wrong upstream. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`The Linode catalog is unavailable: ${detail}`, options);
    this.name = 'CatalogUnavailableError';
  }
}
