import type { DeploymentRecord } from '../deployment.record';

/** A deployment record still provisioning, with overrides: for the provisioning specs. */
export function aDeploymentRecord(overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    stackScriptId: 320826,
    appLabel: 'My Application',
    ownerId: 'browser-id-0123456789ab',
    linodeId: 123,
    label: 'my-application-abc123',
    region: 'us-east',
    regionLabel: 'Newark, NJ',
    type: 'g6-nanode-1',
    typeLabel: 'Nanode 1 GB',
    image: 'linode/debian12',
    imageLabel: 'Debian 12',
    monthlyPrice: 5,
    hourlyPrice: 0.0075,
    backupsEnabled: false,
    backupsMonthlyPrice: null,
    appliedOptions: [],
    sshKeyCount: 0,
    createdAt: Date.UTC(2025, 0, 1),
    linodeStatus: 'provisioning',
    phase: 'provisioning',
    percentComplete: null,
    ipv4: null,
    ipv6: null,
    settledAt: null,
    rootPassword: null,
    passwordShown: false,
    notice: null,
    ...overrides,
  };
}
