import { Controller, Get, Header, Render } from '@nestjs/common';
import { PublicPage } from '../views/public-page';
import { BADGE_TEXT, DeployButtonService } from './deploy-button.service';
import { StackScriptId } from './stackscript-id.pipe';

/** The "Deploy on Linode" badge, and the page that gives app authors the snippets that use it. */
@Controller()
export class DeployButtonController {
  constructor(private readonly buttons: DeployButtonService) {}

  /** The same for every install and every StackScript. */
  @Get('badge.svg')
  @Render('pages/badge')
  @PublicPage()
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  // Other sites embed it in an <img>; helmet's same-origin default stays on every other answer.
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  badge() {
    return { layout: false, text: BADGE_TEXT };
  }

  @Get('s/:stackScriptId/button')
  @Render('pages/deploy-button')
  @PublicPage()
  @Header('Vary', 'HX-Request')
  async buttonPage(@StackScriptId() stackScriptId: number) {
    return this.buttons.page(stackScriptId);
  }
}
