import { HttpStatus } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';

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
