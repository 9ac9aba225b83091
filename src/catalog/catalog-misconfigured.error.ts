import { HttpStatus } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';

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
