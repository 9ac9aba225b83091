/**
 * The sandbox's control plane (`/__sandbox/*`) as a small typed client for the reliability suites:
 * inject and clear faults, and read back what Linode's side saw (instances, tokens).
 */
import { eventually } from './browser';

/** A fault as `POST /__sandbox/faults` takes it. */
export interface FaultSpec {
  /** `"*"` or `"<METHOD|*> <path with * wildcards>"`, e.g. `"POST /v4/linode/instances"`. */
  route: string;
  status?: number;
  reason?: string;
  retryAfter?: number;
  latencyMs?: number;
  hang?: boolean;
  rate?: number;
  count?: number;
}

export interface SandboxInstanceView {
  id: number;
  username: string;
  label: string;
  status: string;
  ipv4: string;
}

export interface SandboxTokenView {
  id: string;
  username: string;
  scopes: string[];
  status: 'active' | 'revoked' | 'expired';
}

export class SandboxControl {
  constructor(private readonly sandboxUrl: string) {}

  async addFault(fault: FaultSpec): Promise<void> {
    const res = await fetch(`${this.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    if (res.status !== 201) throw new Error(`the sandbox refused fault ${JSON.stringify(fault)}: ${res.status} ${await res.text()}`);
  }

  async clearFaults(): Promise<void> {
    await fetch(`${this.sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
  }

  async reset(): Promise<void> {
    await fetch(`${this.sandboxUrl}/__sandbox/reset`, { method: 'POST' });
  }

  async instances(): Promise<SandboxInstanceView[]> {
    return this.json<SandboxInstanceView[]>('/__sandbox/instances');
  }

  async tokens(): Promise<SandboxTokenView[]> {
    return this.json<SandboxTokenView[]>('/__sandbox/tokens');
  }

  /**
   * Waits until no issued token is still active, and returns them all. On timeout it returns what
   * it last saw, so the caller's assertion names the tokens that stayed active.
   */
  async tokensOnceSettled(timeoutMs = 5_000): Promise<SandboxTokenView[]> {
    let last: SandboxTokenView[] = [];
    try {
      return await eventually(
        async () => {
          last = await this.tokens();
          return last.every((token) => token.status !== 'active') ? last : undefined;
        },
        { timeoutMs, intervalMs: 50 },
      );
    } catch {
      return last;
    }
  }

  private async json<T>(path: string): Promise<T> {
    const res = await fetch(`${this.sandboxUrl}${path}`);
    if (!res.ok) throw new Error(`sandbox ${path} answered ${res.status}`);
    return (await res.json()) as T;
  }
}
