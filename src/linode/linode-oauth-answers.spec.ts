import { LinodeOAuthError, LinodeResponseError } from './linode-api.error';
import { oauthErrorFrom, readTokenAnswer } from './linode-oauth-answers';

const ACCESS = 'access-token-abcdef0123456789';
const REFRESH = 'refresh-token-abcdef0123456789';

const tokenAnswer = (extra: Record<string, unknown>) => ({
  access_token: ACCESS,
  refresh_token: REFRESH,
  token_type: 'bearer',
  expires_in: 7200,
  ...extra,
});

describe('readTokenAnswer', () => {
  it('returns the tokens and reads the granted scopes from `scopes`', () => {
    expect(readTokenAnswer(tokenAnswer({ scopes: 'linodes:read_write events:read_only' }))).toEqual({
      accessToken: ACCESS,
      refreshToken: REFRESH,
      expiresIn: 7200,
      scopes: ['linodes:read_write', 'events:read_only'],
    });
  });

  it('reads the granted scopes from `scope` too, comma-separated', () => {
    expect(readTokenAnswer(tokenAnswer({ scope: 'linodes:read_write,events:read_only' })).scopes).toEqual([
      'linodes:read_write',
      'events:read_only',
    ]);
  });

  it('gives no refresh token when Linode sends none, and no lifetime when it does not say', () => {
    expect(readTokenAnswer({ access_token: ACCESS, scopes: '*' })).toEqual({
      accessToken: ACCESS,
      refreshToken: null,
      expiresIn: null,
      scopes: ['*'],
    });
  });

  it('reads a lifetime sent as text (a form-encoded answer) as no lifetime rather than failing', () => {
    expect(readTokenAnswer(tokenAnswer({ expires_in: '7200', scopes: '*' })).expiresIn).toBeNull();
  });

  it('reports an answer without an access token, naming the field and never quoting the body', () => {
    const error = (() => {
      try {
        readTokenAnswer({ token_type: 'bearer', refresh_token: REFRESH });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LinodeResponseError);
    expect((error as Error).message).toContain('access_token is missing or invalid');
    expect((error as Error).message).not.toContain(REFRESH);
  });
});

describe('oauthErrorFrom', () => {
  const from = (status: number, text: string, contentType: string | null = 'application/json') =>
    oauthErrorFrom({ status, contentType, text }, '/oauth/token');

  it('reads an RFC 6749 error', () => {
    const error = from(400, JSON.stringify({ error: 'invalid_grant', error_description: 'The code has expired' }));
    expect(error).toBeInstanceOf(LinodeOAuthError);
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant', description: 'The code has expired' });
    expect(error.message).toBe('Linode login POST /oauth/token answered 400: invalid_grant (The code has expired)');
  });

  it('reads Linode’s API error envelope', () => {
    const error = from(401, JSON.stringify({ errors: [{ reason: 'Invalid client' }, { reason: 'Try again' }] }));
    expect(error).toMatchObject({ status: 401, error: 'unexpected_response', description: 'Invalid client; Try again' });
  });

  it('describes an HTML error page by status and type, without quoting it', () => {
    const error = from(403, '<html><h1>Access Denied for code=abc</h1></html>', 'text/html');
    expect(error).toMatchObject({
      status: 403,
      error: 'unexpected_response',
      description: 'Linode answered 403 with a body of type text/html instead of a JSON error',
    });
    expect(error.message).not.toContain('abc');
  });

  it('describes a body of unknown type when the type was not handed over', () => {
    expect(from(502, '<html></html>', null).description).toBe('Linode answered 502 with a body of type unknown instead of a JSON error');
  });
});
