import { Controller, Get, Header, Redirect, Req, UseGuards } from '@nestjs/common';
import { LinodeCallbackGuard } from '../auth/linode-callback.guard';
import type { RequestWithGrant } from '../auth/linode.strategy';
import { SignInFailedError } from '../auth/auth.errors';
import { DeploymentFlow } from './deployment-flow';

/** Where Linode sends the browser back: the guard signs in (state, then code), the flow deploys. */
@Controller()
export class SignInCallbackController {
  constructor(private readonly flow: DeploymentFlow) {}

  @Get('auth_callback')
  @UseGuards(LinodeCallbackGuard)
  @Header('Cache-Control', 'no-store')
  @Redirect()
  async callback(@Req() req: RequestWithGrant): Promise<{ url: string; statusCode: number }> {
    if (!req.linodeGrant) throw new SignInFailedError('The sign-in did not complete.');
    const record = await this.flow.deploy(req, req.linodeGrant);
    // 303 to a clean URL: the code leaves the address bar and a refresh never deploys again.
    return { url: `/deployments/${record.id}`, statusCode: 303 };
  }
}
