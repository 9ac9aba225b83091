import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { SandboxInstanceExpiry } from './instance-expiry';

/**
 * Deletes the Linodes whose time is up before any sandbox route runs, so that no answer (a list,
 * an event, an account limit) ever depends on when the timer last swept.
 */
@Injectable()
export class InstanceExpiryInterceptor implements NestInterceptor {
  constructor(private readonly expiry: SandboxInstanceExpiry) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.expiry.sweep();
    return next.handle();
  }
}
