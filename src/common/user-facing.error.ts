import { HttpStatus } from '@nestjs/common';

export interface UserFacingErrorOptions {
  status: HttpStatus;
  title: string;
  message: string;
  /** What the person can do next, e.g. "Start again". */
  actionLabel?: string;
  actionHref?: string;
  /** Extra facts safe to show (e.g. a Linode field error). */
  details?: string[];
  /** Seconds after which trying again makes sense (rate limits, outages). */
  retryAfterSeconds?: number | null;
}

/**
 * An error meant for the person at the browser: rendered as a clear page (or htmx fragment) by the
 * page exception filter, with the right 4xx/5xx status and never a stack trace.
 */
export class UserFacingError extends Error {
  readonly status: HttpStatus;
  readonly title: string;
  readonly actionLabel: string;
  readonly actionHref: string;
  readonly details: string[];
  readonly retryAfterSeconds: number | null;

  constructor(options: UserFacingErrorOptions) {
    super(options.message);
    this.name = new.target.name;
    this.status = options.status;
    this.title = options.title;
    this.actionLabel = options.actionLabel ?? 'Start again';
    this.actionHref = options.actionHref ?? '/';
    this.details = options.details ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}
