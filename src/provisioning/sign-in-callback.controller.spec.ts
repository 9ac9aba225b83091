import { GUARDS_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';
import { SignInFailedError } from '../auth/auth.errors';
import { LinodeCallbackGuard } from '../auth/linode-callback.guard';
import type { LinodeGrant, RequestWithGrant } from '../auth/linode.strategy';
import type { DeploymentFlow } from './deployment-flow';
import { SignInCallbackController } from './sign-in-callback.controller';
import { aDeploymentRecord } from './testing/deployment-record.fixture';

const GRANT: LinodeGrant = { accessToken: 'access-token-0123', refreshToken: null, expiresIn: 7200, scopes: ['*'], draftId: 'draft-1' };

describe('SignInCallbackController', () => {
  const deploy = jest.fn<ReturnType<DeploymentFlow['deploy']>, [Request, LinodeGrant]>();
  const controller = new SignInCallbackController({ deploy } as unknown as DeploymentFlow);

  beforeEach(() => deploy.mockReset());

  it('is guarded by the linode AuthGuard, which signs in before anything is deployed', () => {
    const guards = Reflect.getMetadata(GUARDS_METADATA, SignInCallbackController.prototype.callback) as unknown[];
    expect(guards).toEqual([LinodeCallbackGuard]);
  });

  it('deploys with the grant and answers 303 to the deployment page', async () => {
    const record = aDeploymentRecord();
    deploy.mockResolvedValue(record);
    const req = { linodeGrant: GRANT } as RequestWithGrant;
    await expect(controller.callback(req)).resolves.toEqual({ url: `/deployments/${record.id}`, statusCode: 303 });
    expect(deploy).toHaveBeenCalledWith(req, GRANT);
  });

  it('deploys nothing when no grant reached it', async () => {
    await expect(controller.callback({} as RequestWithGrant)).rejects.toBeInstanceOf(SignInFailedError);
    expect(deploy).not.toHaveBeenCalled();
  });
});
