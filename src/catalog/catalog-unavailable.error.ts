import { HttpStatus } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';

/**
 * No catalog can be served: the first load failed (or is being retried too soon after a failure)
 * and there is no earlier snapshot to fall back on. A user-facing 503: the page exception filter
 * shows "Linode is not reachable" with a Retry-After.
 */
export class CatalogUnavailableError extends UserFacingError {
  constructor(
    /** A log-safe description of what went wrong upstream (not shown to the user). */
    readonly detail: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      title: 'Linode is not reachable',
      message: 'Linode is not reachable right now, so the plans and prices cannot be shown. Please try again shortly.',
      actionLabel: 'Try again',
      actionHref: '/',
      retryAfterSeconds: options.retryAfterSeconds ?? null,
    });
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}
