import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { UnreadableItemInfo } from '../linode/linode-api.client';
import type { LinodeCallInfo } from '../linode/linode-http';

const LABELS = ['method', 'endpoint', 'status'] as const;
type Labels = (typeof LABELS)[number];

/**
 * Every attempt the Linode clients send (retries count separately), by templated endpoint and
 * status (`error` for timeouts and network failures). Pass `record` as the clients' `onCall`.
 */
@Injectable()
export class LinodeCallMetrics {
  private readonly calls: Counter<Labels>;
  private readonly duration: Histogram<Labels>;
  private readonly unreadableItems: Counter<'endpoint'>;

  constructor(registry: Registry) {
    this.calls = new Counter({
      name: 'linode_api_requests_total',
      help: 'Requests sent to Linode (API and login service), by method, templated endpoint and status.',
      labelNames: LABELS,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'linode_api_request_duration_seconds',
      help: 'Time for Linode to answer a request, by method, templated endpoint and status.',
      labelNames: LABELS,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.unreadableItems = new Counter({
      name: 'linode_api_unreadable_items_total',
      help: 'List items Linode sent that the client could not read and left out, by templated endpoint.',
      labelNames: ['endpoint'],
      registers: [registry],
    });
  }

  /** A bound function, so it can be handed over as `onCall: metrics.record`. */
  readonly record = (info: LinodeCallInfo): void => {
    const labels = { method: info.method, endpoint: info.endpoint, status: String(info.status) };
    this.calls.inc(labels);
    this.duration.observe(labels, Math.max(0, info.durationMs) / 1000);
  };

  /** A bound function, so it can be handed over as `onUnreadableItem: metrics.recordUnreadableItem`. */
  readonly recordUnreadableItem = (info: UnreadableItemInfo): void => {
    this.unreadableItems.inc({ endpoint: info.endpoint });
  };
}
