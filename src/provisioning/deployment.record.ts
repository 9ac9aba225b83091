import type { LinodeStatus } from '../linode/linode.readers';

/** Where a deployment is in its life, as the page shows it. */
export type DeploymentPhase = 'provisioning' | 'booting' | 'running' | 'failed' | 'deleted' | 'unknown';

import type { AppliedOption } from '../configure/configure-submission.service';

/** A deployment as the app remembers it (in the shared store). Never holds the access token. */
export interface DeploymentRecord {
  id: string;
  /** The browser that created it (its session's browserId): only it may see the deployment. */
  ownerId: string;
  linodeId: number;
  /** The StackScript deployed and its label (absent in older records). */
  stackScriptId?: number;
  appLabel?: string;
  label: string;
  region: string;
  regionLabel: string;
  type: string;
  typeLabel: string;
  image: string;
  imageLabel: string;
  monthlyPrice: number | null;
  hourlyPrice: number | null;
  appliedOptions: AppliedOption[];
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
}
