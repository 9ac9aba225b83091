import { Controller, Get, Header, Redirect, Req, UseGuards } from '@nestjs/common';
import { LinodeCallbackGuard } from '../auth/linode-callback.guard';
import { LinodeSignInGuard } from '../auth/linode-sign-in.guard';
import type { LinodeGrant, RequestWithGrant } from '../auth/linode.strategy';
import { DeploymentFlow } from './deployment-flow';

/** Both ends of the sign-in sit behind the `linode` strategy's guards; the callback then deploys. */
@Controller()
export class SignInController {
  constructor(private readonly flow: DeploymentFlow) {}

  /** The guard has already sent the browser to Linode. */
  @Get('auth/linode')
  @UseGuards(LinodeSignInGuard)
  start(): void {}

  /** The guard puts the grant on the request, or refuses. */
  @Get('auth_callback')
  @UseGuards(LinodeCallbackGuard)
  @Header('Cache-Control', 'no-store')
  @Redirect()
  async callback(@Req() req: RequestWithGrant & { linodeGrant: LinodeGrant }) {
    const record = await this.flow.deploy(req, req.linodeGrant);
    // A clean URL: the code leaves the address bar and a refresh never deploys again.
    return { url: `/deployments/${record.id}`, statusCode: 303 };
  }
}
