import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { routeLabel } from './route-label';

/**
 * Times every request, labelled by method, templated route and status (`aborted` when the client
 * left before the response was complete). `observe` is Express middleware, mounted first by app.setup.
 */
@Injectable()
export class HttpRequestMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, templated route and status code.',
      labelNames: ['method', 'route', 'status_code'],
      // prom-client's default buckets: 5 ms to 10 s.
      registers: [registry],
    });
  }

  readonly observe = (req: Request, res: Response, next: NextFunction): void => {
    const stopTimer = this.duration.startTimer();
    // The route is known only once a handler has run; `close` follows `finish`, and comes alone on an abort.
    res.once('close', () => {
      stopTimer({ method: req.method, route: routeLabel(req), status_code: res.writableFinished ? String(res.statusCode) : 'aborted' });
    });
    next();
  };
}
