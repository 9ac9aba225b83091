import { HttpStatus } from '@nestjs/common';
import { UserFacingError, type UserFacingErrorOptions } from '../common/user-facing.error';
import type { StateRejection } from './pending-authorization.store';

const SIGN_IN_PAGES = {
  cancelled: {
    status: HttpStatus.OK,
    title: 'You cancelled the sign-in',
    message: 'Nothing was deployed and nothing was changed on your Linode account. You can start again whenever you like.',
    actionLabel: 'Back to the start',
  },
  noDraft: {
    status: HttpStatus.BAD_REQUEST,
    title: 'There is nothing to sign in for',
    message:
      'A sign-in starts from the choices you make on the start page, and this browser has none waiting: they were already deployed, or they expired (they last 15 minutes). Nothing was started. Please choose again.',
  },
  crossSite: {
    status: HttpStatus.FORBIDDEN,
    title: 'This sign-in was not started here',
    message:
      'Another site tried to start a sign-in to Linode in your name, so nothing was started. To deploy, choose on this site’s start page.',
  },
  unavailable: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    title: 'The sign-in could not go on right now',
    message: 'Our session store did not answer, so nothing was deployed. Please try again in a moment.',
    retryAfterSeconds: 10,
  },
  codeRejected: {
    status: HttpStatus.BAD_REQUEST,
    title: 'Linode did not accept this sign-in',
    message: 'The sign-in code had expired or was already used. Nothing was deployed. Please start again.',
  },
  // Linode refused the PKCE verifier: only the operator can fix it (LINODE_PKCE=off), as the log says.
  pkceRefused: {
    status: HttpStatus.BAD_GATEWAY,
    title: 'Linode did not accept this app’s sign-in',
    message:
      'Linode’s login service refused the extra sign-in protection (PKCE) this app sends, so the sign-in could not be completed. Nothing was deployed and nothing was changed on your account. The operator of this site has been told how to fix it; please try again later.',
  },
} satisfies Record<string, UserFacingErrorOptions>;

/** A sign-in that ended on one of the fixed pages above. */
export class SignInError extends UserFacingError {
  constructor(readonly kind: keyof typeof SIGN_IN_PAGES) {
    super(SIGN_IN_PAGES[kind]);
  }
}

const STATE_MESSAGES: Record<StateRejection, string> = {
  missing: 'This sign-in link is incomplete, so it was not trusted. Nothing was deployed. Please start again from the start page.',
  unknown:
    'This sign-in was not started from this browser, or it was already used (for example by reloading the page or starting another sign-in elsewhere). Nothing was deployed. If you started another sign-in in another tab, continue there; otherwise start again.',
  expired: 'This sign-in took longer than 10 minutes and has expired. Nothing was deployed. Please start again.',
};

export class InvalidSignInStateError extends UserFacingError {
  constructor(readonly rejection: StateRejection) {
    super({ status: HttpStatus.BAD_REQUEST, title: 'This sign-in could not be verified', message: STATE_MESSAGES[rejection] });
  }
}

export class SignInFailedError extends UserFacingError {
  constructor(reason: string) {
    super({
      status: HttpStatus.BAD_GATEWAY,
      title: 'Linode did not complete the sign-in',
      message: `${reason} Nothing was deployed. Please try again.`,
    });
  }
}
