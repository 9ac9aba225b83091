import type { LinodeInstance } from '../linode/linode.readers';
import type { DeploymentPhase, DeploymentRecord } from './deployment.record';

const SETTLED: ReadonlySet<DeploymentPhase> = new Set(['running', 'failed', 'deleted', 'unknown']);

export function phaseOf(instance: LinodeInstance): DeploymentPhase {
  switch (instance.status) {
    case 'provisioning':
      return 'provisioning';
    case 'booting':
    case 'busy':
    case 'rebooting':
      return 'booting';
    case 'running':
      return 'running';
    case 'offline':
    case 'stopped':
      return 'failed';
    default:
      return 'provisioning';
  }
}

/** Whether the deployment has reached a state that no longer changes by itself. */
export function isSettled(record: Pick<DeploymentRecord, 'phase'>): boolean {
  return SETTLED.has(record.phase);
}
