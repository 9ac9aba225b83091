import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SANDBOX_OPTIONS, SandboxOptions } from '../sandbox.options';

/** An OAuth client as login.linode.com knows it (a confidential, "private" client). */
export interface SandboxOAuthClient {
  id: string;
  label: string;
  redirectUri: string;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The sandbox's registered OAuth clients: the one client its options describe. */
@Injectable()
export class SandboxClientRegistry {
  private readonly client: SandboxOAuthClient;

  constructor(@Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions) {
    this.client = { id: options.clientId, label: options.clientLabel, redirectUri: options.redirectUri };
  }

  find(clientId: string | null): SandboxOAuthClient | undefined {
    return clientId !== null && clientId === this.client.id ? this.client : undefined;
  }

  /** The client when both id and secret are right; undefined otherwise (RFC 6749 `invalid_client`). */
  authenticate(clientId: string | null, clientSecret: string | null): SandboxOAuthClient | undefined {
    const client = this.find(clientId);
    if (!client || clientSecret === null) return undefined;
    return sameSecret(clientSecret, this.options.clientSecret) ? client : undefined;
  }
}
