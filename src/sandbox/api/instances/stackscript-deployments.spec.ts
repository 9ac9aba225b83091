import { HELLO_STACKSCRIPT_ID } from '../seed/stackscripts.seed';
import { CREATE_BODY, instancesWorld } from './sandbox-instances.test-helper';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const FROM_HELLO = { ...CREATE_BODY, stackscript_id: HELLO_STACKSCRIPT_ID };

function countsOf(world: ReturnType<typeof instancesWorld>) {
  const record = world.stackScripts.find(HELLO_STACKSCRIPT_ID);
  return { total: record?.deploymentsTotal, active: record?.deploymentsActive };
}

describe('deploying from a StackScript', () => {
  it('raises its deployments_total and deployments_active', () => {
    const world = instancesWorld();
    world.service.create('alice', FROM_HELLO, T0);
    world.service.create('bob', FROM_HELLO, T0);
    expect(countsOf(world)).toEqual({ total: 2, active: 2 });
  });

  it('leaves them alone for a Linode created without one', () => {
    const world = instancesWorld();
    world.service.create('alice', CREATE_BODY, T0);
    expect(countsOf(world)).toEqual({ total: 0, active: 0 });
  });

  it('lowers only deployments_active when the Linode is deleted', () => {
    const world = instancesWorld();
    const linode = world.service.create('alice', FROM_HELLO, T0);
    world.service.delete('alice', linode.id, T0 + 1);
    expect(countsOf(world)).toEqual({ total: 1, active: 0 });
  });

  it('lowers only deployments_active when the Linode expires', () => {
    const world = instancesWorld({ instanceTtlMs: 1_000 });
    world.service.create('alice', FROM_HELLO, T0);
    world.expiry.sweep(T0 + 1_000);
    expect(countsOf(world)).toEqual({ total: 1, active: 0 });
  });
});
