import { createMock } from '@golevelup/ts-jest';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { lastValueFrom, of } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { publicCacheControl, PublicPageInterceptor } from './public-page';
import { RenderedPage } from './rendered-pages';

describe('publicCacheControl', () => {
  it('keeps a page fresh for a tenth of the catalog refresh and serves it stale for one refresh', () => {
    expect(publicCacheControl(10 * 60_000)).toBe('public, max-age=60, stale-while-revalidate=600');
  });

  it('never says max-age=0 for a very short refresh', () => {
    expect(publicCacheControl(1_000)).toBe('public, max-age=1, stale-while-revalidate=1');
  });
});

describe('PublicPageInterceptor', () => {
  it('marks the answer public before the handler runs, and passes other answers through', async () => {
    const res = createMock<Response>();
    const interceptor = new PublicPageInterceptor(createMock<AppConfig>({ catalogTtlMs: 10 * 60_000 }));
    const context = createMock<ExecutionContext>({ switchToHttp: () => ({ getResponse: () => res }) });
    const handled = interceptor.intercept(context, createMock<CallHandler>({ handle: () => of('page') }));
    expect(res.setHeader).toHaveBeenCalledWith('Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
    await expect(lastValueFrom(handled)).resolves.toBe('page');
  });

  it('sends a rendered page as HTML with its ETag, so Express answers a matching If-None-Match with 304', async () => {
    const res = createMock<Response>();
    const interceptor = new PublicPageInterceptor(createMock<AppConfig>({ catalogTtlMs: 60_000 }));
    const context = createMock<ExecutionContext>({ switchToHttp: () => ({ getResponse: () => res }) });
    const page = new RenderedPage('<p>hi</p>', 'W/"9-abc"');
    const handled = interceptor.intercept(context, createMock<CallHandler>({ handle: () => of(page) }));
    await expect(lastValueFrom(handled)).resolves.toBe('<p>hi</p>');
    expect(res.setHeader).toHaveBeenCalledWith('ETag', 'W/"9-abc"');
    expect(res.type).toHaveBeenCalledWith('html');
  });
});
