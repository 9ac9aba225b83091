import type { LinodeInstance, LinodeStatus, LinodeType } from '../../contract/linode.contract';
import { linodeTime } from '../http/linode-time';

/** Share of the boot time spent provisioning; the rest is booting. */
export const PROVISIONING_SHARE = 0.6;

/** A Linode as the sandbox keeps it: its status is derived from timestamps whenever it is read. */
export interface SandboxInstance {
  id: number;
  username: string;
  label: string;
  group: string;
  tags: string[];
  region: string;
  siteType: 'core' | 'distributed';
  type: LinodeType;
  image: string | null;
  backupsEnabled: boolean;
  /** The StackScript it was deployed with (`stackscript_id`), for the control plane. */
  stackScriptId: number | null;
  ipv4: string;
  ipv6: string;
  hostUuid: string;
  createdAt: number;
  /** When provisioning ends: booting starts, or the Linode stays offline when not booted. */
  provisionedAt: number;
  /** When booting ends and the Linode is running; null when created with `booted: false`. */
  runningAt: number | null;
}

/** The phase boundaries of a Linode created at `createdAt` that takes `bootMs` to come up. */
export function lifecycle(createdAt: number, bootMs: number, booted: boolean): Pick<SandboxInstance, 'provisionedAt' | 'runningAt'> {
  const provisionedAt = createdAt + Math.round(bootMs * PROVISIONING_SHARE);
  return { provisionedAt, runningAt: booted ? createdAt + bootMs : null };
}

export function statusAt(instance: SandboxInstance, now: number): LinodeStatus {
  if (now < instance.provisionedAt) return 'provisioning';
  if (instance.runningAt === null) return 'offline';
  return now < instance.runningAt ? 'booting' : 'running';
}

/** When the status last changed, as of `now`. */
export function updatedAt(instance: SandboxInstance, now: number): number {
  if (instance.runningAt !== null && now >= instance.runningAt) return instance.runningAt;
  return now >= instance.provisionedAt ? instance.provisionedAt : instance.createdAt;
}

/**
 * The Linode object the API returns, as of `now`, to the create call and to every read: the fields,
 * nulls and nesting of a real GET answer (its field order too), plus `locks`, which Linode's own
 * clients read and the recordings predate. Disk encryption is on and the interfaces are the legacy
 * config-profile ones, as for a new Linode in a core region today.
 */
export function toLinodeInstance(instance: SandboxInstance, now: number): LinodeInstance {
  const { type } = instance;
  return {
    id: instance.id,
    label: instance.label,
    group: instance.group,
    status: statusAt(instance, now),
    created: linodeTime(instance.createdAt),
    updated: linodeTime(updatedAt(instance, now)),
    type: type.id,
    ipv4: [instance.ipv4],
    ipv6: instance.ipv6,
    image: instance.image,
    region: instance.region,
    site_type: instance.siteType,
    specs: {
      disk: type.disk,
      memory: type.memory,
      vcpus: type.vcpus,
      gpus: type.gpus,
      transfer: type.transfer,
      accelerated_devices: 0,
    },
    // Linode's default alert thresholds: CPU 90% per vCPU, 10,000 IOPS, 10 Mb/s, 80% of the quota.
    alerts: { cpu: 90 * type.vcpus, network_in: 10, network_out: 10, transfer_quota: 80, io: 10000 },
    // Newly enrolled backups have no backup yet and say `Scheduling` until Linode picks the day and window.
    backups: instance.backupsEnabled
      ? { enabled: true, available: false, schedule: { day: 'Scheduling', window: 'Scheduling' }, last_successful: null }
      : { enabled: false, available: false, schedule: { day: null, window: null }, last_successful: null },
    hypervisor: 'kvm',
    watchdog_enabled: true,
    tags: [...instance.tags],
    host_uuid: instance.hostUuid,
    has_user_data: false,
    placement_group: null,
    disk_encryption: 'enabled',
    lke_cluster_id: null,
    capabilities: ['Block Storage Encryption', 'Maintenance Policy'],
    interface_generation: 'legacy_config',
    maintenance_policy: 'linode/power_off_on',
    locks: [],
  };
}
