import { linodeInstanceSchema, strictSchema } from '../../contract/linode.contract';
import { LINODE_TYPES_SEED } from '../seed/linode-types.seed';
import { lifecycle, SandboxInstance, statusAt, toLinodeInstance, updatedAt } from './sandbox-instance';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

function instance(booted = true, backupsEnabled = false): SandboxInstance {
  return {
    id: 60000001,
    username: 'alice',
    label: 'web-1',
    group: '',
    tags: ['demo'],
    region: 'us-east',
    siteType: 'core',
    type: LINODE_TYPES_SEED[0],
    image: 'linode/debian12',
    backupsEnabled,
    stackScriptId: null,
    ipv4: '192.0.2.1',
    ipv6: '2001:db8::f03c:95ff:fe00:1/128',
    hostUuid: '3f1f6a0e-8c55-4b1e-9b3c-2d0f7a6e1c11',
    createdAt: T0,
    ...lifecycle(T0, 1000, booted),
  };
}

describe('sandbox instance lifecycle', () => {
  it('provisions for the first 60% of the boot time, then boots, then runs', () => {
    const linode = instance();
    expect(statusAt(linode, T0)).toBe('provisioning');
    expect(statusAt(linode, T0 + 599)).toBe('provisioning');
    expect(statusAt(linode, T0 + 600)).toBe('booting');
    expect(statusAt(linode, T0 + 999)).toBe('booting');
    expect(statusAt(linode, T0 + 1000)).toBe('running');
  });

  it('stays offline after provisioning when created with booted false', () => {
    expect(statusAt(instance(false), T0 + 5000)).toBe('offline');
  });

  it('reports as updated the moment of the last status change', () => {
    const linode = instance();
    expect(updatedAt(linode, T0 + 100)).toBe(T0);
    expect(updatedAt(linode, T0 + 700)).toBe(T0 + 600);
    expect(updatedAt(linode, T0 + 5000)).toBe(T0 + 1000);
  });

  it('renders exactly the Linode object shape, with specs from its type', () => {
    const view = toLinodeInstance(instance(), T0 + 5000);
    expect(() => strictSchema(linodeInstanceSchema).parse(view)).not.toThrow();
    expect(view).toMatchObject({
      status: 'running',
      created: '2024-05-01T12:00:00',
      updated: '2024-05-01T12:00:01',
      ipv4: ['192.0.2.1'],
      specs: { memory: 1024, vcpus: 1 },
      type: 'g6-nanode-1',
      backups: { enabled: false, available: false, schedule: { day: null, window: null } },
    });
  });

  it('reports backups enrolled and still to be scheduled when created with backups_enabled', () => {
    const view = toLinodeInstance(instance(true, true), T0 + 5000);
    expect(() => strictSchema(linodeInstanceSchema).parse(view)).not.toThrow();
    expect(view.backups).toEqual({
      enabled: true,
      available: false,
      schedule: { day: 'Scheduling', window: 'Scheduling' },
      last_successful: null,
    });
  });
});
