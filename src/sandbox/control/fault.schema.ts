import { z } from 'zod/v4';

/** `*`, or `<METHOD> <path>` where the method may be `*` and `*` in the path matches anything. */
const ROUTE = /^(\*|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|\*) \/\S*)$/;

/**
 * A fault to inject, as posted to `POST /__sandbox/faults`:
 * - `route`: which requests it applies to: `"*"` (all API and login calls) or
 *   `"<METHOD> <path>"`, e.g. `"POST /v4/linode/instances"`, `"GET /v4/linode/instances/*"`,
 *   `"* /oauth/*"`, or an instance's emulated application, `"GET /__sandbox/instances/60000001/application"`
 *   (a 503 or `hang` there: it never answers); the query string is ignored.
 * - `status`: answer with this HTTP status (400–599) and Linode's error envelope instead of
 *   handling the request; `reason` overrides the envelope's reason, `field` names the field it is
 *   about (as Linode does for a refused create, e.g. `"region"` or `"stackscript_data.NAME"`).
 * - `retryAfter`: seconds for the `Retry-After` header (with status 429 or 503; 429 defaults to 1).
 * - `latencyMs`: delay before the request is answered or handled (0–600000). A delayed request is
 *   still handled afterwards, even if the client gave up: that is what a slow network does, and
 *   it is how a client timeout can leave a created Linode behind.
 * - `hang`: never answer; the connection is dropped on `DELETE /__sandbox/faults` or reset.
 * - `rate`: probability (0–1, default 1) that a matching request is affected.
 * - `count`: affect only this many requests, then the fault removes itself (default: unlimited).
 * A fault needs at least one of `status`, `latencyMs` > 0 or `hang`.
 */
export const faultInputSchema = z
  .strictObject({
    route: z
      .string()
      .regex(ROUTE, 'Must be "*" or "<METHOD> <path>", e.g. "POST /v4/linode/instances"; "*" matches any method or path part'),
    status: z.number().int().min(400).max(599).optional(),
    reason: z.string().min(1).max(500).optional(),
    field: z.string().min(1).max(200).optional(),
    retryAfter: z.number().int().min(0).max(86_400).optional(),
    latencyMs: z.number().int().min(0).max(600_000).default(0),
    hang: z.boolean().default(false),
    rate: z.number().min(0).max(1).default(1),
    count: z.number().int().min(1).optional(),
  })
  .check((context) => {
    const fault = context.value;
    const problem = (path: string, message: string) => context.issues.push({ code: 'custom', path: [path], message, input: fault });
    if (fault.status === undefined && !fault.hang && fault.latencyMs === 0) {
      problem('status', 'A fault needs a status, a latencyMs above 0, or hang: true');
    }
    if (fault.status !== undefined && fault.hang) problem('hang', 'Choose either a status or hang, not both');
    if (fault.reason !== undefined && fault.status === undefined) problem('reason', 'reason goes with a status');
    if (fault.field !== undefined && fault.status === undefined) problem('field', 'field goes with a status');
    if (fault.retryAfter !== undefined && fault.status !== 429 && fault.status !== 503) {
      problem('retryAfter', 'retryAfter goes with status 429 or 503');
    }
  });

export type FaultInput = z.infer<typeof faultInputSchema>;

/** A fault as the control plane lists it. */
export interface FaultView {
  id: string;
  route: string;
  status: number | null;
  reason: string | null;
  field: string | null;
  retryAfter: number | null;
  latencyMs: number;
  hang: boolean;
  rate: number;
  count: number | null;
  /** How many more requests it will affect (null: unlimited). */
  remaining: number | null;
  /** How many requests it has affected so far. */
  fired: number;
}

/** Whether a fault's route matches a request (method and path, query string excluded). */
export function routeMatcher(route: string): (method: string, path: string) => boolean {
  if (route === '*') return () => true;
  const [method, pathPattern] = route.split(' ');
  const source = pathPattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const pattern = new RegExp(`^${source}/?$`);
  return (requestMethod, path) => (method === '*' || method === requestMethod.toUpperCase()) && pattern.test(path);
}
