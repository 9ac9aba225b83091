import { HttpStatus } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';

export class DraftExpiredError extends UserFacingError {
  constructor() {
    super({
      status: HttpStatus.BAD_REQUEST,
      title: 'Your choices have expired',
      message:
        'The plan, region and options you picked are no longer stored (they last 15 minutes). Nothing was deployed. Please choose again.',
    });
  }
}

export class InsufficientScopesError extends UserFacingError {
  constructor(granted: string[]) {
    super({
      status: HttpStatus.FORBIDDEN,
      title: 'Linode did not grant the access needed',
      message:
        'To create the server, this app needs permission to create Linodes ("Linodes: read/write"). The permission was not granted, so nothing was deployed and the access you did grant has been given back (revoked). Start again and leave "Linodes" checked on Linode’s consent page.',
      details: [`Granted: ${granted.length ? granted.join(', ') : 'nothing'}`],
    });
  }
}

export class DraftNoLongerValidError extends UserFacingError {
  /** `tryAgain`: the page that brings the person's choices back, the ones to change marked. */
  constructor(details: string[], tryAgain?: string) {
    super({
      ...(tryAgain ? { actionLabel: 'Try again', actionHref: tryAgain } : {}),
      status: HttpStatus.CONFLICT,
      title: 'Your choices are no longer available',
      message: `While you were signing in, Linode’s offer changed and some of your choices can no longer be deployed. Nothing was deployed and the access you granted has been given back. ${tryAgain ? '“Try again” brings back your choices (all but passwords and other secrets) with the ones to change marked.' : 'Please choose again.'}`,
      details,
    });
  }
}
