/** What the app keeps in a browser's server-side session. Never tokens or passwords. */
import 'express-session';

export interface PendingAuthorization {
  /** PKCE code verifier for this attempt. */
  codeVerifier: string;
  /** Id of the validated deployment draft this sign-in will deploy. */
  draftId: string;
  createdAt: number;
}

declare module 'express-session' {
  interface SessionData {
    /** Synchronizer CSRF token for this browser. */
    csrfToken: string;
    /** Sign-ins in flight, keyed by their OAuth `state` (several tabs may each have one). */
    pendingAuthorizations: Record<string, PendingAuthorization>;
    /** Ids of deployments this browser created: only they can be viewed from it. */
    deploymentIds: string[];
  }
}
