/**
 * Public images offered by the sandbox, written for this project in Linode's shape. Ubuntu 20.04
 * is `deprecated` (past its standard support), as Linode marks such images.
 */
import type { Image } from '../../../linode/contract/linode.contract';

interface ImageRow {
  id: string;
  label: string;
  vendor: string;
  size: number;
  created: string;
  eol: string | null;
  deprecated?: boolean;
}

function image(row: ImageRow): Image {
  return {
    id: row.id,
    label: row.label,
    description: '',
    vendor: row.vendor,
    is_public: true,
    deprecated: row.deprecated ?? false,
    status: 'available',
    type: 'manual',
    size: row.size,
    total_size: row.size,
    created: row.created,
    created_by: 'linode',
    updated: row.created,
    eol: row.eol,
    expiry: null,
    capabilities: ['cloud-init', 'distributed-sites'],
    tags: [],
    regions: [],
  };
}

const IMAGES: ImageRow[] = [
  { id: 'linode/debian12', label: 'Debian 12', vendor: 'Debian', size: 1300, created: '2023-06-12T00:00:00', eol: '2028-06-30T04:00:00' },
  { id: 'linode/debian11', label: 'Debian 11', vendor: 'Debian', size: 1200, created: '2021-08-16T00:00:00', eol: '2026-08-31T04:00:00' },
  { id: 'linode/ubuntu24.04', label: 'Ubuntu 24.04 LTS', vendor: 'Ubuntu', size: 2500, created: '2024-04-26T00:00:00', eol: '2029-05-31T04:00:00' },
  { id: 'linode/ubuntu22.04', label: 'Ubuntu 22.04 LTS', vendor: 'Ubuntu', size: 2500, created: '2022-04-21T00:00:00', eol: '2027-04-30T04:00:00' },
  { id: 'linode/ubuntu20.04', label: 'Ubuntu 20.04 LTS', vendor: 'Ubuntu', size: 2200, created: '2020-04-23T00:00:00', eol: '2025-04-30T04:00:00', deprecated: true },
  { id: 'linode/alpine3.20', label: 'Alpine 3.20', vendor: 'Alpine', size: 300, created: '2024-05-23T00:00:00', eol: '2026-04-01T04:00:00' },
  { id: 'linode/fedora40', label: 'Fedora 40', vendor: 'Fedora', size: 1800, created: '2024-04-24T00:00:00', eol: '2025-05-13T04:00:00' },
  { id: 'linode/almalinux9', label: 'AlmaLinux 9', vendor: 'AlmaLinux', size: 1900, created: '2022-05-27T00:00:00', eol: '2032-06-01T04:00:00' },
  { id: 'linode/rocky9', label: 'Rocky Linux 9', vendor: 'Rocky', size: 1900, created: '2022-07-15T00:00:00', eol: '2032-05-31T04:00:00' },
];

export const IMAGES_SEED: readonly Image[] = IMAGES.map(image);
