import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HttpResponse, LinodeHttp, LinodeHttpOptions } from './linode-http';
import { oauthErrorFrom } from './linode-oauth-answers';

/** What came of one revoke: `refused` (4xx other than 429) is final, `unavailable` may be retried. */
export type RevokeOutcome = 'revoked' | 'refused' | 'unavailable';

export interface LinodeLoginClientOptions extends LinodeHttpOptions {
  logger?: Pick<Logger, 'warn'>;
}

export const LINODE_LOGIN_CLIENT_OPTIONS = Symbol('LINODE_LOGIN_CLIENT_OPTIONS');

const SERVICE = 'Linode login';
const REVOKE_PATH = '/oauth/revoke';

/**
 * Giving a token back to login.linode.com (`/oauth/revoke`) as a confidential client. Revoking is
 * retried like a GET (RFC 7009: revoking twice is harmless) and never throws. Signing in (the
 * authorize URL and the code exchange) is the passport strategy's job (auth/linode.strategy.ts).
 */
@Injectable()
export class LinodeLoginClient {
  private readonly http: LinodeHttp;
  private readonly loginUrl: string;
  private readonly logger: Pick<Logger, 'warn'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'linode'>,
    @Optional() @Inject(LINODE_LOGIN_CLIENT_OPTIONS) options: LinodeLoginClientOptions = {},
  ) {
    this.loginUrl = config.linode.loginUrl.replace(/\/+$/, '');
    this.http = new LinodeHttp(SERVICE, options);
    this.logger = options.logger ?? new Logger(LinodeLoginClient.name);
  }

  /**
   * Revokes an access token (and with it its refresh token). Never throws: a failed revoke must not
   * turn a finished deployment into an error page. Tells a failure worth retrying later
   * (`unavailable`: 5xx, 429, network) from one that is not (`refused`: any other 4xx — the token is
   * already gone or the request is wrong); failures are logged without the token.
   */
  async revokeToken(token: string): Promise<RevokeOutcome> {
    try {
      const response = await this.post(REVOKE_PATH, { token, token_type_hint: 'access_token' });
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

  /** Revoking is idempotent (RFC 7009), so it is retried like a GET. */
  private post(path: string, form: Record<string, string>): Promise<HttpResponse> {
    const body = new URLSearchParams({
      client_id: this.config.linode.clientId,
      client_secret: this.config.linode.clientSecret,
      ...form,
    });
    return this.http.send({
      method: 'POST',
      url: `${this.loginUrl}${path}`,
      path,
      endpoint: path,
      headers: {
        Accept: 'application/json',
        'User-Agent': this.http.userAgent,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
      retry: 'idempotent',
    });
  }
}
