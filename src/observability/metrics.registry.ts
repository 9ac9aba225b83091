import { collectDefaultMetrics, Registry } from 'prom-client';

/** Each app has its own registry, never prom-client's global one, so several apps in one process do not clash. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** A registry with Node's process metrics (CPU, memory, event-loop lag, GC, handles). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
