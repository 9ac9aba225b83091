import type { Request } from 'express';
import type { SessionData } from 'express-session';

/**
 * A new session id at sign-in (against session fixation), keeping what this browser already had:
 * its other tabs' pending sign-ins and its deployments. The CSRF token is renewed.
 */
export function regenerateSession(req: Request): Promise<void> {
  const keep: Partial<SessionData> = {
    pendingAuthorizations: req.session.pendingAuthorizations,
    deploymentIds: req.session.deploymentIds,
  };
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      if (keep.pendingAuthorizations) req.session.pendingAuthorizations = keep.pendingAuthorizations;
      if (keep.deploymentIds) req.session.deploymentIds = keep.deploymentIds;
      resolve();
    });
  });
}
