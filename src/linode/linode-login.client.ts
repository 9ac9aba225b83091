import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { LinodeHttp, type LinodeHttpOptions } from './linode-http';
import { oauthErrorFrom } from './linode-oauth-answers';

/** What came of one revoke: `refused` (4xx other than 429) is final, `unavailable` may be retried. */
export type RevokeOutcome = 'revoked' | 'refused' | 'unavailable';

const REVOKE_PATH = '/oauth/revoke';

/**
 * Gives tokens back to login.linode.com as a confidential client. Signing in is the passport
 * strategy's job (auth/linode.strategy.ts).
 */
export class LinodeLoginClient {
  private readonly http: LinodeHttp;
  private readonly logger = new Logger(LinodeLoginClient.name);

  constructor(
    private readonly config: Pick<AppConfig, 'linode'>,
    options: LinodeHttpOptions,
  ) {
    this.http = new LinodeHttp('Linode login', config.linode.loginUrl, options);
  }

  /**
   * Revokes an access token (and with it its refresh token). Never throws: a failed revoke must not
   * turn a finished deployment into an error page. Failures are logged without the token.
   */
  async revokeToken(token: string): Promise<RevokeOutcome> {
    const { clientId, clientSecret } = this.config.linode;
    const body = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, token, token_type_hint: 'access_token' });
    try {
      // Revoking twice is harmless (RFC 7009), so it is retried like a read.
      const response = await this.http.send({ method: 'POST', path: REVOKE_PATH, endpoint: REVOKE_PATH, body });
      if (response.ok) return 'revoked';
      this.logger.warn(`Revoking a Linode token failed: ${oauthErrorFrom(response, REVOKE_PATH).message}`);
      return response.status === 429 || response.status >= 500 ? 'unavailable' : 'refused';
    } catch (error) {
      // Our own errors never carry the token; anything else is reduced to its message.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Revoking a Linode token failed: ${reason}`);
      return 'unavailable';
    }
  }
}
