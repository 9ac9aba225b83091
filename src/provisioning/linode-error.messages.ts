import { HttpStatus } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';
import { LinodeApiError, LinodeResponseError, LinodeUnavailableError, type LinodeFieldError } from '../linode/linode-api.error';

/** Linode refused the create with a 4xx about the choices (not access or pace): nothing was created. */
export class CreateRefusedError extends UserFacingError {
  constructor(
    readonly linodeErrors: LinodeFieldError[],
    details: string[],
    tryAgain?: string,
  ) {
    super({
      status: HttpStatus.BAD_REQUEST,
      title: 'Linode could not create the server with these choices',
      message: tryAgain
        ? 'Nothing was created on your account. “Try again” brings back your choices (all but passwords and other secrets) with the one Linode named marked.'
        : 'Nothing was created on your account. Change the choice Linode named below and try again.',
      details,
      ...(tryAgain ? { actionLabel: 'Try again', actionHref: tryAgain } : {}),
    });
  }
}

const FIELD_NAMES: Record<string, string> = {
  type: 'Plan',
  region: 'Region',
  image: 'Image',
  label: 'Server label',
  root_pass: 'Root password',
  authorized_keys: 'SSH key',
  stackscript_id: 'Application (StackScript)',
  stackscript_data: 'Application options',
  tags: 'Tags',
};

function fieldName(field: string): string {
  const [head, ...rest] = field.split('.');
  const base = Object.hasOwn(FIELD_NAMES, head) ? FIELD_NAMES[head] : head;
  return rest.length ? `${base} (${rest.join('.')})` : base;
}

/**
 * A failed create as a page naming the field or step and what to do next. "Nothing was created"
 * only when Linode said so (a 4xx): after an unreadable 2xx the server may well exist.
 */
export function createFailureToUserError(error: unknown, label?: string): UserFacingError {
  const unconfirmed = label
    ? ` If a server named “${label}” appears in your Linode Cloud Manager in the next minutes, it is this one: delete it there if you do not want it.`
    : '';
  if (error instanceof LinodeApiError) {
    const details = error.errors.map((e) => (e.field ? `${fieldName(e.field)}: ${e.reason}` : e.reason));
    if (error.status === 429) {
      const wait = error.retryAfterSeconds ?? 30;
      return new UserFacingError({
        status: HttpStatus.TOO_MANY_REQUESTS,
        title: 'Linode is limiting how fast servers can be created',
        message: `Linode allows only a few new servers per minute on an account. Nothing was created. Try again in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`,
        details,
        retryAfterSeconds: wait,
      });
    }
    if (error.status === 401 || error.status === 403) {
      return new UserFacingError({
        status: HttpStatus.FORBIDDEN,
        title: 'Linode refused to create the server',
        message:
          'Your Linode account did not allow this app to create a server (the access may have been withdrawn, or your user may not be allowed to add Linodes). Nothing was created.',
        details,
      });
    }
    if (error.status >= 400 && error.status < 500) return new CreateRefusedError(error.errors, details);
    return new UserFacingError({
      status: HttpStatus.BAD_GATEWAY,
      title: 'Linode had a problem creating the server',
      message: `Linode answered with an error, and no server was found under the name we asked for, so most likely nothing was created.${unconfirmed} Please try again in a few minutes.`,
      details,
    });
  }
  if (error instanceof LinodeResponseError && error.status >= 200 && error.status < 300) {
    return new UserFacingError({
      status: HttpStatus.BAD_GATEWAY,
      title: 'Your server may have been created',
      message: `Linode accepted the request to create the server, but its answer could not be read, so this page cannot follow the server. It may exist on your account${label ? ` as “${label}”` : ''} and may be billed: check the Linode Cloud Manager before you try again, and delete it there if you do not want it.`,
      actionLabel: 'Open Linode Cloud Manager',
      actionHref: 'https://cloud.linode.com/linodes',
    });
  }
  if (error instanceof LinodeUnavailableError) {
    return new UserFacingError({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      title: 'Linode is not reachable right now',
      message:
        error.kind === 'circuit_open'
          ? 'Linode has been failing for the last few requests, so we paused sending it more for a short while. Nothing was created. Please try again in a minute.'
          : `We could not reach Linode, and no server was found under the name we asked for, so most likely nothing was created.${unconfirmed} Please try again shortly.`,
      retryAfterSeconds: 30,
    });
  }
  return new UserFacingError({
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    title: 'The server could not be created',
    message:
      'Something unexpected happened on our side before Linode confirmed the server. Check the Linode Cloud Manager before you try again: if a new server is there, it is this one.',
    actionLabel: 'Open Linode Cloud Manager',
    actionHref: 'https://cloud.linode.com/linodes',
  });
}
