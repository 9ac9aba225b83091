import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicPageResponder } from '../views/public-page';
import { DeployButtonService } from './deploy-button.service';
import { StackScriptId } from './stackscript-id.pipe';

/** The "Deploy on Linode" badge, and the page that gives app authors the snippets that use it. */
@Controller()
export class DeployButtonController {
  constructor(
    private readonly buttons: DeployButtonService,
    private readonly publicPages: PublicPageResponder,
  ) {}

  /** The same for every install and every StackScript. */
  @Get('badge.svg')
  // Other sites embed it in an <img>; helmet's same-origin default stays on every other answer.
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  async badge(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.publicPages.send(await this.buttons.badge(), req, res);
  }

  @Get('s/:stackScriptId/button')
  @Header('Vary', 'HX-Request')
  async buttonPage(@StackScriptId() stackScriptId: number, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.publicPages.send(await this.buttons.page(stackScriptId), req, res);
  }
}
