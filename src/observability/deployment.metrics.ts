import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** What became of a deployment attempt (`denied`: at Linode's consent page; `invalid_state`: a callback's state did not match). */
const DEPLOYMENT_OUTCOMES = ['created', 'running', 'failed', 'denied', 'insufficient_scopes', 'invalid_state'] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];

@Injectable()
export class DeploymentMetrics {
  private readonly outcomes: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.outcomes = new Counter({
      name: 'deployments_total',
      help: 'Deployment attempts by outcome (created, running, failed, denied, insufficient_scopes, invalid_state).',
      labelNames: ['outcome'],
      registers: [registry],
    });
    // Every outcome is exported from the start, so rate() sees the first one happen.
    for (const outcome of DEPLOYMENT_OUTCOMES) this.outcomes.inc({ outcome }, 0);
  }

  record(outcome: DeploymentOutcome): void {
    this.outcomes.inc({ outcome });
  }
}
