import type { DeploymentPhase, DeploymentRecord, FollowedApplication } from './deployment.record';
import { isSettled } from './deployment-phase';
import { formatHourlyPrice, formatMonthlyPrice } from '../views/price-format';

/** The server's steps, in order; a deployment's phase is its current step, if it has one. */
const STEPS = ['Created', 'Provisioning', 'Booting', 'Running'];
const STEP_OF: Partial<Record<DeploymentPhase, number>> = { provisioning: 1, booting: 2, running: 3 };
type StepState = 'done' | 'current' | 'pending' | null;
type Setup = 'probing' | 'ready' | 'quiet';
/** The last step, "Setting up the application", by how the setup goes. */
const SETUP_STEP = { probing: 'current', ready: 'done', quiet: 'pending' } as const satisfies Record<Setup, StepState>;

const HEADLINES: Record<DeploymentPhase, string> = {
  provisioning: 'Linode is provisioning your server',
  booting: 'Your server is booting',
  running: 'Your server is running',
  failed: 'Your server did not start',
  deleted: 'Your server was deleted',
  unknown: 'This page is no longer following your server',
};

/** Everything the deployment page and its status fragment show. */
export function deploymentViewModel(record: DeploymentRecord, rootPassword: string | null = null, followsApplication = false) {
  const now = Date.now();
  const settled = isSettled(record);
  // Failed, deleted and unknown deployments have no current step: only "Created" is done.
  const current = STEP_OF[record.phase] ?? 0;
  const running = record.phase === 'running';
  const application = running ? record.application : undefined;
  const setup = application ? setupOf(application, now) : null;
  const runningSince = record.settledAt ?? now;
  return {
    pageTitle: `${record.label} — deployment`,
    deployment: record,
    headline: setup === 'ready' ? 'Your application is ready' : HEADLINES[record.phase],
    polling: !settled || setup === 'probing',
    followsApplication,
    steps: [
      ...STEPS.map((label, step) => ({
        label,
        state: serverStepState(step, current, running),
        detail: null,
      })),
      {
        label: 'Setting up the application',
        state: setupStepState(setup, running),
        detail: application && setup !== 'quiet' ? duration((application.readyAt ?? now) - runningSince) : null,
      },
    ],
    setup,
    application: application && { url: application.url, waited: duration(application.deadline - runningSince) },
    percent: running ? 100 : (record.percentComplete ?? 0),
    elapsed: duration((record.settledAt ?? now) - record.createdAt),
    sshCommand: record.ipv4 ? `ssh root@${record.ipv4}` : null,
    monthly: formatMonthlyPrice(record.monthlyPrice),
    hourly: formatHourlyPrice(record.hourlyPrice),
    backupsMonthly: record.backupsEnabled ? formatMonthlyPrice(record.backupsMonthlyPrice) : null,
    rootPassword,
    pollUrl: `/deployments/${record.id}`,
    deleteUrl: `/deployments/${record.id}/delete`,
    // refresh() settles a deployment whose token is gone, so an unsettled one still holds it.
    canDelete: !settled,
    cloudManagerUrl: `https://cloud.linode.com/linodes/${record.linodeId}`,
  };
}

/** The delete confirmation: asks while the tracker can still delete, else says why it cannot. */
export function deleteConfirmViewModel(record: DeploymentRecord, canDelete: boolean) {
  const pageTitle = canDelete
    ? `Delete ${record.label}?`
    : `${record.label} — ${record.phase === 'deleted' ? 'deleted' : 'can no longer be deleted here'}`;
  return { ...deploymentViewModel(record), pageTitle, canDelete };
}

/** Never "failed": an application that has not answered by the deadline may still come up. */
/** "Created" is always done; the others up to the current one, and all of them once running. */
function serverStepState(step: number, current: number, running: boolean): StepState {
  if (step === 0 || step < current || running) return 'done';
  return step === current ? 'current' : null;
}

/** Before anything is followed: still to come on a running server, else not shown. */
function setupStepState(setup: Setup | null, running: boolean): StepState {
  if (setup) return SETUP_STEP[setup];
  return running ? 'pending' : null;
}

function setupOf(application: FollowedApplication, now: number): Setup {
  if (application.readyAt !== null) return 'ready';
  return now < application.deadline ? 'probing' : 'quiet';
}

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}
