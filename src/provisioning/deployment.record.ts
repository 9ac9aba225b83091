import type { DraftDescription } from '../configure/configure-submission.service';
import type { LinodeStatus } from '../linode/linode.readers';

export type DeploymentPhase = 'provisioning' | 'booting' | 'running' | 'failed' | 'deleted' | 'unknown';

/** A deployment as the app remembers it (in the shared store). Never holds the access token. */
export interface DeploymentRecord extends DraftDescription {
  id: string;
  /** The browser that created it (its session's browserId): only it may see the deployment. */
  ownerId: string;
  linodeId: number;
  label: string;
  region: string;
  type: string;
  image: string;
  sshKeyCount: number;
  createdAt: number;
  linodeStatus: LinodeStatus | null;
  phase: DeploymentPhase;
  percentComplete: number | null;
  ipv4: string | null;
  ipv6: string | null;
  settledAt: number | null;
  /** Shown once on the first view of the page, then dropped. */
  rootPassword: string | null;
  passwordShown: boolean;
  /** A message about the last status check that failed, if any. */
  notice: string | null;
  /** With APP_READY_URL: the application, followed after "running" until it answers or the deadline. */
  application?: FollowedApplication;
}

export interface FollowedApplication {
  url: string;
  deadline: number;
  readyAt: number | null;
}
