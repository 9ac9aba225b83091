import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import passport from 'passport';
import { LinodeStrategy } from './linode.strategy';

/** The part of a response passport's `redirect` action writes: status, `Location`, end. */
class AuthorizeRedirect {
  statusCode = 0;
  private location: string | undefined;

  constructor(private readonly done: (location: string | undefined) => void) {}

  setHeader(name: string, value: string): void {
    if (name.toLowerCase() === 'location') this.location = value;
  }

  end(): void {
    this.done(this.location);
  }
}

type Middleware = (req: Request, res: AuthorizeRedirect, next: (err?: unknown) => void) => void;

/**
 * Starts a sign-in through passport's `linode` strategy for a stored draft. The strategy mints the
 * state (and the PKCE pair) into our store and builds Linode's authorize URL; that URL is taken from
 * its redirect, so the route answers it as a 302 or, for htmx, as `HX-Redirect` (OAuth must happen at
 * the top level, not inside an htmx swap).
 */
@Injectable()
export class LinodeSignIn {
  constructor(private readonly strategy: LinodeStrategy) {}

  authorizeUrl(req: Request, draftId: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const response = new AuthorizeRedirect((location) =>
        location ? resolve(location) : reject(new Error('the sign-in did not redirect to Linode')),
      );
      // passport-oauth2 hands `state` to our store as its meta (the draft); passport types it as a string.
      const options = { session: false, state: { draftId } as unknown as string };
      const authenticate = passport.authenticate('linode', options, (err: unknown) =>
        reject(err instanceof Error ? err : new Error('the sign-in could not start')),
      ) as Middleware;
      this.strategy.activate();
      authenticate(req, response, (err) => reject(err instanceof Error ? err : new Error('the sign-in could not start')));
    });
  }
}
