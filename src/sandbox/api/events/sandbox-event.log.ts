import { Injectable } from '@nestjs/common';
import type { LinodeEvent } from '../../../linode/contract/linode.contract';
import { SandboxEvent, toLinodeEvent } from './sandbox-event';

/** Every account's events. Ids are never reused, not even across a reset. */
@Injectable()
export class SandboxEventLog {
  private readonly events: SandboxEvent[] = [];
  private lastId = 870_000_000;

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  record(event: SandboxEvent): void {
    this.events.push(event);
  }

  /** Marks the entity's unfinished actions as cut short at `at` (the Linode was deleted). */
  abortFor(entityId: number, at: number): void {
    for (const event of this.events) {
      if (event.entity.id === entityId && event.finishedAt !== null && event.finishedAt > at && event.abortedAt === null) {
        event.abortedAt = at;
      }
    }
  }

  /** The account's visible events as of `now`, newest first (like Linode). */
  forAccount(username: string, now: number): LinodeEvent[] {
    return this.events
      .filter((event) => event.username === username)
      .sort((a, b) => b.startedAt - a.startedAt || b.id - a.id)
      .map((event) => toLinodeEvent(event, now))
      .filter((event): event is LinodeEvent => event !== null);
  }

  reset(): void {
    this.events.length = 0;
  }
}
