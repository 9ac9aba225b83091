import { Logger } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Registry } from 'prom-client';
import type { LinodeLoginClient } from '../linode/linode-login.client';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { InsufficientScopesError } from './auth.errors';
import type { RequestWithGrant } from './linode-callback.guard';
import type { LinodeGrant } from './linode.strategy';
import { canCreateLinodes, ScopesGuard } from './scopes.guard';

const TOKEN = 'access-token-0123456789abcdef';

describe('canCreateLinodes', () => {
  it.each([
    [['*']],
    [['linodes:*']],
    [['linodes:read_write']],
    [['events:read_only', 'linodes:read_write']],
  ])('allows %p', (granted) => {
    expect(canCreateLinodes(granted)).toBe(true);
  });

  it.each([
    [['linodes:read_only']],
    [['events:read_only']],
    [['events:read_write', 'account:*']],
    [[]],
    [['linodes']],
    [['linodes:read_write:extra']],
    [['LINODES:READ_WRITE']],
  ])('refuses %p', (granted) => {
    expect(canCreateLinodes(granted)).toBe(false);
  });
});

describe('ScopesGuard', () => {
  let registry: Registry;
  let revoke: jest.Mock<Promise<boolean>, [string]>;
  let guard: ScopesGuard;

  const grant = (scopes: string[]): LinodeGrant => ({
    accessToken: TOKEN,
    refreshToken: null,
    expiresIn: 7200,
    scopes,
    draftId: 'draft-1',
  });
  const contextFor = (linodeGrant: LinodeGrant | undefined) =>
    new ExecutionContextHost([{ linodeGrant } as RequestWithGrant, {}, () => undefined]);

  const outcomeCount = async (outcome: string): Promise<number> => {
    const metric = await registry.getSingleMetric('deployments_total')?.get();
    return metric?.values.find((value) => value.labels.outcome === outcome)?.value ?? NaN;
  };

  beforeEach(() => {
    registry = new Registry();
    revoke = jest.fn<Promise<boolean>, [string]>().mockResolvedValue(true);
    const loginClient = { revoke } as Pick<LinodeLoginClient, 'revoke'> as LinodeLoginClient;
    guard = new ScopesGuard(loginClient, new DeploymentMetrics(registry));
  });

  it('lets a grant with linodes:read_write through and keeps its token', async () => {
    await expect(guard.canActivate(contextFor(grant(['linodes:read_write'])))).resolves.toBe(true);
    expect(revoke).not.toHaveBeenCalled();
    expect(await outcomeCount('insufficient_scopes')).toBe(0);
  });

  it('lets a grant with every scope through', async () => {
    await expect(guard.canActivate(contextFor(grant(['*'])))).resolves.toBe(true);
    expect(revoke).not.toHaveBeenCalled();
  });

  it('refuses a read-only grant with InsufficientScopesError', async () => {
    const refusal = guard.canActivate(contextFor(grant(['linodes:read_only'])));
    await expect(refusal).rejects.toBeInstanceOf(InsufficientScopesError);
    await expect(refusal).rejects.toMatchObject({ status: 403, details: ['Granted: linodes:read_only'] });
  });

  it('revokes the token of a grant it refuses', async () => {
    await expect(guard.canActivate(contextFor(grant(['events:read_only'])))).rejects.toThrow(InsufficientScopesError);
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(revoke).toHaveBeenCalledWith(TOKEN);
  });

  it('counts the refusal as insufficient_scopes', async () => {
    await expect(guard.canActivate(contextFor(grant([])))).rejects.toThrow(InsufficientScopesError);
    expect(await outcomeCount('insufficient_scopes')).toBe(1);
  });

  it('says nothing was granted when the grant has no scopes', async () => {
    await expect(guard.canActivate(contextFor(grant([])))).rejects.toMatchObject({ details: ['Granted: nothing'] });
  });

  it('still refuses when the token cannot be revoked, and logs that (without the token)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    revoke.mockResolvedValue(false);
    await expect(guard.canActivate(contextFor(grant(['linodes:read_only'])))).rejects.toThrow(InsufficientScopesError);
    expect(revoke).toHaveBeenCalledWith(TOKEN);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).not.toContain(TOKEN);
    warn.mockRestore();
  });

  it('refuses a request that carries no grant at all', async () => {
    await expect(guard.canActivate(contextFor(undefined))).rejects.toThrow(InsufficientScopesError);
    expect(revoke).not.toHaveBeenCalled();
  });

  it('never puts the token in the error shown to the person', async () => {
    const error = await guard.canActivate(contextFor(grant(['linodes:read_only']))).catch((e: unknown) => e);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(TOKEN);
  });
});
