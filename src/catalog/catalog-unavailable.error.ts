import { HttpStatus } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';

/** No catalog can be served: loading failed and there is no earlier snapshot to fall back on. */
export class CatalogUnavailableError extends UserFacingError {
  constructor(
    /** Log-safe; not shown to the user. */
    readonly detail: string,
    retryAfterSeconds: number,
  ) {
    super({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      title: 'Linode is not reachable',
      message: 'Linode is not reachable right now, so the plans and prices cannot be shown. Please try again shortly.',
      actionLabel: 'Try again',
      actionHref: '/',
      retryAfterSeconds,
    });
  }
}
