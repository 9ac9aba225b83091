import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The id a request is logged under: the caller's `X-Request-Id` when it is short and plain (so a
 * proxy's id ties its logs to ours), otherwise a fresh UUID — a client must not be able to put
 * arbitrary text, or a line break, into our logs.
 */
export function requestIdFor(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && SANE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

/** pino-http's `genReqId`: the request's id, echoed in `X-Request-Id`. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdFor(req.headers['x-request-id']);
  res.setHeader('X-Request-Id', id);
  return id;
}
