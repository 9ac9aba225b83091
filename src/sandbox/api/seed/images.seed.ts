/**
 * Public images offered by the sandbox: the public images of a real `GET /v4/images` answer
 * (linodego's recorded fixtures, 2026-08-17), with their real ids, labels, vendors, sizes,
 * capabilities, `deprecated` flags and `eol`. Those recordings scrub every timestamp to
 * `2018-01-02T03:04:05`, so `created`, `updated` and a set `eol` carry that placeholder; an `eol`
 * of null (rolling releases: Arch, Gentoo, Kali, Slackware) is real.
 *
 * Shape, as real public images have it: `description: ""`, `regions: null`, `image_sharing:
 * null`, `is_shared: false`, no `total_size`.
 */
import type { Image } from '../../contract/linode.contract';

const RECORDED_TIME = '2018-01-02T03:04:05';

type ImageRow = [id: string, label: string, vendor: string, size: number, eol: string | null, deprecated: boolean, capabilities: string[]];

function image([id, label, vendor, size, eol, deprecated, capabilities]: ImageRow): Image {
  return {
    id,
    label,
    deprecated,
    size,
    created: RECORDED_TIME,
    updated: RECORDED_TIME,
    description: '',
    created_by: 'linode',
    type: 'manual',
    tags: [],
    is_public: true,
    is_shared: false,
    vendor,
    expiry: null,
    eol,
    regions: null,
    status: 'available',
    capabilities,
    image_sharing: null,
  };
}

// prettier-ignore
const IMAGES: ImageRow[] = [
  ["linode/almalinux10", "AlmaLinux 10", "AlmaLinux", 3500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/almalinux8", "AlmaLinux 8", "AlmaLinux", 4000, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/almalinux9", "AlmaLinux 9", "AlmaLinux", 2500, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/alpine3.21", "Alpine 3.21", "Alpine", 500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/alpine3.22", "Alpine 3.22", "Alpine", 500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/alpine3.23", "Alpine 3.23", "Alpine", 500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/arch", "Arch Linux", "Arch", 2500, null, false, ["cloud-init"]],
  ["linode/centos-stream10", "CentOS Stream 10", "CentOS", 3500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/centos-stream9", "CentOS Stream 9", "CentOS", 2400, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/debian11", "Debian 11", "Debian", 1500, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/debian12", "Debian 12", "Debian", 1800, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/debian13", "Debian 13", "Debian", 1800, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/fedora43", "Fedora 43", "Fedora", 3000, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/gentoo", "Gentoo", "Gentoo", 7000, null, false, ["cloud-init"]],
  ["linode/kali", "Kali Linux", "Kali", 1536, null, false, ["cloud-init"]],
  ["linode/debian12-kube-v1.33.10", "Kubernetes 1.33.10 on Debian 12", "Debian", 3500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/debian12-kube-v1.34.6", "Kubernetes 1.34.6 on Debian 12", "Debian", 3500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/debian12-kube-v1.35.3", "Kubernetes 1.35.3 on Debian 12", "Debian", 3500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/debian12-kube-v1.36.0", "Kubernetes 1.36.0 on Debian 12", "Debian", 3000, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/rocky10", "Rocky Linux 10", "Rocky", 3500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/rocky8", "Rocky Linux 8", "Rocky", 4000, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/rocky9", "Rocky Linux 9", "Rocky", 2500, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/slackware15.0", "Slackware 15.0", "Slackware", 11600, null, false, []],
  ["linode/ubuntu22.04", "Ubuntu 22.04 LTS", "Ubuntu", 3500, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/ubuntu22.04-kube", "Ubuntu 22.04 LTS KPP", "Ubuntu", 3500, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/ubuntu24.04-kube-vmulti", "Ubuntu 24.04 for LKE", "Ubuntu", 4000, "2018-01-02T03:04:05", false, ["cloud-init"]],
  ["linode/ubuntu24.04", "Ubuntu 24.04 LTS", "Ubuntu", 3500, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/ubuntu24.04-nvidia", "Ubuntu 24.04 LTS NVIDIA", "Ubuntu", 4500, "2018-01-02T03:04:05", false, ["cloud-init", "distributed-sites"]],
  ["linode/alpine3.20", "Alpine 3.20", "Alpine", 400, "2018-01-02T03:04:05", true, ["cloud-init"]],
  ["linode/centos7", "CentOS 7", "CentOS", 2800, "2018-01-02T03:04:05", true, ["distributed-sites"]],
  ["linode/fedora42", "Fedora 42", "Fedora", 3000, "2018-01-02T03:04:05", true, ["cloud-init"]],
  ["linode/opensuse15.6", "openSUSE Leap 15.6", "openSUSE", 1200, "2018-01-02T03:04:05", true, ["cloud-init"]],
  ["linode/ubuntu20.04", "Ubuntu 20.04 LTS", "Ubuntu", 3500, "2018-01-02T03:04:05", true, ["cloud-init", "distributed-sites"]],
  ["linode/ubuntu25.10", "Ubuntu 25.10", "Ubuntu", 3500, "2018-01-02T03:04:05", true, ["cloud-init"]],
];

export const IMAGES_SEED: readonly Image[] = IMAGES.map(image);
