import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.registry';
import { routeLabel } from './route-label';

const TIMED = Symbol('request timed');
type MarkedRequest = Request & { [TIMED]?: true };

/**
 * Times every HTTP request, labelled by method, templated route (`unmatched` when no route
 * handled it) and status (`aborted` when the client left before the response was complete).
 */
@Injectable()
export class HttpRequestMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, templated route and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** Express middleware; runs once per request however many times it is mounted. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    const marked = req as MarkedRequest;
    if (marked[TIMED]) return next();
    marked[TIMED] = true;
    const stopTimer = this.duration.startTimer();
    let recorded = false;
    // The route is known only once a handler has run, so the labels are read at the end.
    const record = () => {
      if (recorded) return;
      recorded = true;
      stopTimer({
        method: req.method,
        route: routeLabel(req),
        status_code: res.writableFinished ? String(res.statusCode) : 'aborted',
      });
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
