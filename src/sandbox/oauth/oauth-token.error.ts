/** Error responses of the token and revoke endpoints (RFC 6749 §5.2, RFC 7009 §2.2.1). */
export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'server_error';

export interface TokenErrorBody {
  error: TokenErrorCode;
  error_description: string;
}

export class OAuthTokenError extends Error {
  /** `invalid_client` is 401 (RFC 6749 §5.2), everything else 400. */
  readonly status: number;

  constructor(
    readonly code: TokenErrorCode,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
    this.status = code === 'invalid_client' ? 401 : 400;
  }

  toBody(): TokenErrorBody {
    return { error: this.code, error_description: this.description };
  }
}
