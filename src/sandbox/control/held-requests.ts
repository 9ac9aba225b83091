import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Response } from 'express';

/** Requests the fault middleware is delaying or hanging, so reset and shutdown can let go of them. */
@Injectable()
export class HeldRequests implements BeforeApplicationShutdown {
  private readonly delayed = new Map<NodeJS.Timeout, Response>();
  private readonly hung = new Set<Response>();

  delay(ms: number, response: Response, then: () => void): void {
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      then();
    }, ms);
    this.delayed.set(timer, response);
  }

  hang(response: Response): void {
    this.hung.add(response);
    response.once('close', () => this.hung.delete(response));
  }

  /** Drops every hung request: its connection closes without an answer, like a dead upstream. */
  releaseHung(): number {
    const count = this.hung.size;
    for (const response of this.hung) response.socket?.destroy();
    this.hung.clear();
    return count;
  }

  beforeApplicationShutdown(): void {
    for (const [timer, response] of this.delayed) {
      clearTimeout(timer);
      response.socket?.destroy();
    }
    this.delayed.clear();
    this.releaseHung();
  }
}
