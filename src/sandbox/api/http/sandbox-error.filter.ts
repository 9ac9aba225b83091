import { ArgumentsHost, Catch, HttpException, Injectable, Logger } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { SandboxApiError, LinodeErrorItem, reasonForStatus } from './sandbox-api.error';
import { SandboxRouteTable } from './sandbox-route-table';

/** Paths answered in JSON with Linode's error envelope; everything else keeps Nest's default handling. */
export function isEnvelopePath(path: string): boolean {
  return /^\/(v4|__sandbox)(\/|$)/.test(path);
}

export const INVALID_JSON_REASON = 'Invalid JSON in request body';

interface Rendered {
  status: number;
  errors: LinodeErrorItem[];
  headers: Record<string, string>;
}

/** body-parser's errors carry `status`, `expose` and a `type` such as `entity.parse.failed`. */
function bodyParserError(exception: unknown): { status: number; type: string; message: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const candidate = exception as { status?: unknown; type?: unknown; expose?: unknown; message?: unknown };
  if (typeof candidate.status !== 'number' || typeof candidate.type !== 'string' || candidate.expose !== true) return null;
  return { status: candidate.status, type: candidate.type, message: typeof candidate.message === 'string' ? candidate.message : '' };
}

/**
 * Every error under /v4 and /__sandbox leaves as `{"errors":[{"field"?, "reason"}]}`: thrown API
 * errors, unknown routes (404 `Not found`), known paths with another method (405), malformed JSON
 * bodies (400) and unexpected failures (500, logged).
 */
@Catch()
@Injectable()
export class SandboxErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('SandboxApi');

  constructor(
    private readonly routes: SandboxRouteTable,
    adapterHost: HttpAdapterHost,
  ) {
    super(adapterHost.httpAdapter);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (!isEnvelopePath(request.path)) return super.catch(exception, host);
    if (response.headersSent) return;
    const { status, errors, headers } = this.render(exception, request);
    response.status(status).set(headers).json({ errors });
  }

  private render(exception: unknown, request: Request): Rendered {
    if (exception instanceof SandboxApiError) {
      return { status: exception.status, errors: exception.errors, headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) {
        const allowed = this.routes.allowedMethods(request.path);
        if (allowed.length > 0) {
          return { status: 405, errors: [{ reason: reasonForStatus(405) }], headers: { Allow: allowed.join(', ') } };
        }
      }
      // Nest turns body-parser's SyntaxError into a BadRequestException carrying its message.
      const invalidJson = status === 400 && /JSON/.test(exception.message);
      return { status, errors: [{ reason: invalidJson ? INVALID_JSON_REASON : reasonForStatus(status) }], headers: {} };
    }
    const parserError = bodyParserError(exception);
    if (parserError) {
      const reason = parserError.type === 'entity.parse.failed' ? INVALID_JSON_REASON : reasonForStatus(parserError.status);
      return { status: parserError.status, errors: [{ reason }], headers: {} };
    }
    this.logger.error(`${request.method} ${request.path} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    return { status: 500, errors: [{ reason: reasonForStatus(500) }], headers: {} };
  }
}
