import type { DraftDescription } from '../../configure/configure-submission.service';
import type { DeploymentDraft } from '../../configure/deployment-draft';

/** A validated draft and its description, as the configure page hands them over: for the provisioning specs. */
export const A_DRAFT: DeploymentDraft = {
  stackScriptId: 4242,
  type: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  label: null,
  authorizedKeys: [],
  stackScriptData: { APP_DOMAIN: 'example.com' },
  backupsEnabled: false,
  backupsMonthlyPrice: null,
};

export const A_DESCRIPTION: DraftDescription = {
  stackScriptId: 4242,
  appLabel: 'Demo App',
  regionLabel: 'Newark, NJ',
  typeLabel: 'Nanode 1 GB',
  imageLabel: 'Debian 12',
  monthlyPrice: 5,
  hourlyPrice: 0.0075,
  backupsEnabled: false,
  backupsMonthlyPrice: null,
  appliedOptions: [{ label: 'Domain', value: 'example.com' }],
};
