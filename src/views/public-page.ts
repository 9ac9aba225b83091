import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RenderedPage } from './rendered-pages';

/** Fresh for a tenth of the catalog's refresh, stale for one more: never much older than the app's own catalog. */
export function publicCacheControl(catalogTtlMs: number): string {
  const refreshSeconds = Math.max(1, Math.round(catalogTtlMs / 1000));
  return `public, max-age=${Math.max(1, Math.round(refreshSeconds / 10))}, stale-while-revalidate=${refreshSeconds}`;
}

@Injectable()
export class PublicPageInterceptor implements NestInterceptor {
  private readonly cacheControl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cacheControl = publicCacheControl(config.catalogTtlMs);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    // Before the handler, so an error page replaces it.
    res.setHeader('Cache-Control', this.cacheControl);
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof RenderedPage)) return result;
        // With the ETag set, Express's res.send answers 304 to a matching If-None-Match without hashing the body.
        res.setHeader('ETag', result.etag);
        res.type('html');
        return result.html;
      }),
    );
  }
}

/**
 * The same bytes for every visitor, so any HTTP cache may keep it (Express adds the ETag and 304).
 * Its path must be among app.setup.ts's public reads, which skip the session.
 */
export const PublicPage = (): MethodDecorator => UseInterceptors(PublicPageInterceptor);
