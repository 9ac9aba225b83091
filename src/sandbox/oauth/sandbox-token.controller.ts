import { All, Controller, Header, HttpCode, Post, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { NoFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { FORM_LIMITS, isFormRequest } from './form-body';
import { OAuthTokenErrorFilter } from './oauth-token-error.filter';
import { OAuthTokenError } from './oauth-token.error';
import { parameterSource, ParameterSource } from './request-parameters';
import { NO_STORE_HEADERS } from './response-headers';
import { SandboxTokenGrantService, SandboxTokenResponse } from './sandbox-token-grant.service';

/** Form fields of a token or revoke request: urlencoded or multipart (Cloud Manager posts FormData). */
function formOf(request: Request): ParameterSource {
  if (!isFormRequest(request)) {
    throw new OAuthTokenError('invalid_request', 'Send the request as application/x-www-form-urlencoded or multipart/form-data.');
  }
  return parameterSource(request.body);
}

/** login.linode.com's `/oauth/token` (code exchange, refresh) and `/oauth/revoke`. */
@Controller('oauth')
@UseFilters(OAuthTokenErrorFilter)
export class SandboxTokenController {
  constructor(private readonly grants: SandboxTokenGrantService) {}

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', NO_STORE_HEADERS['Cache-Control'])
  @Header('Pragma', NO_STORE_HEADERS.Pragma)
  @UseInterceptors(NoFilesInterceptor({ limits: FORM_LIMITS }))
  token(@Req() request: Request): SandboxTokenResponse {
    return this.grants.grant(formOf(request));
  }

  @Post('revoke')
  @HttpCode(200)
  @Header('Cache-Control', NO_STORE_HEADERS['Cache-Control'])
  @UseInterceptors(NoFilesInterceptor({ limits: FORM_LIMITS }))
  revoke(@Req() request: Request): Record<string, never> {
    this.grants.revoke(formOf(request));
    return {};
  }

  @All(['token', 'revoke'])
  methodNotAllowed(@Res() response: Response): void {
    response
      .status(405)
      .set(NO_STORE_HEADERS)
      .set('Allow', 'POST')
      .json({ error: 'invalid_request', error_description: 'Only POST is allowed here.' });
  }
}
