/** One entry of Linode's error envelope. */
export interface LinodeErrorItem {
  field?: string;
  reason: string;
}

/**
 * An error the sandbox API answers with Linode's envelope `{"errors":[{"field"?, "reason"}]}`.
 * Thrown anywhere under /v4 (and by the control plane); the exception filter renders it.
 */
export class SandboxApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: LinodeErrorItem[],
    /** Extra response headers, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).join('; '));
    this.name = 'SandboxApiError';
  }

  static badRequest(errors: LinodeErrorItem[]): SandboxApiError {
    return new SandboxApiError(400, errors);
  }

  static notFound(): SandboxApiError {
    return new SandboxApiError(404, [{ reason: 'Not found' }]);
  }
}

/** The reason Linode-style errors carry for a bare HTTP status (injected faults, unexpected failures). */
export function reasonForStatus(status: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad request',
    401: 'Invalid OAuth token',
    403: 'Your OAuth token is not authorized to use this endpoint.',
    404: 'Not found',
    405: 'Method not allowed',
    408: 'Request timeout',
    409: 'Conflict',
    413: 'Request entity too large',
    429: 'Too many requests',
    500: 'Internal server error',
    502: 'Bad gateway',
    503: 'Service unavailable',
    504: 'Gateway timeout',
  };
  return reasons[status] ?? (status >= 500 ? 'Internal server error' : 'Bad request');
}
