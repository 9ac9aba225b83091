import { LinodeOAuthError, LinodeResponseError, linodeErrorsFromBody, parseJsonOrUndefined } from './linode-api.error';
import { parseScopes } from './contract/oauth-scopes';
import { tokenResponseReader } from './linode.readers';

/** What a code exchange gives the app, read from Linode's token answer. */
export interface LinodeTokenSet {
  accessToken: string;
  /** Linode's refresh token, when it sent one (the app never refreshes: it revokes when done). */
  refreshToken: string | null;
  /** Seconds (Linode: 7200); null when Linode's answer did not say. */
  expiresIn: number | null;
  /** Granted scopes, which the user may have trimmed on the consent page. */
  scopes: string[];
}

export const TOKEN_PATH = '/oauth/token';

/**
 * Reads a 2xx answer of login.linode.com's token endpoint. An answer without an access token throws
 * a LinodeResponseError that names fields only: the messages of a failed parse could quote a token.
 */
export function readTokenAnswer(answer: unknown): LinodeTokenSet {
  const parsed = tokenResponseReader.safeParse(answer);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new LinodeResponseError({
      service: 'Linode login',
      method: 'POST',
      path: TOKEN_PATH,
      status: 200,
      issues: answer === undefined ? ['the body is not JSON'] : fields.map((field) => `${field} is missing or invalid`),
    });
  }
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token ?? null,
    expiresIn: parsed.data.expires_in,
    scopes: parseScopes(parsed.data.scopes),
  };
}

function hasOAuthError(json: unknown): json is { error: string; error_description?: unknown } {
  return typeof json === 'object' && json !== null && 'error' in json && typeof json.error === 'string';
}

/**
 * A login endpoint's refusal as a LinodeOAuthError: RFC 6749 §5.2 error JSON, Linode's API error
 * envelope (`errors[].reason`), or anything else (an HTML page: described, never quoted).
 */
export function oauthErrorFrom(answer: { status: number; contentType: string | null; text: string }, path: string): LinodeOAuthError {
  const json = parseJsonOrUndefined(answer.text);
  if (hasOAuthError(json)) {
    const description = typeof json.error_description === 'string' ? json.error_description : null;
    return new LinodeOAuthError({ status: answer.status, error: json.error, description, path });
  }
  const description = linodeErrorsFromBody(answer.status, answer.contentType, answer.text)
    .map((error) => error.reason)
    .join('; ');
  return new LinodeOAuthError({ status: answer.status, error: 'unexpected_response', description, path });
}
