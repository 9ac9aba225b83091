/** What the app keeps in a browser's server-side session. Never tokens or passwords. */
import 'express-session';
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /**
     * A random id for this browser, kept across session-id rotation: sign-ins in flight and
     * deployments are bound to it, in the shared store under their own keys.
     */
    browserId: string;
    /** The draft this browser's next sign-in is for (set by the configure form). */
    draftId?: string;
  }
}

/** This browser's id, created on first need (128 bits). */
export function browserIdOf(req: Request): string {
  return (req.session.browserId ??= randomBytes(16).toString('base64url'));
}
