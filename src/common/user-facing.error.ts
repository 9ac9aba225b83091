export type UserFacingErrorOptions = Pick<UserFacingError, 'status' | 'title' | 'message'> &
  Partial<Pick<UserFacingError, 'actionLabel' | 'actionHref' | 'details' | 'retryAfterSeconds'>>;

/** An error meant for the person at the browser, rendered as a page by PageExceptionFilter. */
export class UserFacingError extends Error {
  readonly status: number;
  readonly title: string;
  /** What the person can do next, e.g. "Start again". */
  readonly actionLabel: string;
  readonly actionHref: string;
  /** Extra facts safe to show (e.g. a Linode field error). */
  readonly details: string[];
  /** Seconds after which trying again makes sense (rate limits, outages). */
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
