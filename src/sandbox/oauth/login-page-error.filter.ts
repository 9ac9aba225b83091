import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { renderErrorPage } from './login-pages';
import { LOGIN_PAGE_HEADERS } from './response-headers';

/** Failures around the authorize endpoint (e.g. a malformed form body) as the HTML error page. */
@Catch()
export class LoginPageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(LoginPageErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let message = 'The login service failed.';
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      status = exception.getStatus();
      message = exception.message;
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    response.status(status).set(LOGIN_PAGE_HEADERS).type('html').send(renderErrorPage(message));
  }
}
