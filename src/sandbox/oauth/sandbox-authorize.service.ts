import { Inject, Injectable } from '@nestjs/common';
import { SANDBOX_OPTIONS, SandboxOptions } from '../sandbox.options';
import { SandboxAuthorizationCodeStore } from './authorization-code.store';
import { AuthorizationRequest, authorizeErrorLocation, checkAuthorizationRequest, ScopeSource } from './authorization-request';
import { ConsentPageModel, DEFAULT_USERNAME } from './login-pages';
import { withQueryParameters } from './redirect-uri';
import { ParameterSource, readParameter, readParameterList } from './request-parameters';
import { SandboxClientRegistry } from './sandbox-client.registry';

export type AuthorizeOutcome =
  /** 400 HTML page; the client's redirect URI is not trusted, so no redirect. */
  | { kind: 'error-page'; message: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'consent-page'; status: 200 | 400; model: ConsentPageModel };

const USERNAME = /^[a-zA-Z0-9_-]{3,32}$/;

/** The authorize endpoint's decisions: check the request, show consent, issue a code or refuse. */
@Injectable()
export class SandboxAuthorizeService {
  constructor(
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
    private readonly clients: SandboxClientRegistry,
    private readonly codes: SandboxAuthorizationCodeStore,
  ) {}

  /** `GET /oauth/authorize`: consent page, or a code at once when auto-approve is on. */
  authorize(query: ParameterSource): AuthorizeOutcome {
    const checked = this.check(query, 'authorize-url');
    if (checked.kind !== 'valid') return checked;
    const { request } = checked;
    if (this.options.autoApprove) {
      return this.approve(request, this.options.autoApprove, request.requestedScopes);
    }
    return {
      kind: 'consent-page',
      status: 200,
      model: { request, username: DEFAULT_USERNAME, checkedScopes: new Set(request.requestedScopes), message: null },
    };
  }

  /** `POST /oauth/authorize`: the consent form, re-checked from scratch (anyone can post it). */
  decide(body: ParameterSource): AuthorizeOutcome {
    const checked = this.check(body, 'consent-form');
    if (checked.kind !== 'valid') return checked;
    const { request } = checked;
    const decision = readParameter(body, 'decision');
    const ticked = readParameterList(body, 'scopes') ?? [];
    const granted = request.requestedScopes.filter((scope) => ticked.includes(scope));
    const username = readParameter(body, 'username');
    const shownUsername = username.kind === 'value' ? username.value : DEFAULT_USERNAME;
    const again = (message: string): AuthorizeOutcome => ({
      kind: 'consent-page',
      status: 400,
      model: { request, username: shownUsername, checkedScopes: new Set(granted), message },
    });

    if (decision.kind === 'value' && decision.value === 'deny') {
      return this.refuse(request, 'The user denied the request.');
    }
    if (decision.kind !== 'value' || decision.value !== 'approve') return again('Choose Approve or Deny.');
    if (username.kind === 'malformed' || !USERNAME.test(shownUsername)) {
      return again('The username must be 3 to 32 letters, digits, "-" or "_".');
    }
    // Linode's behaviour for "approve with nothing ticked" is unknown; granting nothing is a refusal.
    if (granted.length === 0) return this.refuse(request, 'The user granted none of the requested scopes.');
    return this.approve(request, shownUsername, granted);
  }

  private check(source: ParameterSource, scopeSource: ScopeSource): AuthorizeOutcome | { kind: 'valid'; request: AuthorizationRequest } {
    const checked = checkAuthorizationRequest(source, (id) => this.clients.find(id), scopeSource);
    switch (checked.kind) {
      case 'refused':
        return { kind: 'error-page', message: checked.message };
      case 'redirect-error':
        return { kind: 'redirect', location: checked.location };
      case 'valid':
        return checked;
    }
  }

  private approve(request: AuthorizationRequest, username: string, scopes: string[]): AuthorizeOutcome {
    const { code } = this.codes.issue({
      clientId: request.client.id,
      username,
      scopes,
      redirectUri: request.givenRedirectUri ?? request.client.redirectUri,
      codeChallenge: request.codeChallenge,
    });
    // Same order as Linode's callbacks (Cloud Manager's example: `?returnTo=…&state=…&code=…`).
    return { kind: 'redirect', location: withQueryParameters(request.redirectUri, { state: request.state, code }) };
  }

  private refuse(request: AuthorizationRequest, description: string): AuthorizeOutcome {
    return {
      kind: 'redirect',
      location: authorizeErrorLocation(request.redirectUri, 'access_denied', description, request.state),
    };
  }
}
