import type { Request } from 'express';

/**
 * A new session id at sign-in (against session fixation), keeping this browser's id (its other
 * tabs' sign-ins and its deployments are bound to it).
 */
export function regenerateSession(req: Request): Promise<void> {
  const browserId = req.session.browserId;
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      if (browserId) req.session.browserId = browserId;
      resolve();
    });
  });
}
