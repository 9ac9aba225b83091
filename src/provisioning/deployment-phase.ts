import type { LinodeInstance, LinodeStatus } from '../linode/linode.readers';
import type { DeploymentPhase, DeploymentRecord } from './deployment.record';

const SETTLED: ReadonlySet<DeploymentPhase> = new Set(['running', 'failed', 'deleted', 'unknown']);

const PHASES: Partial<Record<LinodeStatus, DeploymentPhase>> = {
  booting: 'booting',
  busy: 'booting',
  rebooting: 'booting',
  running: 'running',
  offline: 'failed',
  stopped: 'failed',
};

/** Where Linode's status puts the deployment; any other status is still provisioning. */
export function phaseOf(instance: LinodeInstance): DeploymentPhase {
  return PHASES[instance.status] ?? 'provisioning';
}

/** Whether the deployment has reached a state that no longer changes by itself. */
export function isSettled(record: Pick<DeploymentRecord, 'phase'>): boolean {
  return SETTLED.has(record.phase);
}
