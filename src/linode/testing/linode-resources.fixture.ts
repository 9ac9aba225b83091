/**
 * Builders for Linode API resources, shaped as Linode sends them (the sandbox's strict contract), with overrides. Shared by
 * every spec that needs a type, region, image or StackScript (the catalog's, the API client's).
 */
import type { Image, LinodeType, Region, StackScript, UserDefinedField } from '../../sandbox/contract/linode.contract';

export function linodeType(overrides: Partial<LinodeType> = {}): LinodeType {
  return {
    id: 'g6-standard-1',
    label: 'Linode 2GB',
    class: 'standard',
    disk: 51200,
    memory: 2048,
    vcpus: 1,
    gpus: 0,
    network_out: 2000,
    transfer: 2000,
    price: { hourly: 0.018, monthly: 12 },
    region_prices: [],
    addons: { backups: { price: { hourly: 0.004, monthly: 2.5 }, region_prices: [] } },
    successor: null,
    ...overrides,
  };
}

export function region(overrides: Partial<Region> = {}): Region {
  return {
    id: 'us-east',
    label: 'Newark, NJ',
    country: 'us',
    capabilities: ['Linodes', 'Block Storage', 'StackScripts'],
    status: 'ok',
    resolvers: { ipv4: '192.0.2.1,192.0.2.2', ipv6: '2001:db8::1' },
    site_type: 'core',
    monitors: { alerts: [], metrics: [] },
    placement_group_limits: { maximum_pgs_per_customer: null, maximum_linodes_per_pg: 5, maximum_linodes_per_flexible_pg: 5 },
    ...overrides,
  };
}

export function image(overrides: Partial<Image> = {}): Image {
  return {
    id: 'linode/debian12',
    label: 'Debian 12',
    description: '',
    vendor: 'Debian',
    is_public: true,
    is_shared: false,
    deprecated: false,
    status: 'available',
    type: 'manual',
    size: 1300,
    created: '2023-06-12T00:00:00',
    created_by: 'linode',
    updated: '2024-01-01T00:00:00',
    eol: null,
    expiry: null,
    capabilities: ['cloud-init'],
    tags: [],
    regions: null,
    image_sharing: null,
    ...overrides,
  };
}

export function stackScript(overrides: Partial<StackScript> = {}): StackScript {
  return {
    id: 1234,
    label: 'Demo App',
    description: 'Installs the demo application.',
    ordinal: 0,
    logo_url: '',
    images: ['linode/debian12', 'linode/ubuntu24.04'],
    is_public: true,
    mine: false,
    rev_note: '',
    script: '#!/bin/bash\n',
    created: '2024-01-01T00:00:00',
    updated: '2024-01-01T00:00:00',
    deployments_active: 0,
    deployments_total: 0,
    username: 'demo',
    user_gravatar_id: '',
    user_defined_fields: [],
    ...overrides,
  };
}

export function udf(overrides: Partial<UserDefinedField> & { name: string }): UserDefinedField {
  return { label: overrides.name, ...overrides };
}
