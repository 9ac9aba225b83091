import type { XFilterSpec } from './x-filter';

/**
 * Filterable fields per collection, from Linode's spec (`x-linode-filterable`). Events also take
 * `entity.id` and `entity.type`, which linode_api4-python's EventPoller sends.
 */
export const LINODE_TYPE_FILTERS: XFilterSpec = {
  fields: {
    label: 'string',
    disk: 'number',
    class: 'string',
    network_out: 'number',
    memory: 'number',
    transfer: 'number',
    vcpus: 'number',
    gpus: 'number',
  },
};

/** Regions have no filterable field: any key is refused, as Linode does. */
export const REGION_FILTERS: XFilterSpec = { fields: {} };

export const IMAGE_FILTERS: XFilterSpec = {
  fields: {
    label: 'string',
    deprecated: 'boolean',
    is_public: 'boolean',
    size: 'number',
    type: 'string',
    vendor: 'string',
    status: 'string',
  },
  unorderable: ['status'],
};

/** StackScripts: the spec's filterable fields; `mine` is as the caller sees it. */
export const STACKSCRIPT_FILTERS: XFilterSpec = {
  fields: {
    label: 'string',
    description: 'string',
    username: 'string',
    is_public: 'boolean',
    mine: 'boolean',
    deployments_total: 'number',
    deployments_active: 'number',
    rev_note: 'string',
    created: 'datetime',
    updated: 'datetime',
  },
  tiebreaker: 'id',
};

export const INSTANCE_FILTERS: XFilterSpec = {
  fields: {
    label: 'string',
    region: 'string',
    image: 'string',
    group: 'string',
    tags: 'string[]',
    id: 'number',
    ipv4: 'string[]',
  },
  tiebreaker: 'id',
};

export const EVENT_FILTERS: XFilterSpec = {
  fields: {
    id: 'number',
    action: 'string',
    created: 'datetime',
    read: 'boolean',
    'entity.id': 'number',
    'entity.type': 'string',
  },
  tiebreaker: 'id',
};
