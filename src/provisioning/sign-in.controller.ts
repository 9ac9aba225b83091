import { Controller, Get, Header, Redirect, Req, UseGuards } from '@nestjs/common';
import { SignInFailedError } from '../auth/auth.errors';
import { LinodeCallbackGuard } from '../auth/linode-callback.guard';
import { LinodeSignInGuard } from '../auth/linode-sign-in.guard';
import type { RequestWithGrant } from '../auth/linode.strategy';
import { DeploymentFlow } from './deployment-flow';

/** Both ends of the sign-in sit behind the `linode` strategy's guards; the callback then deploys. */
@Controller()
export class SignInController {
  constructor(private readonly flow: DeploymentFlow) {}

  /** The guard has already sent the browser to Linode. */
  @Get('auth/linode')
  @UseGuards(LinodeSignInGuard)
  start(): void {}

  @Get('auth_callback')
  @UseGuards(LinodeCallbackGuard)
  @Header('Cache-Control', 'no-store')
  @Redirect()
  async callback(@Req() req: RequestWithGrant) {
    if (!req.linodeGrant) throw new SignInFailedError('The sign-in did not complete.');
    const record = await this.flow.deploy(req, req.linodeGrant);
    // A clean URL: the code leaves the address bar and a refresh never deploys again.
    return { url: `/deployments/${record.id}`, statusCode: 303 };
  }
}
