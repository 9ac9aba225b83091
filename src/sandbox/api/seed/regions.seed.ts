/**
 * The sandbox's regions: the regions of a real `GET /v4/regions` answer (linodego's recorded
 * fixtures, 2026-08-17), with their real ids, labels, countries, capabilities and monitors, plus
 * one distributed site (`us-den-1`, Denver), which that answer lacks. Two differ from Linode on
 * purpose, to exercise the app's region rules: `ap-southeast` is in an outage and `nl-ams` is made
 * a storage-only site without the `Linodes` capability.
 * Resolver addresses come from the documentation ranges (RFC 5737 / RFC 3849): the recording
 * scrubs most of them.
 */
import type { Region } from '../../../linode/contract/linode.contract';

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

// prettier-ignore
const RECORDED: RegionRow[] = [
  {
    id: "au-mel",
    label: "Melbourne, AU",
    country: "au",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Kubernetes", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "es-mad",
    label: "Madrid, ES",
    country: "es",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "in-maa",
    label: "Chennai, IN",
    country: "in",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "NETINT Quadra T1U", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "jp-osa",
    label: "Osaka, JP",
    country: "jp",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "it-mil",
    label: "Milan, IT",
    country: "it",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "us-mia",
    label: "Miami, FL",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "NETINT Quadra T1U", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "id-cgk",
    label: "Jakarta, ID",
    country: "id",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "us-lax",
    label: "Los Angeles, CA",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "NETINT Quadra T1U", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "gb-lon",
    label: "London 2, UK",
    country: "gb",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "NETINT Quadra T1U", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "se-sto",
    label: "Stockholm, SE",
    country: "se",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "in-bom-2",
    label: "Mumbai 2, IN",
    country: "in",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "de-fra-2",
    label: "Frankfurt 2, DE",
    country: "de",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "NETINT Quadra T1U", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "sg-sin-2",
    label: "Singapore 2, SG",
    country: "sg",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "jp-tyo-3",
    label: "Tokyo 3, JP",
    country: "jp",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "no-osl-1",
    label: "Oslo, NO",
    country: "no",
    capabilities: ["Linodes", "Block Storage Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "us-iad-2",
    label: "Washington 2, DC",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "fr-par-2",
    label: "Paris 2, FR",
    country: "fr",
    capabilities: ["Linodes", "Block Storage Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "nl-ams",
    label: "Amsterdam, NL",
    country: "nl",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "ap-west",
    label: "Mumbai, IN",
    country: "in",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "ca-central",
    label: "Toronto, CA",
    country: "ca",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "ap-southeast",
    label: "Sydney, AU",
    country: "au",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "us-iad",
    label: "Washington, DC",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Linodes", "Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "us-ord",
    label: "Chicago, IL",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "fr-par",
    label: "Paris, FR",
    country: "fr",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "us-sea",
    label: "Seattle, WA",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces", "ACLP Logs Datacenter LKE-E"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers", "Object Storage"], "metrics": ["Managed Databases", "NodeBalancers", "Object Storage"]},
  },
  {
    id: "br-gru",
    label: "Sao Paulo, BR",
    country: "br",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "Kubernetes", "Kubernetes Enterprise", "Cloud Firewall", "Vlans", "VPCs", "VPC Dual Stack", "VPC IPv6 Stack", "Managed Databases", "Metadata", "Premium Plans", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "us-central",
    label: "Dallas, TX",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "ap-northeast",
    label: "Tokyo 2, JP",
    country: "jp",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "eu-central",
    label: "Frankfurt, DE",
    country: "de",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "ap-south",
    label: "Singapore, SG",
    country: "sg",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "GPU Linodes", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["NodeBalancers"], "metrics": ["NodeBalancers"]},
  },
  {
    id: "eu-west",
    label: "London, UK",
    country: "gb",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["NodeBalancers"], "metrics": ["NodeBalancers"]},
  },
  {
    id: "us-east",
    label: "Newark, NJ",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "us-southeast",
    label: "Atlanta, GA",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Object Storage", "GPU Linodes", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
  {
    id: "us-west",
    label: "Fremont, CA",
    country: "us",
    capabilities: ["Linodes", "Block Storage Encryption", "LA Disk Encryption", "Disk Encryption", "Backups", "NodeBalancers", "Block Storage", "Kubernetes", "Cloud Firewall", "Vlans", "Block Storage Migrations", "Managed Databases", "Metadata", "Placement Group", "StackScripts", "Maintenance Policy", "Linode Interfaces"],
    monitors: {"alerts": ["Managed Databases", "NodeBalancers"], "metrics": ["Managed Databases", "NodeBalancers"]},
  },
];

const DISTRIBUTED: RegionRow = {
  id: 'us-den-1',
  label: 'Denver, CO',
  country: 'us',
  capabilities: ['Linodes', 'Cloud Firewall', 'Distributed Plans'],
  monitors: { alerts: [], metrics: [] },
  siteType: 'distributed',
};

export const REGIONS_SEED: readonly Region[] = [...RECORDED.map((row) => ({ ...row, ...OVERRIDES[row.id] })), DISTRIBUTED].map(region);
