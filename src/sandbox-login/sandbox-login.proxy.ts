/**
 * Sandbox mode only: the sandbox listens on loopback, which a browser outside the container cannot
 * reach, so its consent page (GET and POST /oauth/authorize, nothing else) is forwarded from PUBLIC_URL.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { isCrossOriginRequest } from '../common/cross-origin.guard';
import { renderError } from '../common/page-exception.filter';
import { UserFacingError } from '../common/user-facing.error';

const AUTHORIZE_PATH = '/oauth/authorize';

/** Mounted with `app.use(path, …)`; the consent form must be posted from `publicOrigin`. */
export function sandboxLoginProxy(sandboxOrigin: string, publicOrigin: string, logger: Logger): RequestHandler {
  const publicUrl = new URL(publicOrigin);
  const proxy = createProxyMiddleware<Request, Response>({
    target: sandboxOrigin,
    changeOrigin: true,
    // http-proxy follows no redirects: the sandbox's redirect to the callback is already absolute.
    proxyTimeout: 15_000,
    timeout: 15_000,
    on: {
      proxyReq: (proxyReq: ClientRequest, req: Request) => {
        // The app's session cookie is not the sandbox's business.
        proxyReq.removeHeader('cookie');
        proxyReq.removeHeader('authorization');
        // Ours, never the client's: the sandbox renders the prefix into its form's action, and
        // checks the form's Origin against the host and scheme the browser sees.
        proxyReq.setHeader('x-forwarded-prefix', req.baseUrl);
        proxyReq.setHeader('x-forwarded-host', publicUrl.host);
        proxyReq.setHeader('x-forwarded-proto', publicUrl.protocol.slice(0, -1));
      },
      proxyRes: (proxyRes: IncomingMessage) => {
        // On the app's origin no-referrer would make browsers without Fetch Metadata send
        // `Origin: null` with the consent form, which the check below must refuse.
        proxyRes.headers['referrer-policy'] = 'same-origin';
        // On the app's origin, the consent form may post only back to it.
        const policy = proxyRes.headers['content-security-policy'];
        if (typeof policy === 'string' && !/(^|;)\s*form-action\b/i.test(policy)) {
          proxyRes.headers['content-security-policy'] = `${policy}; form-action 'self'`;
        }
        delete proxyRes.headers['set-cookie'];
      },
      error: (error: Error, req: Request, res: Response | Socket) => {
        if (!('status' in res)) return void res.destroy();
        logger.warn(`sandbox sign-in page unreachable: ${error.message}`);
        const unavailable = new UserFacingError({
          status: 502,
          title: 'The sandbox sign-in page is not answering',
          message: 'The built-in Linode sandbox did not answer, so the sign-in cannot go on. Please try again in a moment.',
          retryAfterSeconds: 5,
        });
        renderError(unavailable, req, res, logger);
      },
    },
  });

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== AUTHORIZE_PATH) return next();
    // Middleware, so the app's guard never sees it: the same rule, before the sandbox sees the post.
    if (isCrossOriginRequest(req, publicOrigin)) {
      const forged = new UserFacingError({
        status: 403,
        title: 'Request refused',
        message: 'This sign-in form was not sent from this site’s own page, so nothing was done. Start again from the start page.',
      });
      return next(forged);
    }
    void proxy(req, res, next);
  };
}
