import type { LinodeInstance, LinodeStatus, LinodeType } from '../../../linode/contract/linode.contract';
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

/** The Linode object the API returns, as of `now`. */
export function toLinodeInstance(instance: SandboxInstance, now: number): LinodeInstance {
  const { type } = instance;
  return {
    id: instance.id,
    label: instance.label,
    group: instance.group,
    status: statusAt(instance, now),
    created: linodeTime(instance.createdAt),
    updated: linodeTime(updatedAt(instance, now)),
    region: instance.region,
    type: type.id,
    image: instance.image,
    ipv4: [instance.ipv4],
    ipv6: instance.ipv6,
    specs: { disk: type.disk, memory: type.memory, vcpus: type.vcpus, gpus: type.gpus, transfer: type.transfer },
    // Linode's default alert thresholds: CPU 90% per vCPU, 10,000 IOPS, 10 Mb/s, 80% of the quota.
    alerts: { cpu: 90 * type.vcpus, io: 10000, network_in: 10, network_out: 10, transfer_quota: 80 },
    backups: { available: false, enabled: false, last_successful: null, schedule: { day: null, window: null } },
    hypervisor: 'kvm',
    watchdog_enabled: true,
    tags: [...instance.tags],
    host_uuid: instance.hostUuid,
    has_user_data: false,
    lke_cluster_id: null,
    placement_group: null,
    capabilities: [],
    disk_encryption: 'disabled',
    site_type: instance.siteType,
  };
}
