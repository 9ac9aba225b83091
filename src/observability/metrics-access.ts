import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a request may read /metrics: always when no METRICS_TOKEN is set (the operator keeps the
 * endpoint private by other means), else only with `Authorization: Bearer <METRICS_TOKEN>`.
 * Compared as SHA-256 digests in constant time, so neither the length nor a prefix leaks.
 */
export function mayReadMetrics(metricsToken: string | null, authorization: string | undefined): boolean {
  if (metricsToken === null) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(metricsToken));
}
