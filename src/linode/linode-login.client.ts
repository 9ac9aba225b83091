import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { LinodeHttp, USER_AGENT, type HttpResponse, type LinodeHttpOptions } from './linode-http';
import { oauthErrorFrom } from './linode-oauth-answers';

/** What came of one revoke: `refused` (4xx other than 429) is final, `unavailable` may be retried. */
export type RevokeOutcome = 'revoked' | 'refused' | 'unavailable';

const REVOKE_PATH = '/oauth/revoke';

/**
 * Gives tokens back to login.linode.com (`/oauth/revoke`) as a confidential client. Signing in is
 * the passport strategy's job (auth/linode.strategy.ts).
 */
export class LinodeLoginClient {
  private readonly http: LinodeHttp;
  private readonly loginUrl: string;
  private readonly logger = new Logger(LinodeLoginClient.name);

  constructor(
    private readonly config: Pick<AppConfig, 'linode'>,
    options: LinodeHttpOptions = {},
  ) {
    this.loginUrl = config.linode.loginUrl.replace(/\/+$/, '');
    this.http = new LinodeHttp('Linode login', options);
  }

  /**
   * Revokes an access token (and with it its refresh token). Never throws: a failed revoke must not
   * turn a finished deployment into an error page. Failures are logged without the token.
   */
  async revokeToken(token: string): Promise<RevokeOutcome> {
    try {
      const response = await this.revoke(token);
      if (response.status >= 200 && response.status <= 299) return 'revoked';
      const refusal = oauthErrorFrom(
        { status: response.status, contentType: response.headers.get('content-type'), text: response.text },
        REVOKE_PATH,
      );
      this.logger.warn(`Revoking a Linode token failed: ${refusal.message}`);
      return response.status === 429 || response.status >= 500 ? 'unavailable' : 'refused';
    } catch (error) {
      // Our own errors never carry the token; anything else is reduced to its message.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Revoking a Linode token failed: ${reason}`);
      return 'unavailable';
    }
  }

  /** Revoking twice is harmless (RFC 7009), so it is retried like a read. */
  private revoke(token: string): Promise<HttpResponse> {
    const body = new URLSearchParams({
      client_id: this.config.linode.clientId,
      client_secret: this.config.linode.clientSecret,
      token,
      token_type_hint: 'access_token',
    });
    return this.http.send({
      method: 'POST',
      url: `${this.loginUrl}${REVOKE_PATH}`,
      path: REVOKE_PATH,
      endpoint: REVOKE_PATH,
      headers: { Accept: 'application/json', 'User-Agent': USER_AGENT, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      retry: 'transient',
    });
  }
}
