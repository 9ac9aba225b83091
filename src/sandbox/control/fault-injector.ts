import { Injectable } from '@nestjs/common';
import { reasonForStatus } from '../api/http/sandbox-api.error';
import { FaultInput, FaultView, routeMatcher } from './fault.schema';

export type FaultOutcome =
  { kind: 'respond'; status: number; reason: string; field: string | null; retryAfter: number | null } | { kind: 'hang' };

export interface FaultDecision {
  /** Added latency from the faults that fired (the sandbox's own latency option comes on top). */
  latencyMs: number;
  /** What to do instead of handling the request, or null to handle it. */
  outcome: FaultOutcome | null;
}

interface StoredFault {
  view: FaultView;
  matches: (method: string, path: string) => boolean;
}

/**
 * The faults the control plane has set. For each request, every matching fault fires with its
 * `rate`; fired faults add their latency, and the first fired one with a status (or hang) decides
 * the answer. A fault with a `count` removes itself once it has fired that many times.
 */
@Injectable()
export class FaultInjector {
  /** Replaceable in tests for deterministic `rate` sampling. */
  random: () => number = Math.random;
  private faults: StoredFault[] = [];
  private lastId = 0;

  add(input: FaultInput): FaultView {
    this.lastId += 1;
    const view: FaultView = {
      id: `fault-${this.lastId}`,
      route: input.route,
      status: input.status ?? null,
      reason: input.status === undefined ? null : (input.reason ?? reasonForStatus(input.status)),
      field: input.field ?? null,
      retryAfter: input.retryAfter ?? (input.status === 429 ? 1 : null),
      latencyMs: input.latencyMs,
      hang: input.hang,
      rate: input.rate,
      count: input.count ?? null,
      remaining: input.count ?? null,
      fired: 0,
    };
    this.faults.push({ view, matches: routeMatcher(input.route) });
    return { ...view };
  }

  list(): FaultView[] {
    return this.faults.map(({ view }) => ({ ...view }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter(({ view }) => view.id !== id);
    return this.faults.length < before;
  }

  clear(): number {
    const cleared = this.faults.length;
    this.faults = [];
    return cleared;
  }

  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, outcome: null };
    for (const { view, matches } of this.faults) {
      if (!matches(method, path) || this.random() >= view.rate) continue;
      view.fired += 1;
      if (view.remaining !== null) view.remaining -= 1;
      decision.latencyMs += view.latencyMs;
      if (decision.outcome !== null) continue;
      if (view.hang) decision.outcome = { kind: 'hang' };
      else if (view.status !== null) {
        decision.outcome = {
          kind: 'respond',
          status: view.status,
          reason: view.reason ?? reasonForStatus(view.status),
          field: view.field,
          retryAfter: view.retryAfter,
        };
      }
    }
    this.faults = this.faults.filter(({ view }) => view.remaining !== 0);
    return decision;
  }
}
