import compression from 'compression';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ServerResponse } from 'node:http';
import onHeaders from 'on-headers';

/** compression's own test for `Cache-Control: no-transform` (compression/index.js). */
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;

/**
 * `compression(options)` for requests that accept an encoding; a request without
 * `Accept-Encoding` (which compression answers as it came) gets only what compression would have
 * added to it: `Vary: Accept-Encoding` on compressible answers.
 *
 * Why (issue 14): compression replaces `res.write`, `res.end` and `res.on` with closures over the
 * request for every request, whether it compresses or not. On Node 24 a closure kept on `res`
 * keeps the request's objects alive through young-generation collections (measured: 8 MB promoted
 * per scavenge under load, the old generation growing to 170 MB of garbage between full
 * collections, RSS ~300 MB after seconds of load on any route; a bare node:http server that only
 * sets `res.f = () => res` shows the same). A request that cannot be compressed no longer pays for it.
 */
export function compressionWhenAccepted(options: compression.CompressionOptions): RequestHandler {
  const compress = compression(options);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.headers['accept-encoding']) {
      compress(req, res, next);
      return;
    }
    onHeaders(res, varyAsCompressionWould);
    next();
  };
}

/**
 * A function of the module, not a closure over this request: what on-headers keeps on `res` must
 * not hold the request (see above).
 */
function varyAsCompressionWould(this: ServerResponse): void {
  const res = this as Response; // on-headers calls it with the Express response it was given
  const cacheControl = res.getHeader('Cache-Control');
  const noTransform = typeof cacheControl === 'string' && NO_TRANSFORM.test(cacheControl);
  if (compression.filter(res.req, res) && !noTransform) res.vary('Accept-Encoding');
}
