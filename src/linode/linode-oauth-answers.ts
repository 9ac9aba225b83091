import { z } from 'zod/v4';
import { LinodeOAuthError, LinodeResponseError, linodeErrorsFromBody, parseJsonOrUndefined, type LinodeAnswer } from './linode-api.error';
import { parseScopes } from './contract/oauth-scopes';
import { nullableString, optionalString } from './linode.readers';

/** What a code exchange gives the app, read from Linode's token answer. */
export interface LinodeTokenSet {
  accessToken: string;
  /** The app never refreshes: it revokes when done. */
  refreshToken: string | null;
  /** Seconds (Linode: 7200); null when Linode's answer did not say. */
  expiresIn: number | null;
  /** Granted scopes, which the user may have trimmed on the consent page. */
  scopes: string[];
}

export const TOKEN_PATH = '/oauth/token';

/** Linode sends `scopes` (and `scope`); a lifetime that is not a number reads as none. */
const tokenAnswerReader = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().nullable().catch(null),
  refresh_token: nullableString,
  scopes: optionalString,
  scope: optionalString,
});

/**
 * Reads a 2xx answer of the token endpoint. A failed read names fields only: the messages of a
 * failed parse could quote a token.
 */
export function readTokenAnswer(answer: unknown): LinodeTokenSet {
  const parsed = tokenAnswerReader.safeParse(answer);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new LinodeResponseError({
      service: 'Linode login',
      method: 'POST',
      path: TOKEN_PATH,
      status: 200,
      issues: fields.map((field) => `${field} is missing or invalid`),
    });
  }
  const { access_token, refresh_token, expires_in, scopes, scope } = parsed.data;
  return { accessToken: access_token, refreshToken: refresh_token, expiresIn: expires_in, scopes: parseScopes(scopes ?? scope ?? '') };
}

const oauthErrorReader = z.object({ error: z.string(), error_description: nullableString });

/**
 * A login endpoint's refusal: RFC 6749 §5.2 error JSON, Linode's API error envelope, or anything
 * else (an HTML page: described, never quoted).
 */
export function oauthErrorFrom(answer: LinodeAnswer, path: string): LinodeOAuthError {
  const oauth = oauthErrorReader.safeParse(parseJsonOrUndefined(answer.text));
  if (oauth.success) {
    return new LinodeOAuthError({ status: answer.status, error: oauth.data.error, description: oauth.data.error_description, path });
  }
  const description = linodeErrorsFromBody(answer)
    .map((error) => error.reason)
    .join('; ');
  return new LinodeOAuthError({ status: answer.status, error: 'unexpected_response', description, path });
}
