import type { DeploymentPhase, DeploymentRecord, FollowedApplication } from './deployment.record';
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
export function deploymentViewModel(record: DeploymentRecord, rootPassword: string | null, canDelete = false, followsApplication = false) {
  const now = Date.now();
  // Failed, deleted and unknown deployments have no current step: only "Created" is done.
  const current = STEP_OF[record.phase] ?? 0;
  const running = record.phase === 'running';
  const application = running ? record.application : undefined;
  const setup = application ? setupOf(application, now) : null;
  const runningSince = record.settledAt ?? now;
  const last = STEPS.length - 1;
  return {
    pageTitle: `${record.label} — deployment`,
    deployment: record,
    headline: setup === 'ready' ? 'Your application is ready' : HEADLINES[record.phase],
    settled: isSettled(record),
    polling: !isSettled(record) || setup === 'probing',
    running,
    followsApplication,
    /** The page stopped following the server (its access ended): Cloud Manager is where to look. */
    unfollowed: record.phase === 'unknown',
    steps: STEPS.map((label, step) => ({
      label,
      done: step < current || step === 0 || (running && step === current) || (step === last && setup === 'ready'),
      current: (step === current && step > 0 && !running) || (step === last && setup === 'probing'),
      pending: running && step === last && (setup === null || setup === 'quiet'),
      detail: step === last && (setup === 'probing' || setup === 'ready') ? duration((application?.readyAt ?? now) - runningSince) : null,
    })),
    setup,
    application: application && { url: application.url, waited: duration(application.deadline - runningSince) },
    percent: running ? 100 : (record.percentComplete ?? 0),
    elapsed: duration((record.settledAt ?? now) - record.createdAt),
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

/** Never "failed": an application that has not answered by the deadline may still come up. */
function setupOf(application: FollowedApplication, now: number): 'probing' | 'ready' | 'quiet' {
  if (application.readyAt !== null) return 'ready';
  return now < application.deadline ? 'probing' : 'quiet';
}

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}
