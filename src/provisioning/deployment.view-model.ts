import type { DeploymentPhase, DeploymentRecord } from './deployment.record';
import { isSettled } from './deployment-phase';
import { formatHourlyPrice, formatMonthlyPrice } from '../views/price-format';

/** In order; a deployment's phase is its current step, if it has one. */
const STEPS = ['Created', 'Provisioning', 'Booting', 'Running', 'Setting up the application'];
const STEP_OF: Partial<Record<DeploymentPhase, number>> = { provisioning: 1, booting: 2, running: 3 };

const HEADLINES: Record<DeploymentPhase, string> = {
  provisioning: 'Linode is provisioning your server',
  booting: 'Your server is booting',
  running: 'Your server is running',
  failed: 'Your server did not start',
  deleted: 'Your server was deleted',
  unknown: 'This page is no longer following your server',
};

/** Everything the deployment page and its status fragment show. */
export function deploymentViewModel(record: DeploymentRecord, rootPassword: string | null, canDelete = false) {
  // Failed, deleted and unknown deployments have no current step: only "Created" is done.
  const current = STEP_OF[record.phase] ?? 0;
  const running = record.phase === 'running';
  const elapsedSeconds = Math.max(0, Math.round(((record.settledAt ?? Date.now()) - record.createdAt) / 1000));
  return {
    pageTitle: `${record.label} — deployment`,
    deployment: record,
    headline: HEADLINES[record.phase],
    settled: isSettled(record),
    running,
    /** The page stopped following the server (its access ended): Cloud Manager is where to look. */
    unfollowed: record.phase === 'unknown',
    steps: STEPS.map((label, step) => ({
      label,
      done: step < current || step === 0 || (running && step === current),
      current: step === current && step > 0 && !running,
      pending: running && step === STEPS.length - 1,
    })),
    percent: running ? 100 : (record.percentComplete ?? 0),
    elapsed: elapsedSeconds >= 60 ? `${Math.floor(elapsedSeconds / 60)} min ${elapsedSeconds % 60} s` : `${elapsedSeconds} s`,
    sshCommand: record.ipv4 ? `ssh root@${record.ipv4}` : null,
    monthly: formatMonthlyPrice(record.monthlyPrice),
    hourly: formatHourlyPrice(record.hourlyPrice),
    backupsMonthly: record.backupsEnabled ? formatMonthlyPrice(record.backupsMonthlyPrice) : null,
    rootPassword,
    passwordAlreadyShown: rootPassword === null && record.passwordShown,
    pollUrl: `/deployments/${record.id}`,
    deleteUrl: `/deployments/${record.id}/delete`,
    canDelete,
    deleted: record.phase === 'deleted',
    cloudManagerUrl: `https://cloud.linode.com/linodes/${record.linodeId}`,
  };
}
