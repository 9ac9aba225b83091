/**
 * The sandbox's regions: the regions of a real `GET /v4/regions` answer (linodego's recorded
 * fixtures, 2026-08-17), with their real ids, labels, countries, capabilities and monitors, plus
 * one distributed site (`us-den-1`, Denver), which that answer lacks. Two differ from Linode on
 * purpose, to exercise the app's region rules: `ap-southeast` is in an outage and `nl-ams` is made
 * a storage-only site without the `Linodes` capability.
 * Resolver addresses come from the documentation ranges (RFC 5737 / RFC 3849): the recording
 * scrubs most of them.
 */
import type { Region } from '../../contract/linode.contract';
import recordedRegions from './regions.recorded.json';

interface RegionRow {
  id: string;
  label: string;
  country: string;
  capabilities: string[];
  monitors: Region['monitors'];
  status?: Region['status'];
  siteType?: Region['site_type'];
}

function region(row: RegionRow, index: number): Region {
  const octet = 10 + index * 3;
  return {
    id: row.id,
    label: row.label,
    country: row.country,
    capabilities: row.capabilities,
    monitors: row.monitors,
    status: row.status ?? 'ok',
    resolvers: {
      ipv4: [octet, octet + 1, octet + 2].map((n) => `203.0.113.${n % 256}`).join(','),
      ipv6: [1, 2, 3].map((n) => `2001:db8:53:${index.toString(16)}::${n}`).join(','),
    },
    placement_group_limits: { maximum_pgs_per_customer: null, maximum_linodes_per_pg: 5, maximum_linodes_per_flexible_pg: 5 },
    site_type: row.siteType ?? 'core',
  };
}

/** Overrides of the recorded regions, see above. */
const OVERRIDES: Readonly<Record<string, Partial<RegionRow>>> = {
  'ap-southeast': { status: 'outage' },
  'nl-ams': { capabilities: ['Object Storage', 'Block Storage'] },
};

/** The recorded answer's regions, as data (regions.recorded.json). */
const RECORDED: readonly RegionRow[] = recordedRegions;

const DISTRIBUTED: RegionRow = {
  id: 'us-den-1',
  label: 'Denver, CO',
  country: 'us',
  capabilities: ['Linodes', 'Cloud Firewall', 'Distributed Plans'],
  monitors: { alerts: [], metrics: [] },
  siteType: 'distributed',
};

export const REGIONS_SEED: readonly Region[] = [...RECORDED.map((row) => ({ ...row, ...OVERRIDES[row.id] })), DISTRIBUTED].map(region);
