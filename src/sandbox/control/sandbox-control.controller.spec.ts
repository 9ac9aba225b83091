import { createMock } from '@golevelup/ts-jest';
import type { Response } from 'express';
import type { SandboxStackScriptsService } from '../api/stackscripts/sandbox-stackscripts.service';
import { CREATE_BODY, instancesWorld } from '../api/instances/sandbox-instances.test-helper';
import type { SandboxTokenStore } from '../tokens/sandbox-token.store';
import type { FaultInjector } from './fault-injector';
import type { HeldRequests } from './held-requests';
import { SandboxControlController } from './sandbox-control.controller';
import type { SandboxResetService } from './sandbox-reset.service';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const BOOT_MS = 1_000;

describe('GET /__sandbox/instances/:id/application (the instance’s emulated application)', () => {
  afterEach(() => jest.useRealTimers());

  function world(setupMs: number) {
    const { store, service, options } = instancesWorld({ bootMs: BOOT_MS, setupMs });
    const controller = new SandboxControlController(
      store,
      createMock<SandboxTokenStore>(),
      createMock<FaultInjector>(),
      createMock<HeldRequests>(),
      createMock<SandboxResetService>(),
      createMock<SandboxStackScriptsService>(),
      options,
    );
    const { id } = service.create('alice', CREATE_BODY, T0);
    const ask = (at: number, instanceId: string = String(id)) => {
      jest.useFakeTimers({ now: at });
      const status = jest.fn<Response, [number]>();
      const body = controller.application(instanceId, createMock<Response>({ status }));
      return { status: status.mock.calls[0][0], body };
    };
    return { ask };
  }

  it('answers 503 while the instance boots and during its setup, then 200 from setupMs after "running"', () => {
    const { ask } = world(4_000);
    expect(ask(T0 + 500)).toEqual({ status: 503, body: { answering: false } });
    expect(ask(T0 + BOOT_MS + 3_999)).toEqual({ status: 503, body: { answering: false } });
    expect(ask(T0 + BOOT_MS + 4_000)).toEqual({ status: 200, body: { answering: true } });
  });

  it('never answers with setupMs 0', () => {
    expect(world(0).ask(T0 + 86_400_000).status).toBe(503);
  });

  it.each(['999', 'abc'])('answers 503 for an instance that does not exist (%s)', (id) => {
    expect(world(1).ask(T0 + 60_000, id).status).toBe(503);
  });
});
