/**
 * Validation of an authorize request (RFC 6749 §4.1.1, §4.1.2.1; RFC 7636 §4.3). A bad client or
 * redirect URI is never redirected (the redirect target cannot be trusted); every other error goes
 * back to the client's redirect URI with `error`, `error_description` and `state`.
 */
import { parseScopes } from '../../linode/contract/oauth-scopes';
import { isKnownScope } from './known-scopes';
import { isWellFormedPkceValue } from './pkce';
import { isRedirectUriUnder, withQueryParameters } from './redirect-uri';
import { ParameterSource, readParameter } from './request-parameters';
import type { SandboxOAuthClient } from './sandbox-client.registry';

export type AuthorizeErrorCode = 'invalid_request' | 'unsupported_response_type' | 'invalid_scope' | 'access_denied';

export interface AuthorizationRequest {
  client: SandboxOAuthClient;
  /** Where the code or the error goes: the client's `redirect_uri`, else the registered one. */
  redirectUri: string;
  /** `redirect_uri` as the client sent it; null when it relied on the registered one. */
  givenRedirectUri: string | null;
  requestedScopes: string[];
  /** The requested scope string as sent; null when the client asked for none (meaning `*`). */
  scope: string | null;
  state: string | null;
  /** S256 challenge; null without PKCE. */
  codeChallenge: string | null;
}

export type AuthorizationCheck =
  | { kind: 'valid'; request: AuthorizationRequest }
  /** Shown as an error page with 400, never redirected. */
  | { kind: 'refused'; message: string }
  | { kind: 'redirect-error'; error: AuthorizeErrorCode; location: string };

/**
 * Where the requested scopes come from. On the authorize URL either `scope` (Cloud Manager, the
 * docs) or `scopes` (linode_api4-python). On the consent form, `scopes` are the checkboxes (what
 * the user grants), so the request travels in `scope` only.
 */
export type ScopeSource = 'authorize-url' | 'consent-form';

/** Linode grants everything when no scope is named (UNVERIFIED; python's default URL names none). */
const DEFAULT_SCOPES = ['*'];

export type ClientLookup = (clientId: string | null) => SandboxOAuthClient | undefined;

export function authorizeErrorLocation(redirectUri: string, error: AuthorizeErrorCode, description: string, state: string | null): string {
  return withQueryParameters(redirectUri, { error, error_description: description, state });
}

export function checkAuthorizationRequest(source: ParameterSource, findClient: ClientLookup, scopeSource: ScopeSource): AuthorizationCheck {
  const clientId = readParameter(source, 'client_id');
  if (clientId.kind === 'absent') return { kind: 'refused', message: 'The request has no client_id.' };
  const client = clientId.kind === 'value' ? findClient(clientId.value) : undefined;
  if (!client) return { kind: 'refused', message: 'There is no OAuth client with this client_id.' };

  const redirect = readParameter(source, 'redirect_uri');
  if (redirect.kind === 'malformed') return { kind: 'refused', message: 'redirect_uri is given more than once.' };
  const givenRedirectUri = redirect.kind === 'value' ? redirect.value : null;
  if (givenRedirectUri !== null && !isRedirectUriUnder(givenRedirectUri, client.redirectUri)) {
    return {
      kind: 'refused',
      message: "redirect_uri is not under this client's registered redirect URI.",
    };
  }
  const redirectUri = givenRedirectUri ?? client.redirectUri;

  const stateParameter = readParameter(source, 'state');
  const state = stateParameter.kind === 'value' ? stateParameter.value : null;
  const fail = (error: AuthorizeErrorCode, description: string): AuthorizationCheck => ({
    kind: 'redirect-error',
    error,
    location: authorizeErrorLocation(redirectUri, error, description, state),
  });
  if (stateParameter.kind === 'malformed') return fail('invalid_request', 'state is given more than once.');

  const responseType = readParameter(source, 'response_type');
  if (responseType.kind === 'absent') return fail('invalid_request', 'response_type is required.');
  if (responseType.kind === 'malformed') return fail('invalid_request', 'response_type is given more than once.');
  if (responseType.value !== 'code') {
    return fail('unsupported_response_type', 'Only response_type=code is supported.');
  }

  const scope = readScope(source, scopeSource);
  if (scope.kind === 'malformed') return fail('invalid_request', scope.description);
  const requestedScopes = scope.value === null ? [] : parseScopes(scope.value);
  const unknown = requestedScopes.filter((name) => !isKnownScope(name));
  if (unknown.length > 0) return fail('invalid_scope', `Unknown scope: ${unknown.join(', ')}.`);

  const pkce = readPkce(source);
  if (pkce.kind === 'malformed') return fail('invalid_request', pkce.description);

  return {
    kind: 'valid',
    request: {
      client,
      redirectUri,
      givenRedirectUri,
      requestedScopes: requestedScopes.length > 0 ? requestedScopes : DEFAULT_SCOPES,
      scope: requestedScopes.length > 0 ? scope.value : null,
      state,
      codeChallenge: pkce.challenge,
    },
  };
}

type ScopeReading = { kind: 'value'; value: string | null } | { kind: 'malformed'; description: string };

function readScope(source: ParameterSource, scopeSource: ScopeSource): ScopeReading {
  const scope = readParameter(source, 'scope');
  const scopes = scopeSource === 'authorize-url' ? readParameter(source, 'scopes') : { kind: 'absent' as const };
  if (scope.kind === 'malformed' || scopes.kind === 'malformed') {
    return { kind: 'malformed', description: 'scope is given more than once.' };
  }
  if (scope.kind === 'value' && scopes.kind === 'value') {
    return { kind: 'malformed', description: 'Send the scopes as either scope or scopes, not both.' };
  }
  const value = scope.kind === 'value' ? scope.value : scopes.kind === 'value' ? scopes.value : null;
  return { kind: 'value', value };
}

type PkceReading = { kind: 'value'; challenge: string | null } | { kind: 'malformed'; description: string };

function readPkce(source: ParameterSource): PkceReading {
  const challenge = readParameter(source, 'code_challenge');
  const method = readParameter(source, 'code_challenge_method');
  if (challenge.kind === 'malformed' || method.kind === 'malformed') {
    return { kind: 'malformed', description: 'code_challenge is given more than once.' };
  }
  if (challenge.kind === 'absent') {
    return method.kind === 'absent'
      ? { kind: 'value', challenge: null }
      : { kind: 'malformed', description: 'code_challenge_method without code_challenge.' };
  }
  // RFC 7636 §4.3: no method means "plain", which this server (like Cloud Manager's) does not take.
  if (method.kind === 'absent' || method.value !== 'S256') {
    return { kind: 'malformed', description: 'Only code_challenge_method=S256 is supported.' };
  }
  if (!isWellFormedPkceValue(challenge.value)) {
    return { kind: 'malformed', description: 'code_challenge must be 43–128 characters of base64url.' };
  }
  return { kind: 'value', challenge: challenge.value };
}

/** The requested parameters that travel through the consent form as hidden inputs. */
export function consentFormFields(request: AuthorizationRequest): Array<[string, string]> {
  const fields: Array<[string, string | null]> = [
    ['client_id', request.client.id],
    ['response_type', 'code'],
    ['redirect_uri', request.givenRedirectUri],
    ['scope', request.scope],
    ['state', request.state],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', request.codeChallenge === null ? null : 'S256'],
  ];
  return fields.filter((field): field is [string, string] => field[1] !== null);
}
