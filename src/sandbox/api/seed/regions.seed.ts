/**
 * The sandbox's regions, written for this project with Linode's ids and labels. Two are there to
 * exercise the app's region rules: `ap-southeast` is in an outage and `nl-ams` is a storage-only
 * site without the `Linodes` capability; `us-den-1` is a distributed (edge) site.
 * Resolver addresses come from the documentation ranges (RFC 5737 / RFC 3849).
 */
import type { Region } from '../../../linode/contract/linode.contract';

const CORE_CAPABILITIES = [
  'Linodes',
  'Backups',
  'NodeBalancers',
  'Block Storage',
  'Object Storage',
  'Kubernetes',
  'Cloud Firewall',
  'Vlans',
  'VPCs',
  'Metadata',
  'Placement Group',
  'StackScripts',
  'Disk Encryption',
];

interface RegionRow {
  id: string;
  label: string;
  country: string;
  status?: Region['status'];
  siteType?: Region['site_type'];
  capabilities?: string[];
}

function region(row: RegionRow, index: number): Region {
  const octet = 10 + index * 3;
  return {
    id: row.id,
    label: row.label,
    country: row.country,
    capabilities: row.capabilities ?? CORE_CAPABILITIES,
    status: row.status ?? 'ok',
    resolvers: {
      ipv4: [octet, octet + 1, octet + 2].map((n) => `203.0.113.${n}`).join(','),
      ipv6: [1, 2, 3].map((n) => `2001:db8:53:${index.toString(16)}::${n}`).join(','),
    },
    site_type: row.siteType ?? 'core',
    placement_group_limits: { maximum_linodes_per_pg: 5, maximum_pgs_per_customer: null },
  };
}

const REGIONS: RegionRow[] = [
  { id: 'us-east', label: 'Newark, NJ', country: 'us' },
  { id: 'us-central', label: 'Dallas, TX', country: 'us' },
  { id: 'us-west', label: 'Fremont, CA', country: 'us' },
  { id: 'us-southeast', label: 'Atlanta, GA', country: 'us' },
  { id: 'us-ord', label: 'Chicago, IL', country: 'us' },
  { id: 'ca-central', label: 'Toronto, CA', country: 'ca' },
  { id: 'eu-west', label: 'London, UK', country: 'gb' },
  { id: 'eu-central', label: 'Frankfurt, DE', country: 'de' },
  { id: 'fr-par', label: 'Paris, FR', country: 'fr' },
  { id: 'ap-south', label: 'Singapore, SG', country: 'sg' },
  { id: 'ap-northeast', label: 'Tokyo, JP', country: 'jp' },
  { id: 'ap-west', label: 'Mumbai, IN', country: 'in' },
  { id: 'id-cgk', label: 'Jakarta, ID', country: 'id' },
  { id: 'br-gru', label: 'Sao Paulo, BR', country: 'br' },
  { id: 'ap-southeast', label: 'Sydney, AU', country: 'au', status: 'outage' },
  { id: 'nl-ams', label: 'Amsterdam, NL', country: 'nl', capabilities: ['Object Storage', 'Block Storage'] },
  {
    id: 'us-den-1',
    label: 'Denver, CO',
    country: 'us',
    siteType: 'distributed',
    capabilities: ['Linodes', 'Cloud Firewall', 'Distributed Plans'],
  },
];

export const REGIONS_SEED: readonly Region[] = REGIONS.map(region);
