import { createMock } from '@golevelup/ts-jest';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { InstanceExpiryInterceptor } from './instance-expiry.interceptor';
import { CREATE_BODY, instancesWorld } from './sandbox-instances.test-helper';

const TTL = 10_000;

describe('InstanceExpiryInterceptor', () => {
  it('deletes the Linodes whose time is up before the route runs', async () => {
    const { service, store, expiry } = instancesWorld({ instanceTtlMs: TTL });
    const now = Date.now();
    service.create('alice', CREATE_BODY, now - TTL);
    const young = service.create('alice', CREATE_BODY, now);
    const route: CallHandler = { handle: () => of(store.all().map((instance) => instance.id)) };

    const seen = await lastValueFrom(new InstanceExpiryInterceptor(expiry).intercept(createMock<ExecutionContext>(), route));

    expect(seen).toEqual([young.id]);
  });
});
