import {
  applyDecorators,
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  Render,
  UseInterceptors,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

/** Whether htmx sent the request (it then swaps a fragment into the page). */
export function isHtmx(req: Request): boolean {
  return req.get('HX-Request') === 'true';
}

/** `@HxRequest() htmx: boolean` in a handler. */
export const HxRequest = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  isHtmx(context.switchToHttp().getRequest<Request>()),
);

/**
 * Headers of every page and fragment: never stored unless `@PublicPage` said otherwise (the rest
 * depend on the session), and varying on HX-Request (the same URL answers htmx with a fragment).
 */
export function setViewHeaders(res: Response): void {
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
  res.vary('HX-Request');
}

/** A view model with the status to answer it with (200 when none). */
export class ViewResult<T extends object = object> {
  constructor(
    readonly model: T,
    readonly status?: number,
  ) {}
}

/**
 * Answers a handler's view model as the page, or as the fragment when htmx asks, with the view
 * headers above. Rendering goes through Nest's `@Render`, which keeps the status the handler chose.
 */
@Injectable()
export class HtmxViewInterceptor implements NestInterceptor {
  constructor(
    private readonly page: string,
    private readonly fragment: string | undefined,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<object> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    setViewHeaders(res);
    const fragment = this.fragment !== undefined && isHtmx(req) ? this.fragment : null;
    return next.handle().pipe(
      map((result: object) => {
        const { model, status } = result instanceof ViewResult ? result : new ViewResult(result);
        if (status !== undefined) res.status(status);
        if (fragment === null) return model;
        renderInstead(res, fragment);
        return { ...model, layout: false };
      }),
    );
  }
}

/** `@Render` names the page; for htmx, Express renders the fragment in its place. */
function renderInstead(res: Response, view: string): void {
  const render = res.render.bind(res);
  res.render = (_page: string, options?: object, callback?: (err: Error, html: string) => void): void => render(view, options, callback);
}

/** `@HtmxView('pages/deployment', 'partials/_deployment-status')`: see HtmxViewInterceptor. */
export function HtmxView(page: string, fragment?: string): MethodDecorator {
  return applyDecorators(Render(page), UseInterceptors(new HtmxViewInterceptor(page, fragment)));
}
