import { LRUCache } from 'lru-cache';

/** An application that takes longer than this to answer is not ready yet. */
export const PROBE_TIMEOUT_MS = 3_000;
/** Between two attempts for one deployment, however many pages poll it. */
export const PROBE_INTERVAL_MS = 5_000;

/** Node's codes for a certificate it could not verify (self-signed, not made out to the address, expired…). */
const UNVERIFIED_CERTIFICATE = /CERT|SELF_SIGNED|ISSUER|LEAF_SIGNATURE/;

interface ProbeState {
  lastAttemptAt: number;
  inFlight: Promise<boolean> | null;
}

/**
 * Asks a new server's application whether it answers: one GET, no redirects followed, any status
 * below 500 counts, and so does an https server whose certificate cannot be verified. Attempts for one deployment never overlap and are PROBE_INTERVAL_MS apart, so
 * with the caller's deadline their number is bounded.
 */
export class ApplicationProber {
  // Bounded: a deployment nobody follows any more is forgotten first.
  private readonly states = new LRUCache<string, ProbeState>({ max: 1_000 });

  constructor(
    private readonly fetchUrl: typeof fetch,
    private readonly now: () => number,
  ) {}

  /** Whether the application at `url` answered; false when it is too early for another attempt. */
  async answers(deploymentId: string, url: string): Promise<boolean> {
    const state = this.states.get(deploymentId);
    if (state?.inFlight) return state.inFlight;
    if (state && this.now() - state.lastAttemptAt < PROBE_INTERVAL_MS) return false;
    const inFlight = this.attempt(url);
    const attempt: ProbeState = { lastAttemptAt: this.now(), inFlight };
    this.states.set(deploymentId, attempt);
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
      // Only the status matters: let the connection go.
      void response.body?.cancel().catch(() => undefined);
      return response.status < 500;
    } catch (error) {
      // https on a fresh server's bare IPv4 rarely has a certificate anyone can verify: its server answered all the same.
      const cause = error instanceof Error ? error.cause : undefined;
      return cause instanceof Error && 'code' in cause && typeof cause.code === 'string' && UNVERIFIED_CERTIFICATE.test(cause.code);
    }
  }
}
