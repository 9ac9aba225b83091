import { SandboxApiError } from '../http/sandbox-api.error';
import { CREATE_BODY, instancesWorld } from './sandbox-instances.test-helper';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

function refusal(action: () => unknown): SandboxApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof SandboxApiError) return error;
    throw error;
  }
  throw new Error('expected a Linode API error');
}

describe('SandboxInstancesService account limit', () => {
  it('refuses the create past the account’s limit with Linode’s 400 envelope, naming the limit', () => {
    const { service } = instancesWorld({ maxInstancesPerAccount: 2 });
    service.create('alice', CREATE_BODY, T0);
    service.create('alice', CREATE_BODY, T0);
    const error = refusal(() => service.create('alice', CREATE_BODY, T0));
    expect(error.status).toBe(400);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).not.toHaveProperty('field');
    expect(error.errors[0].reason).toMatch(/^Account Limit reached\. Please open a support ticket\./);
    expect(error.errors[0].reason).toContain('2 active Linodes per account');
    expect(error.errors[0].reason).toContain('SANDBOX_MAX_INSTANCES_PER_ACCOUNT');
  });

  it('counts each account on its own', () => {
    const { service } = instancesWorld({ maxInstancesPerAccount: 1 });
    service.create('alice', CREATE_BODY, T0);
    expect(service.create('bob', CREATE_BODY, T0).id).toBeGreaterThan(0);
  });

  it('has room again once a Linode is deleted', () => {
    const { service } = instancesWorld({ maxInstancesPerAccount: 1 });
    const first = service.create('alice', CREATE_BODY, T0);
    service.delete('alice', first.id, T0 + 1);
    expect(service.create('alice', CREATE_BODY, T0 + 2).id).toBeGreaterThan(first.id);
  });

  it('has room again once a Linode expires', () => {
    const { service, expiry } = instancesWorld({ maxInstancesPerAccount: 1, instanceTtlMs: 1_000 });
    service.create('alice', CREATE_BODY, T0);
    expiry.sweep(T0 + 999);
    expect(refusal(() => service.create('alice', CREATE_BODY, T0 + 999)).status).toBe(400);
    expiry.sweep(T0 + 1_000);
    expect(service.create('alice', CREATE_BODY, T0 + 1_000).status).toBe('provisioning');
  });

  it('checks the request itself before the limit', () => {
    const { service } = instancesWorld({ maxInstancesPerAccount: 1 });
    service.create('alice', CREATE_BODY, T0);
    const error = refusal(() => service.create('alice', { ...CREATE_BODY, region: 'nowhere' }, T0));
    expect(error.errors[0].field).toBe('region');
  });

  it('says when every sandbox address is in use', () => {
    const { service, addresses } = instancesWorld({ maxInstancesPerAccount: 500, instanceTtlMs: 0 });
    while (addresses.allocate()) {
      // Every address taken by other accounts' Linodes.
    }
    const error = refusal(() => service.create('alice', CREATE_BODY, T0));
    expect(error.status).toBe(400);
    expect(error.errors[0].reason).toContain(`all ${addresses.capacity} documentation addresses are in use`);
  });
});
