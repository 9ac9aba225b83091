import { InternalOAuthError } from 'passport-oauth2';
import { LinodeOAuthError } from '../linode/linode-api.error';
import { describeExchangeFailure, exchangeStatusOf, isUnreachable, refusesPkce } from './token-exchange-failure';

describe('refusesPkce', () => {
  const oauthError = (error: string, description: string | null) =>
    new LinodeOAuthError({ status: 400, error, description, path: '/oauth/token' });

  it('recognises a login service that refuses the code_verifier or PKCE as such', () => {
    expect(refusesPkce(oauthError('invalid_request', 'code_verifier is not supported for confidential clients'))).toBe(true);
    expect(refusesPkce(oauthError('invalid_request', 'Unexpected parameter: code_challenge'))).toBe(true);
    expect(refusesPkce(oauthError('unsupported_pkce', null))).toBe(true);
  });

  it('leaves a verifier that does not match to invalid_grant: that is a forged or mixed-up code, not a refusal', () => {
    expect(refusesPkce(oauthError('invalid_grant', 'code_verifier does not match the code_challenge.'))).toBe(false);
  });

  it('ignores other errors', () => {
    expect(refusesPkce(oauthError('invalid_grant', 'The authorization code has expired.'))).toBe(false);
    expect(refusesPkce(new Error('code_verifier'))).toBe(false);
  });
});

describe('exchangeStatusOf', () => {
  it('is Linode’s status for a refusal the strategy read', () => {
    expect(exchangeStatusOf(new LinodeOAuthError({ status: 401, error: 'invalid_client', description: null, path: '/oauth/token' }))).toBe(
      401,
    );
  });

  it('is node-oauth’s status for an error answer without a body', () => {
    expect(exchangeStatusOf(new InternalOAuthError('Failed to obtain access token', { statusCode: 429, data: '' }))).toBe(429);
  });

  it('is `error` when Linode gave no answer, or one passport-oauth2 could not use', () => {
    expect(exchangeStatusOf(new InternalOAuthError('Failed to obtain access token', new Error('connect ECONNREFUSED')))).toBe('error');
    expect(exchangeStatusOf(new Error('Failed to obtain access token'))).toBe('error');
  });
});

describe('describeExchangeFailure', () => {
  it('says what happened, never quoting a body', () => {
    const empty = new InternalOAuthError('Failed to obtain access token', { statusCode: 503, data: '' });
    expect(describeExchangeFailure(empty, empty.oauthError)).toBe('Linode login POST /oauth/token answered 503 with an empty body');
    const network = new InternalOAuthError('Failed to obtain access token', new Error('connect ECONNREFUSED 127.0.0.1:9'));
    expect(describeExchangeFailure(network, network.oauthError)).toBe('connect ECONNREFUSED 127.0.0.1:9');
  });
});

describe('isUnreachable', () => {
  it('is true only when the exchange got no answer at all', () => {
    expect(isUnreachable(new InternalOAuthError('Failed to obtain access token', new Error('socket hang up')))).toBe(true);
    expect(isUnreachable(new InternalOAuthError('Failed to obtain access token', { statusCode: 502, data: '' }))).toBe(false);
    expect(isUnreachable(new LinodeOAuthError({ status: 500, error: 'server_error', description: null, path: '/oauth/token' }))).toBe(
      false,
    );
    expect(isUnreachable(new Error('Failed to obtain access token'))).toBe(false);
  });
});
