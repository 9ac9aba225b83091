import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Nest's Express adapter, except that a handler's Buffer goes out through Express's `res.send` as
 * bytes: Nest's own sends a Buffer as JSON. Public pages are kept as bytes, compressed once; a
 * StreamableFile would pipe the same bytes through a new stream on every request.
 */
export class BytesExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!Buffer.isBuffer(body)) return super.reply(response, body, statusCode);
    if (statusCode) response.status(statusCode);
    return response.send(body);
  }
}
