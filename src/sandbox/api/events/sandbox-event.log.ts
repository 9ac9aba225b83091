import { Inject, Injectable } from '@nestjs/common';
import type { LinodeEvent } from '../../contract/linode.contract';
import { SANDBOX_OPTIONS, SandboxOptions } from '../../sandbox.options';
import { SandboxEvent, toLinodeEvent } from './sandbox-event';

/**
 * Every account's events, also those of Linodes since deleted. Like Linode, events are kept for a
 * while (`eventRetentionMs`); and at most `maxEvents` are kept, the oldest dropped first, so that
 * a sandbox serving a steady stream of deployments does not grow. Ids are never reused, not even
 * across a reset.
 */
@Injectable()
export class SandboxEventLog {
  /** In the order recorded, which is the order of their ids. */
  private events: SandboxEvent[] = [];
  private lastId = 870_000_000;

  constructor(@Inject(SANDBOX_OPTIONS) private readonly options: Pick<SandboxOptions, 'eventRetentionMs' | 'maxEvents'>) {}

  get size(): number {
    return this.events.length;
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  record(event: SandboxEvent): void {
    this.events.push(event);
    const excess = this.events.length - this.options.maxEvents;
    if (excess > 0) this.events.splice(0, excess);
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
    this.forgetOlderThan(now - this.options.eventRetentionMs);
    return this.events
      .filter((event) => event.username === username)
      .sort((a, b) => b.startedAt - a.startedAt || b.id - a.id)
      .map((event) => toLinodeEvent(event, now))
      .filter((event): event is LinodeEvent => event !== null);
  }

  reset(): void {
    this.events = [];
  }

  /** Drops the events that started before `cutoff`, scanning from the oldest recorded. */
  private forgetOlderThan(cutoff: number): void {
    let stale = 0;
    while (stale < this.events.length && this.events[stale].startedAt < cutoff) stale += 1;
    if (stale > 0) this.events.splice(0, stale);
  }
}
