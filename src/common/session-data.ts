/** What the app keeps in a browser's server-side session. Never tokens or passwords. */
import 'express-session';
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** This browser's random id, kept across session-id rotation: sign-ins and deployments are bound to it. */
    browserId: string;
    /** The draft this browser's next sign-in is for (set by the configure form). */
    draftId?: string;
  }
}

/** This browser's id, created on first need (128 bits). */
export function browserIdOf(req: Request): string {
  return (req.session.browserId ??= randomBytes(16).toString('base64url'));
}
