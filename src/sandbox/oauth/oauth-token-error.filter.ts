import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { OAuthTokenError, TokenErrorBody } from './oauth-token.error';
import { NO_STORE_HEADERS } from './response-headers';

/**
 * Every failure of `/oauth/token` and `/oauth/revoke` as an RFC 6749 §5.2 JSON error: ours, and
 * Nest's own (a malformed multipart body, too many fields) as `invalid_request`.
 */
@Catch()
export class OAuthTokenErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(OAuthTokenErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    response.status(status).set(NO_STORE_HEADERS).json(body);
  }

  private describe(exception: unknown): { status: number; body: TokenErrorBody } {
    if (exception instanceof OAuthTokenError) return { status: exception.status, body: exception.toBody() };
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return {
        status: exception.getStatus(),
        body: { error: 'invalid_request', error_description: exception.message },
      };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { status: 500, body: { error: 'server_error', error_description: 'The login service failed.' } };
  }
}
