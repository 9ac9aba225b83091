import type { INestApplication } from '@nestjs/common';
import { HttpRequestMetrics } from './http-request.metrics';
import { requestLogger } from './logger-params';

/**
 * The request log and the HTTP metrics as the first middleware, so that requests answered ahead of
 * Nest's router (redirects, static files, 429s, body errors) are logged and timed as well.
 */
export function observeRequests(app: INestApplication): void {
  app.use(requestLogger(app), app.get(HttpRequestMetrics).observe);
}
