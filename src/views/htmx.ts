import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** `@HxRequest() htmx: boolean`: htmx asks for the page's fragment, to swap it into the page it shows. */
export const HxRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<Request>().get('HX-Request') === 'true',
);

/** Spread into a page's model for htmx: the page template then answers only its fragment, without the layout. */
export const HTMX_FRAGMENT = { fragment: true, layout: false } as const;
