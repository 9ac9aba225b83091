import type { NextFunction, Request, Response } from 'express';

/**
 * Sends a request under another host to the same path on PUBLIC_URL: a cookie set on one host never
 * reaches the callback on the other. Probes answer on any host (they use the container's address).
 */
export function canonicalOrigin(publicUrl: string) {
  const canonical = new URL(publicUrl);
  const exempt = new Set(['/healthz', '/readyz', '/metrics']);
  return (req: Request, res: Response, next: NextFunction): void => {
    // Honours X-Forwarded-Host only from the proxies TRUST_PROXY names. URL already lower-cases its host.
    const host = req.host;
    if (!host || host.toLowerCase() === canonical.host || exempt.has(req.path)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(421).type('text/plain').send(`Please use ${canonical.origin}\n`);
      return;
    }
    // req.originalUrl is path + query from the request line; never absolute, so it cannot point elsewhere.
    const path = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
    res.redirect(308, canonical.origin + path);
  };
}
