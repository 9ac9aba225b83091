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

/** An id that is not on this install's allow-list (LINODE_STACKSCRIPT_ID/_IDS). */
export class StackScriptNotOfferedError extends UserFacingError {
  constructor() {
    super({
      status: HttpStatus.NOT_FOUND,
      title: 'This application is not offered here',
      message: 'This site does not deploy the StackScript at this address. Pick one of the applications it offers.',
      actionLabel: 'See what is offered',
      actionHref: '/',
    });
  }
}

/**
 * None of the StackScript's images is a public, available image: neither Linode's outage nor the
 * visitor's doing, so a 503 page says so instead of a configure page with an empty image select.
 */
export class CatalogMisconfiguredError extends UserFacingError {
  constructor(
    /** A log-safe description for the operator. */
    readonly detail: string,
    retryAfterSeconds: number | null = null,
  ) {
    super({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      title: 'This application cannot be deployed right now',
      message:
        'The application’s StackScript supports no image that Linode currently offers, so there is nothing to deploy it on. The operator of this site has been told; please try again later.',
      details: [detail],
      retryAfterSeconds,
    });
  }
}

export function describeUnusableImages(stackScriptId: number, images: readonly string[]): string {
  const listed = images.length === 0 ? 'no images at all' : `only ${images.slice(0, 10).join(', ')}`;
  return `StackScript ${stackScriptId} lists ${listed}, and none of them is a public, available image at Linode. Add a current image (for example linode/debian12) to the StackScript, or set LINODE_STACKSCRIPT_ID to another one.`;
}
