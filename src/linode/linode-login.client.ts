import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { describeUnexpectedBody, LinodeOAuthError, LinodeResponseError, parseJsonOrUndefined } from './linode-api.error';
import { HttpResponse, LinodeHttp, LinodeHttpOptions, type RetryMode } from './linode-http';
import { tokenResponseReader } from './linode.readers';
import { parseScopes } from './contract/oauth-scopes';

export interface ExchangeCodeParams {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
}

export interface LinodeTokenSet {
  accessToken: string;
  /** Linode rotates refresh tokens: store the new one after every refresh. */
  refreshToken: string | null;
  /** Seconds (Linode: 7200); null when Linode's answer did not say. */
  expiresIn: number | null;
  /** Granted scopes, which the user may have trimmed on the consent page. */
  scopes: string[];
}

/** What came of one revoke: `refused` (4xx other than 429) is final, `unavailable` may be retried. */
export type RevokeOutcome = 'revoked' | 'refused' | 'unavailable';

export interface LinodeLoginClientOptions extends LinodeHttpOptions {
  logger?: Pick<Logger, 'warn'>;
}

export const LINODE_LOGIN_CLIENT_OPTIONS = Symbol('LINODE_LOGIN_CLIENT_OPTIONS');

const SERVICE = 'Linode login';

/**
 * The OAuth 2 side of Linode (login.linode.com) for a confidential client: code exchange, refresh
 * and revoke (the passport strategy builds the authorize URL). Token requests are retried only on
 * 429 (a code is single-use and a refresh token rotates, so a retry after a timeout could not
 * succeed); revoking is retried like a GET (RFC 7009: revoking twice is harmless) and never throws.
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

  /** Trades the callback's code for tokens. Throws `LinodeOAuthError` when Linode refuses. */
  async exchangeCode(params: ExchangeCodeParams): Promise<LinodeTokenSet> {
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
    };
    if (params.codeVerifier !== undefined) form.code_verifier = params.codeVerifier;
    return this.requestToken(form);
  }

  async refresh(refreshToken: string): Promise<LinodeTokenSet> {
    return this.requestToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /**
   * Revokes an access token (and with it its refresh token). Linode's endpoint is not guaranteed
   * to stay, and a failed revoke must not turn a finished deployment into an error page: failures
   * are logged and reported as `false`, never thrown.
   */
  async revoke(token: string): Promise<boolean> {
    return (await this.revokeToken(token)) === 'revoked';
  }

  /**
   * Like `revoke`, telling a failure worth retrying (`unavailable`: 5xx, 429, network) from one
   * that is not (`refused`: any other 4xx — the token is already gone or the request is wrong).
   */
  async revokeToken(token: string): Promise<RevokeOutcome> {
    try {
      const response = await this.post('/oauth/revoke', { token, token_type_hint: 'access_token' }, 'idempotent');
      if (response.status >= 200 && response.status <= 299) return 'revoked';
      this.logger.warn(`Revoking a Linode token failed: ${oauthErrorFrom(response, '/oauth/revoke').message}`);
      return response.status === 429 || response.status >= 500 ? 'unavailable' : 'refused';
    } catch (error) {
      // Our own errors never carry the token; anything else is reduced to its message.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Revoking a Linode token failed: ${reason}`);
      return 'unavailable';
    }
  }

  private async requestToken(form: Record<string, string>): Promise<LinodeTokenSet> {
    const path = '/oauth/token';
    const response = await this.post(path, form, 'rate-limited-only');
    const json = parseJsonOrUndefined(response.text);
    if (response.status < 200 || response.status > 299 || hasOAuthError(json)) {
      throw oauthErrorFrom(response, path);
    }
    const parsed = tokenResponseReader.safeParse(json);
    if (!parsed.success) {
      // Issue paths only: the messages could quote a token.
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
      throw new LinodeResponseError({
        service: SERVICE,
        method: 'POST',
        path,
        status: response.status,
        issues: json === undefined ? ['the body is not JSON'] : fields.map((field) => `${field} is missing or invalid`),
      });
    }
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token ?? null,
      expiresIn: parsed.data.expires_in,
      scopes: parseScopes(parsed.data.scopes),
    };
  }

  /**
   * `retry`: revoking is idempotent (RFC 7009), so it is retried like a GET; a token request is
   * retried only on 429, when the code or refresh token was certainly not consumed.
   */
  private post(path: string, form: Record<string, string>, retry: RetryMode): Promise<HttpResponse> {
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
      retry,
    });
  }
}

function hasOAuthError(json: unknown): json is { error: string; error_description?: unknown } {
  return typeof json === 'object' && json !== null && 'error' in json && typeof json.error === 'string';
}

/** RFC 6749 §5.2 error JSON, Linode's API error envelope, or anything else (an HTML page). */
function oauthErrorFrom(response: HttpResponse, path: string): LinodeOAuthError {
  const json = parseJsonOrUndefined(response.text);
  if (hasOAuthError(json)) {
    const description = typeof json.error_description === 'string' ? json.error_description : null;
    return new LinodeOAuthError({ status: response.status, error: json.error, description, path });
  }
  const reasons =
    typeof json === 'object' && json !== null && 'errors' in json && Array.isArray(json.errors)
      ? json.errors
          .map((entry: unknown) => (typeof entry === 'object' && entry !== null && 'reason' in entry ? String(entry.reason) : null))
          .filter((reason): reason is string => reason !== null)
      : [];
  const description =
    reasons.length > 0 ? reasons.join('; ') : describeUnexpectedBody(response.status, response.headers.get('content-type'), response.text);
  return new LinodeOAuthError({ status: response.status, error: 'unexpected_response', description, path });
}
