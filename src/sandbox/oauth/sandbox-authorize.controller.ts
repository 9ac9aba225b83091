import { All, Controller, Get, Post, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { NoFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { isCrossOriginPost } from './cross-origin-post';
import { FORM_LIMITS, isFormRequest } from './form-body';
import { forwardedPrefix } from './forwarded-prefix';
import { LoginPageErrorFilter } from './login-page-error.filter';
import { renderConsentPage, renderErrorPage } from './login-pages';
import { parameterSource } from './request-parameters';
import { LOGIN_PAGE_HEADERS } from './response-headers';
import { AuthorizeOutcome, SandboxAuthorizeService } from './sandbox-authorize.service';

/** login.linode.com's `/oauth/authorize`: the consent page and its form. */
@Controller('oauth/authorize')
@UseFilters(LoginPageErrorFilter)
export class SandboxAuthorizeController {
  constructor(private readonly authorizeService: SandboxAuthorizeService) {}

  @Get()
  authorize(@Req() request: Request, @Res() response: Response): void {
    send(response, this.authorizeService.authorize(parameterSource(request.query)), forwardedPrefix(request));
  }

  @Post()
  @UseInterceptors(NoFilesInterceptor({ limits: FORM_LIMITS }))
  decide(@Req() request: Request, @Res() response: Response): void {
    if (isCrossOriginPost(request)) {
      response.status(403).set(LOGIN_PAGE_HEADERS).type('html').send(renderErrorPage('This consent form was not sent from this page.'));
      return;
    }
    if (!isFormRequest(request)) {
      send(response, { kind: 'error-page', message: 'The consent form must be posted as a form.' });
      return;
    }
    send(response, this.authorizeService.decide(parameterSource(request.body)), forwardedPrefix(request));
  }

  @All()
  methodNotAllowed(@Res() response: Response): void {
    response
      .status(405)
      .set(LOGIN_PAGE_HEADERS)
      .set('Allow', 'GET, HEAD, POST')
      .type('html')
      .send(renderErrorPage('This method is not allowed here.'));
  }
}

function send(response: Response, outcome: AuthorizeOutcome, pathPrefix = ''): void {
  response.set(LOGIN_PAGE_HEADERS);
  switch (outcome.kind) {
    case 'redirect':
      response.redirect(302, outcome.location);
      return;
    case 'error-page':
      response.status(400).type('html').send(renderErrorPage(outcome.message));
      return;
    case 'consent-page':
      response.status(outcome.status).type('html').send(renderConsentPage(outcome.model, pathPrefix));
      return;
  }
}
