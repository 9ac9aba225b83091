import { createMock } from '@golevelup/ts-jest';
import { GUARDS_METADATA, HEADERS_METADATA } from '@nestjs/common/constants';
import type { Response } from 'express';
import { DeploymentOwnerGuard } from './deployment-owner.guard';
import type { DeploymentTracker } from './deployment-tracker';
import { DeploymentController, HTMX_STOP_POLLING } from './deployment.controller';
import type { DeploymentRecord } from './deployment.record';
import type { ApplicationReadiness } from './readiness/application-readiness';
import { aDeploymentRecord } from './testing/deployment-record.fixture';

describe('DeploymentController', () => {
  let tracker: {
    refresh: jest.Mock<Promise<DeploymentRecord>, [DeploymentRecord]>;
    takeRootPassword: jest.Mock<Promise<string | null>, [DeploymentRecord]>;
    canDelete: jest.Mock<Promise<boolean>, [DeploymentRecord]>;
    deleteInstance: jest.Mock<Promise<DeploymentRecord>, [DeploymentRecord]>;
  };
  let controller: DeploymentController;

  beforeEach(() => {
    tracker = {
      refresh: jest.fn(async (record: DeploymentRecord) => record),
      takeRootPassword: jest.fn().mockResolvedValue('the-root-password'),
      canDelete: jest.fn().mockResolvedValue(true),
      deleteInstance: jest.fn(async (record: DeploymentRecord) => record),
    };
    controller = new DeploymentController(
      createMock<DeploymentTracker>(tracker),
      createMock<ApplicationReadiness>({ follows: () => false }),
    );
  });

  it('lets only the owner in, on every route', () => {
    expect(Reflect.getMetadata(GUARDS_METADATA, DeploymentController)).toEqual([DeploymentOwnerGuard]);
  });

  it('never lets the page or its fragment be stored, and varies on HX-Request', () => {
    expect(Reflect.getMetadata(HEADERS_METADATA, DeploymentController.prototype.show)).toEqual(
      expect.arrayContaining([
        { name: 'Cache-Control', value: 'no-store' },
        { name: 'Vary', value: 'HX-Request' },
      ]),
    );
  });

  it('shows the page with the root password once, and the delete button while the deployment is under way', async () => {
    const res = createMock<Response>();
    const model = await controller.show(aDeploymentRecord(), false, res);
    expect(res.status).not.toHaveBeenCalled();
    expect(model).not.toHaveProperty('fragment');
    expect(tracker.takeRootPassword).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(model)).toContain('the-root-password');
  });

  it('answers htmx with the fragment model, never the password, and keeps polling while it runs up', async () => {
    const res = createMock<Response>();
    const model = await controller.show(aDeploymentRecord(), true, res);
    expect(model).toMatchObject({ fragment: true, layout: false });
    expect(res.status).not.toHaveBeenCalled();
    expect(tracker.takeRootPassword).not.toHaveBeenCalled();
    expect(JSON.stringify(model)).not.toContain('the-root-password');
  });

  it('tells htmx to stop polling once the deployment has settled', async () => {
    tracker.refresh.mockResolvedValue(aDeploymentRecord({ phase: 'running', settledAt: Date.now() }));
    const res = createMock<Response>();
    await controller.show(aDeploymentRecord(), true, res);
    expect(res.status).toHaveBeenCalledWith(HTMX_STOP_POLLING);
  });

  it('keeps htmx polling after "running" while the application is being set up, and stops once it answered', async () => {
    const application = { url: 'http://172.105.10.20/', deadline: Date.now() + 60_000, readyAt: null };
    tracker.refresh.mockResolvedValueOnce(aDeploymentRecord({ phase: 'running', settledAt: Date.now(), application }));
    const probing = createMock<Response>();
    await controller.show(aDeploymentRecord(), true, probing);
    expect(probing.status).not.toHaveBeenCalled();

    tracker.refresh.mockResolvedValueOnce(
      aDeploymentRecord({ phase: 'running', settledAt: Date.now(), application: { ...application, readyAt: Date.now() } }),
    );
    const ready = createMock<Response>();
    await controller.show(aDeploymentRecord({ id: 'BBBBBBBBBBBBBBBBBBBBBB' }), true, ready);
    expect(ready.status).toHaveBeenCalledWith(HTMX_STOP_POLLING);
  });

  it('deletes through the tracker and answers 303 to the deployment page', async () => {
    const record = aDeploymentRecord();
    await expect(controller.delete(record)).resolves.toEqual({ url: `/deployments/${record.id}`, statusCode: 303 });
    expect(tracker.deleteInstance).toHaveBeenCalledWith(record);
  });

  it('asks before deleting while the tracker can still delete', async () => {
    const record = aDeploymentRecord();
    await expect(controller.confirmDelete(record)).resolves.toMatchObject({ canDelete: true, pageTitle: `Delete ${record.label}?` });
  });

  it('says there is nothing left to delete once the tracker cannot delete', async () => {
    tracker.canDelete.mockResolvedValue(false);
    const record = aDeploymentRecord();
    await expect(controller.confirmDelete(record)).resolves.toMatchObject({
      canDelete: false,
      pageTitle: `${record.label} — can no longer be deleted here`,
    });
  });

  describe('status polls', () => {
    afterEach(() => jest.restoreAllMocks());

    it('share one refresh between concurrent and recent polls of the same deployment', async () => {
      const record = aDeploymentRecord();
      await Promise.all([controller.show(record, true, createMock<Response>()), controller.show(record, true, createMock<Response>())]);
      await controller.show(record, true, createMock<Response>());
      expect(tracker.refresh).toHaveBeenCalledTimes(1);
    });

    it('ask again once the shared answer is a second old, and per deployment', async () => {
      const now = jest.spyOn(performance, 'now').mockReturnValue(10_000);
      await controller.show(aDeploymentRecord(), true, createMock<Response>());
      await controller.show(aDeploymentRecord({ id: 'BBBBBBBBBBBBBBBBBBBBBB' }), true, createMock<Response>());
      expect(tracker.refresh).toHaveBeenCalledTimes(2);
      now.mockReturnValue(11_001);
      await new Promise((resolve) => setTimeout(resolve, 2)); // past lru-cache's 1 ms clock resolution
      await controller.show(aDeploymentRecord(), true, createMock<Response>());
      expect(tracker.refresh).toHaveBeenCalledTimes(3);
    });

    it('keep no failed refresh', async () => {
      tracker.refresh.mockRejectedValueOnce(new Error('upstream down'));
      await expect(controller.show(aDeploymentRecord(), true, createMock<Response>())).rejects.toThrow('upstream down');
      await expect(controller.show(aDeploymentRecord(), true, createMock<Response>())).resolves.toMatchObject({ fragment: true });
    });

    it('refresh anew after the full page was shown or the server deleted', async () => {
      const record = aDeploymentRecord();
      await controller.show(record, true, createMock<Response>());
      await controller.show(record, false, createMock<Response>());
      await controller.show(record, true, createMock<Response>());
      await controller.delete(record);
      await controller.show(record, true, createMock<Response>());
      expect(tracker.refresh).toHaveBeenCalledTimes(4);
    });
  });
});
