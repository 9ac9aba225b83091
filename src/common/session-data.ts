/** What the app keeps in a browser's server-side session. Never tokens or passwords. */
import 'express-session';
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /**
     * A random id for this browser, kept across session-id rotation: sign-ins in flight and
     * deployments are bound to it (they live in the shared store under their own keys, so
     * concurrent requests from several tabs never overwrite each other's).
     */
    browserId: string;
  }
}

/** This browser's id, created on first need (128 bits). */
export function browserIdOf(req: Request): string {
  return (req.session.browserId ??= randomBytes(16).toString('base64url'));
}
