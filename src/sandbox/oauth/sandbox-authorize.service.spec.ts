import { SANDBOX_DEFAULTS, SandboxOptions } from '../sandbox.options';
import { SandboxAuthorizationCodeStore } from './authorization-code.store';
import { AuthorizeOutcome, SandboxAuthorizeService } from './sandbox-authorize.service';
import { SandboxClientRegistry } from './sandbox-client.registry';

const OPTIONS: SandboxOptions = { ...SANDBOX_DEFAULTS, clientId: 'client-1', redirectUri: 'http://localhost:5000/auth_callback' };
const QUERY = {
  client_id: 'client-1',
  response_type: 'code',
  scope: 'linodes:read_write,events:read_only',
  state: 'st',
};
const FORM = { ...QUERY, username: 'alice', decision: 'approve', scopes: ['linodes:read_write', 'events:read_only'] };

function setup(overrides: Partial<SandboxOptions> = {}) {
  const options = { ...OPTIONS, ...overrides };
  const codes = new SandboxAuthorizationCodeStore(options);
  const service = new SandboxAuthorizeService(options, new SandboxClientRegistry(options), codes);
  return { service, codes };
}

function redirectOf(outcome: AuthorizeOutcome): URL {
  if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${outcome.kind}`);
  return new URL(outcome.location);
}

function grantOf(codes: SandboxAuthorizationCodeStore, outcome: AuthorizeOutcome) {
  const redemption = codes.redeem(redirectOf(outcome).searchParams.get('code') ?? '');
  if (redemption.kind !== 'redeemed') throw new Error(`code not redeemable: ${redemption.kind}`);
  return redemption.code;
}

describe('SandboxAuthorizeService', () => {
  describe('authorize (GET)', () => {
    it('shows the consent page with every requested scope ticked and the default username', () => {
      const outcome = setup().service.authorize(QUERY);
      expect(outcome.kind).toBe('consent-page');
      if (outcome.kind !== 'consent-page') return;
      expect(outcome.status).toBe(200);
      expect(outcome.model.username).toBe('sandbox-user');
      expect([...outcome.model.checkedScopes]).toEqual(['linodes:read_write', 'events:read_only']);
    });

    it('shows an error page for an unknown client', () => {
      expect(setup().service.authorize({ ...QUERY, client_id: 'x' }).kind).toBe('error-page');
    });

    it('approves at once as the auto-approve user with all requested scopes', () => {
      const { service, codes } = setup({ autoApprove: 'robot' });
      const grant = grantOf(codes, service.authorize(QUERY));
      expect(grant).toMatchObject({ username: 'robot', scopes: ['linodes:read_write', 'events:read_only'] });
    });

    it('still refuses a bad request when auto-approving', () => {
      const url = redirectOf(setup({ autoApprove: 'robot' }).service.authorize({ ...QUERY, scope: 'nope:x' }));
      expect(url.searchParams.get('error')).toBe('invalid_scope');
      expect(url.searchParams.get('code')).toBeNull();
    });
  });

  describe('decide (POST)', () => {
    it('issues a code bound to the user, client, redirect URI and scopes, and echoes the state', () => {
      const { service, codes } = setup();
      const outcome = service.decide(FORM);
      expect(redirectOf(outcome).searchParams.get('state')).toBe('st');
      expect(grantOf(codes, outcome)).toMatchObject({
        clientId: 'client-1',
        username: 'alice',
        scopes: ['linodes:read_write', 'events:read_only'],
        redirectUri: 'http://localhost:5000/auth_callback',
        codeChallenge: null,
      });
    });

    it('grants only the ticked scopes', () => {
      const { service, codes } = setup();
      expect(grantOf(codes, service.decide({ ...FORM, scopes: 'linodes:read_write' })).scopes).toEqual(['linodes:read_write']);
    });

    it('ignores ticked scopes that were not requested', () => {
      const { service, codes } = setup();
      const outcome = service.decide({ ...FORM, scopes: ['linodes:read_write', 'account:read_write'] });
      expect(grantOf(codes, outcome).scopes).toEqual(['linodes:read_write']);
    });

    it('treats approving with nothing ticked as access denied', () => {
      const outcome = setup().service.decide({ ...FORM, scopes: undefined });
      expect(redirectOf(outcome).searchParams.get('error')).toBe('access_denied');
    });

    it('redirects access_denied with the state on deny', () => {
      const url = redirectOf(setup().service.decide({ ...FORM, decision: 'deny' }));
      expect(url.searchParams.get('error')).toBe('access_denied');
      expect(url.searchParams.get('state')).toBe('st');
      expect(url.searchParams.get('code')).toBeNull();
    });

    it.each([['ab'], ['a'.repeat(33)], ['bad name'], ['<x>'], ['']])('shows the form again with 400 for the username %p', (username) => {
      const outcome = setup().service.decide({ ...FORM, username, scopes: 'events:read_only' });
      expect(outcome.kind).toBe('consent-page');
      if (outcome.kind !== 'consent-page') return;
      expect(outcome.status).toBe(400);
      expect(outcome.model.message).toMatch(/username/i);
      expect([...outcome.model.checkedScopes]).toEqual(['events:read_only']);
    });

    it('accepts usernames of 3 and 32 characters of letters, digits, - and _', () => {
      const { service, codes } = setup();
      expect(grantOf(codes, service.decide({ ...FORM, username: 'a_-' })).username).toBe('a_-');
      expect(grantOf(codes, service.decide({ ...FORM, username: 'A1'.repeat(16) })).username).toBe('A1'.repeat(16));
    });

    it('uses the default username when the form sends none', () => {
      const { service, codes } = setup();
      expect(grantOf(codes, service.decide({ ...FORM, username: undefined })).username).toBe('sandbox-user');
    });

    it('shows the form again with 400 when the decision is missing or unknown', () => {
      expect(setup().service.decide({ ...FORM, decision: undefined })).toMatchObject({ kind: 'consent-page', status: 400 });
      expect(setup().service.decide({ ...FORM, decision: 'maybe' })).toMatchObject({ kind: 'consent-page', status: 400 });
    });

    it('re-checks the request: a tampered redirect_uri gets an error page, not a redirect', () => {
      expect(setup().service.decide({ ...FORM, redirect_uri: 'https://evil.example/' }).kind).toBe('error-page');
    });

    it('re-checks the request: a tampered scope is refused', () => {
      const url = redirectOf(setup().service.decide({ ...FORM, scope: 'bogus:scope', scopes: 'bogus:scope' }));
      expect(url.searchParams.get('error')).toBe('invalid_scope');
    });

    it('binds the PKCE challenge and the given redirect URI to the code', () => {
      const { service, codes } = setup();
      const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
      const redirectUri = 'http://localhost:5000/auth_callback?returnTo=%2F';
      const outcome = service.decide({ ...FORM, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' });
      expect(redirectOf(outcome).href.startsWith(`${redirectUri}&state=st&code=`)).toBe(true);
      expect(grantOf(codes, outcome)).toMatchObject({ redirectUri, codeChallenge: challenge });
    });
  });
});
