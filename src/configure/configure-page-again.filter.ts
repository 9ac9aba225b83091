import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { ConfigureViewModel } from './configure-view-model';

export const CONFIGURE_PAGE_VIEW = 'pages/configure';

/** Thrown by a form POST that does not go on to sign-in: the configure page again, with its status. */
export class ConfigurePageAgain extends Error {
  constructor(
    readonly viewModel: ConfigureViewModel,
    readonly status: 400 | 200,
  ) {
    super('The configure page again');
  }
}

/** Renders a `ConfigurePageAgain`, keeping the route's `@Header`s (no-store): Nest sets them before the handler runs. */
@Catch(ConfigurePageAgain)
export class ConfigurePageAgainFilter implements ExceptionFilter<ConfigurePageAgain> {
  catch(again: ConfigurePageAgain, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(again.status).render(CONFIGURE_PAGE_VIEW, again.viewModel);
  }
}
