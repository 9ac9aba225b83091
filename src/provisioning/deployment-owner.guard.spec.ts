import { createMock } from '@golevelup/ts-jest';
import { NotFoundException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Request } from 'express';
import { DeploymentOwnerGuard } from './deployment-owner.guard';
import type { DeploymentRecord } from './deployment.record';
import type { DeploymentStore } from './deployment.store';
import { aDeploymentRecord } from './testing/deployment-record.fixture';

const OWNER = aDeploymentRecord().ownerId;

describe('DeploymentOwnerGuard', () => {
  const record = aDeploymentRecord();
  const store = { get: jest.fn(async (id: string) => (id === record.id ? record : undefined)) };
  const guard = new DeploymentOwnerGuard(createMock<DeploymentStore>(store));
  const requestFor = (browserId: string | undefined, id: string): Request & { deployment?: DeploymentRecord } =>
    createMock<Request & { deployment?: DeploymentRecord }>({ session: { browserId }, params: { id }, deployment: undefined });
  const check = (req: Request) => guard.canActivate(new ExecutionContextHost([req, {}, () => undefined]));

  it('lets the browser that created the deployment through, with the record', async () => {
    const req = requestFor(OWNER, record.id);
    await expect(check(req)).resolves.toBe(true);
    expect(req.deployment).toBe(record);
  });

  it.each([
    ['another browser', 'browser-id-someone-else0', record.id],
    ['a browser id of another length', 'short', record.id],
    ['a browser without an id', undefined, record.id],
    ['an unknown deployment', OWNER, 'BBBBBBBBBBBBBBBBBBBBBB'],
  ])('answers %s with the same 404', async (_name, browserId, id) => {
    const req = requestFor(browserId, id);
    await expect(check(req)).rejects.toBeInstanceOf(NotFoundException);
    expect(req.deployment).toBeUndefined();
  });
});
