import { createMock } from '@golevelup/ts-jest';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';
import { LinodeCallbackGuard } from '../auth/linode-callback.guard';
import { LinodeSignInGuard } from '../auth/linode-sign-in.guard';
import type { LinodeGrant, RequestWithGrant } from '../auth/linode.strategy';
import type { DeploymentFlow } from './deployment-flow';
import { SignInController } from './sign-in.controller';
import { aDeploymentRecord } from './testing/deployment-record.fixture';

const GRANT: LinodeGrant = { accessToken: 'access-token-0123', refreshToken: null, expiresIn: 7200, scopes: ['*'], draftId: 'draft-1' };

describe('SignInController', () => {
  const deploy = jest.fn<ReturnType<DeploymentFlow['deploy']>, [Request, LinodeGrant]>();
  const controller = new SignInController(createMock<DeploymentFlow>({ deploy }));

  beforeEach(() => deploy.mockReset());

  it('starts the sign-in behind the linode AuthGuard, which redirects to Linode', () => {
    expect(Reflect.getMetadata(GUARDS_METADATA, SignInController.prototype.start)).toEqual([LinodeSignInGuard]);
  });

  it('is guarded by the linode AuthGuard, which signs in before anything is deployed', () => {
    expect(Reflect.getMetadata(GUARDS_METADATA, SignInController.prototype.callback)).toEqual([LinodeCallbackGuard]);
  });

  it('deploys with the grant and answers 303 to the deployment page', async () => {
    const record = aDeploymentRecord();
    deploy.mockResolvedValue(record);
    const req = createMock<RequestWithGrant & { linodeGrant: LinodeGrant }>({ linodeGrant: GRANT });
    await expect(controller.callback(req)).resolves.toEqual({ url: `/deployments/${record.id}`, statusCode: 303 });
    expect(deploy).toHaveBeenCalledWith(req, GRANT);
  });
});
