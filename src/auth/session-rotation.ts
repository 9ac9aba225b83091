import { promisify } from 'node:util';
import type { Request } from 'express';

/**
 * A new session id at sign-in (against session fixation), keeping this browser's id (its other
 * tabs' sign-ins and its deployments are bound to it).
 */
export async function regenerateSession(req: Request): Promise<void> {
  const browserId = req.session.browserId;
  await promisify(req.session.regenerate.bind(req.session))();
  if (browserId) req.session.browserId = browserId;
}
