/**
 * Errors from talking to Linode, as values that keep their meaning: an API error keeps Linode's
 * `field`/`reason` pairs, an outage says whether it was a timeout or the network, an OAuth error
 * keeps the RFC 6749 `error` code. Messages never contain tokens, secrets or request bodies.
 */
import { errorEnvelopeSchema } from './contract/linode.vocabulary';

export interface LinodeFieldError {
  /** The request field the problem is about (dot path for nested fields), or null. */
  field: string | null;
  reason: string;
}

/** Linode answered with an error status (4xx/5xx, or anything that is not a success). */
export class LinodeApiError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errors: LinodeFieldError[];
  /** From `Retry-After` (429, 503): when trying again makes sense. */
  readonly retryAfterSeconds: number | null;

  constructor(init: Pick<LinodeApiError, 'method' | 'path' | 'status' | 'errors'> & { retryAfterSeconds?: number | null }) {
    const reasons = init.errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).join('; ');
    super(`Linode API ${init.method} ${init.path} answered ${init.status}: ${reasons}`);
    this.name = new.target.name;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.errors = init.errors;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** An answer as the clients read it: the body as text. */
export interface LinodeAnswer {
  status: number;
  contentType: string | null;
  text: string;
}

/** Reads Linode's error envelope; a body that is not one (an HTML page from a WAF) becomes one reason. */
export function linodeErrorsFromBody({ status, contentType, text }: LinodeAnswer): LinodeFieldError[] {
  const envelope = errorEnvelopeSchema.safeParse(parseJsonOrUndefined(text));
  if (envelope.success) {
    return envelope.data.errors.map((e) => ({ field: e.field ?? null, reason: e.reason }));
  }
  const kind = text.trim() === '' ? 'an empty body' : `a body of type ${contentType?.split(';')[0] || 'unknown'}`;
  return [{ field: null, reason: `Linode answered ${status} with ${kind} instead of a JSON error` }];
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type LinodeUnavailableKind = 'timeout' | 'network' | 'circuit_open';

/**
 * Linode could not be reached: the request timed out, the connection failed, or the circuit
 * breaker is open after repeated failures and the request was not even sent.
 */
export class LinodeUnavailableError extends Error {
  readonly kind: LinodeUnavailableKind;

  constructor(init: { service: string; kind: LinodeUnavailableKind; method: string; path: string; detail: string }) {
    super(`${init.service} ${init.method} ${init.path} ${init.detail}`);
    this.name = new.target.name;
    this.kind = init.kind;
  }
}

/** Linode answered with success, but the body is not what its API promises (or not JSON at all). */
export class LinodeResponseError extends Error {
  readonly status: number;
  /** What did not match, e.g. `data.0.price.hourly: Invalid input: expected number, received string`. */
  readonly issues: string[];

  constructor(init: { service: string; method: string; path: string; status: number; issues: string[] }) {
    const issues = init.issues.join('; ');
    super(`${init.service} ${init.method} ${init.path} answered ${init.status} with an unexpected body: ${issues}`);
    this.name = new.target.name;
    this.status = init.status;
    this.issues = init.issues;
  }
}

/** The login service refused a token request (RFC 6749 §5.2 `error`, e.g. `invalid_grant`). */
export class LinodeOAuthError extends Error {
  readonly status: number;
  /** The RFC 6749 error code, or `unexpected_response` when the body was not an OAuth error. */
  readonly error: string;
  readonly description: string | null;

  constructor(init: { status: number; error: string; description: string | null; path: string }) {
    const description = init.description ? ` (${init.description})` : '';
    super(`Linode login POST ${init.path} answered ${init.status}: ${init.error}${description}`);
    this.name = new.target.name;
    this.status = init.status;
    this.error = init.error;
    this.description = init.description;
  }
}
