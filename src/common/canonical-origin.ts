import type { NextFunction, Request, Response } from 'express';

/**
 * Sends a request that arrived under another host (e.g. 127.0.0.1:5000 when PUBLIC_URL is
 * http://localhost:5000) to the same path on PUBLIC_URL, before anything else: the session
 * cookie set on one host would never reach the callback on the other. Health and metrics
 * endpoints answer on any host (probes use the container's address).
 */
export function canonicalOrigin(publicUrl: string) {
  const canonical = new URL(publicUrl);
  const exempt = new Set(['/healthz', '/readyz', '/metrics']);
  return (req: Request, res: Response, next: NextFunction): void => {
    // Honours X-Forwarded-Host only from the proxies TRUST_PROXY names.
    const host = req.host;
    if (!host || host.toLowerCase() === canonical.host.toLowerCase() || exempt.has(req.path)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(421).type('text/plain').send(`Please use ${canonical.origin}\n`);
      return;
    }
    // req.originalUrl is path + query from the request line; never absolute, so it cannot point elsewhere.
    const path = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
    res.redirect(308, canonical.origin + path);
  };
}
