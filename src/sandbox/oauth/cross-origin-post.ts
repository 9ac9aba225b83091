import type { Request } from 'express';

/** What the check reads of a request (an Express request has both). */
export type PostRequest = Pick<Request, 'protocol'> & { get(name: string): string | undefined };

/**
 * Whether a form post came from another site's page, judged as Go's `CrossOriginProtection` does:
 * Fetch Metadata first, then `Origin` against this origin as the browser sees it (behind the app's
 * one-port proxy, the host and scheme it forwards). Neither header: not a browser, allowed.
 */
export function isCrossOriginPost(request: PostRequest): boolean {
  const site = request.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.get('origin');
  if (!origin) return false;
  // A page on another site can't set these on a form post, so trusting them lets none through.
  const scheme = request.get('x-forwarded-proto') ?? request.protocol;
  const host = request.get('x-forwarded-host') ?? request.get('host');
  return origin !== `${scheme}://${host}`;
}
