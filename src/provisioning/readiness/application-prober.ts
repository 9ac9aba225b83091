import { LRUCache } from 'lru-cache';

export const PROBE_TIMEOUT_MS = 3_000;
export const PROBE_INTERVAL_MS = 5_000;

/** Node's codes for a certificate it could not verify (self-signed, not made out to the address, expired…). */
const UNVERIFIED_CERTIFICATE = /CERT|SELF_SIGNED|ISSUER|LEAF_SIGNATURE/;

type Attempt = { startedAt: number; inFlight: Promise<boolean> | null };

/**
 * Asks a new server's application whether it answers: one GET, no redirect followed, any status
 * below 500. Per deployment, attempts never overlap and are PROBE_INTERVAL_MS apart, however many
 * pages poll, so the caller's deadline bounds their number.
 */
export class ApplicationProber {
  private readonly attempts = new LRUCache<string, Attempt>({ max: 1_000 });

  constructor(
    private readonly fetchUrl: typeof fetch,
    private readonly now: () => number,
  ) {}

  /** Whether the application at `url` answered; false when it is too early for another attempt. */
  async answers(deploymentId: string, url: string): Promise<boolean> {
    const last = this.attempts.get(deploymentId);
    if (last?.inFlight) return last.inFlight;
    if (last && this.now() - last.startedAt < PROBE_INTERVAL_MS) return false;
    const inFlight = this.attempt(url);
    const attempt: Attempt = { startedAt: this.now(), inFlight };
    this.attempts.set(deploymentId, attempt);
    try {
      return await inFlight;
    } finally {
      attempt.inFlight = null;
    }
  }

  private async attempt(url: string): Promise<boolean> {
    try {
      const response = await this.fetchUrl(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        headers: { 'user-agent': 'install-on-linode readiness check' },
      });
      void response.body?.cancel().catch(() => undefined); // only the status matters
      return response.status < 500;
    } catch (error) {
      // https on a fresh server's bare IPv4 rarely has a certificate anyone can verify: it answered all the same.
      const cause = error instanceof Error ? error.cause : undefined;
      return cause instanceof Error && 'code' in cause && typeof cause.code === 'string' && UNVERIFIED_CERTIFICATE.test(cause.code);
    }
  }
}
