import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { UserFacingError } from './user-facing.error';

const GENERIC: Record<number, { title: string; message: string }> = {
  400: {
    title: 'That request could not be understood',
    message: 'Something in the request was malformed. Go back to the start page and try again.',
  },
  403: {
    title: 'Request refused',
    message: 'This request did not come from this site’s own form, so it was refused. Reload the page and try again.',
  },
  404: { title: 'Page not found', message: 'There is nothing at this address. It may have expired or never existed.' },
  413: { title: 'Too much data', message: 'The form sent more data than this site accepts. Shorten the long fields and try again.' },
  415: { title: 'Unsupported form encoding', message: 'The form was sent in a format this site does not accept.' },
  429: { title: 'Too many requests', message: 'Please wait a moment and try again.' },
  500: {
    title: 'Something went wrong on our side',
    message: 'The error has been logged. Nothing was deployed by this request. Please try again.',
  },
  503: { title: 'Temporarily unavailable', message: 'Linode is not reachable right now. Please try again shortly.' },
};

/** Any error as a page a person can act on: another error's own text may be technical, so it is never shown. */
export function toUserFacingError(error: unknown): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const status = statusOf(error);
  const words = GENERIC[status] ?? GENERIC[status >= 500 ? 500 : 400];
  return new UserFacingError({ status, ...words, actionLabel: 'Go to the start page' });
}

/** Nest's HttpException, or Express middleware's (body-parser) `status`/`statusCode`; else 500. */
function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const { status, statusCode } = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; statusCode?: unknown };
  const found = status ?? statusCode;
  return typeof found === 'number' && found >= 400 && found < 600 ? found : 500;
}

export function renderError(error: unknown, req: Request, res: Response, logger: Logger): void {
  const view = toUserFacingError(error);
  // Name and message only: some errors' toString() adds a body that may echo secrets (passport-oauth2's).
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (view.status >= 500) logger.error(`${req.method} ${req.path} failed: ${cause}`);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(view.status);
  // Even on a public page: an error is never kept by a cache.
  res.setHeader('Cache-Control', 'no-store');
  res.vary('HX-Request');
  if (view.retryAfterSeconds) res.setHeader('Retry-After', String(view.retryAfterSeconds));
  const fragment = req.get('HX-Request') === 'true';
  if (fragment) {
    // htmx does not swap 4xx/5xx by default: tell it where the message goes.
    res.set({ 'HX-Retarget': '#flash', 'HX-Reswap': 'innerHTML' });
  }
  const model = { ...view, message: view.message, pageTitle: view.title, layout: fragment ? false : undefined };
  res.render(fragment ? 'partials/_error' : 'pages/error', model, (renderErr, html) => {
    if (renderErr) {
      logger.error(`error page failed to render: ${renderErr.message}`);
      res.type('text/plain').send(`${view.title}\n\n${view.message}\n`);
      return;
    }
    res.type('html').send(html);
  });
}

@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    renderError(error, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}
