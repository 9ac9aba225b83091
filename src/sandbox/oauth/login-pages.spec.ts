import type { AuthorizationRequest } from './authorization-request';
import { escapeHtml, renderConsentPage, renderErrorPage, scopeLabel } from './login-pages';

const REQUEST: AuthorizationRequest = {
  client: { id: 'client-1', label: 'My app', redirectUri: 'http://localhost:5000/auth_callback' },
  redirectUri: 'http://localhost:5000/auth_callback',
  givenRedirectUri: null,
  requestedScopes: ['linodes:read_write', 'events:read_only'],
  scope: 'linodes:read_write,events:read_only',
  state: 'st',
  codeChallenge: null,
};

function render(request: Partial<AuthorizationRequest> = {}, checked?: string[], message: string | null = null) {
  const merged = { ...REQUEST, ...request };
  return renderConsentPage({
    request: merged,
    username: 'sandbox-user',
    checkedScopes: new Set(checked ?? merged.requestedScopes),
    message,
  });
}

/** All `<input …>` tags as attribute maps (the page is simple, generated markup). */
function inputs(html: string): Array<Record<string, string>> {
  return [...html.matchAll(/<input ([^>]*)>/g)].map(([, attributes]) =>
    Object.fromEntries([...attributes.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, value ?? ''])),
  );
}

describe('escapeHtml', () => {
  it('escapes the characters that could end a text node or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;');
  });
});

describe('scopeLabel', () => {
  it('shows * as all scopes', () => {
    expect(scopeLabel('*')).toBe('all scopes (*)');
  });

  it('names the family and the access level', () => {
    expect(scopeLabel('linodes:read_write')).toBe('linodes: read and write (linodes:read_write)');
    expect(scopeLabel('events:*')).toBe('events: full access (events:*)');
  });
});

describe('renderConsentPage', () => {
  it('says it is the sandbox and not the real Linode', () => {
    expect(render()).toContain('Linode sandbox — not the real Linode');
  });

  it('posts a plain form to /oauth/authorize', () => {
    expect(render()).toContain('<form method="post" action="/oauth/authorize">');
  });

  it('posts back under the path prefix a proxy serves the page at', () => {
    const html = renderConsentPage(
      { request: REQUEST, username: 'sandbox-user', checkedScopes: new Set(REQUEST.requestedScopes), message: null },
      '/__sandbox-login',
    );
    expect(html).toContain('<form method="post" action="/__sandbox-login/oauth/authorize">');
  });

  it('has no scripts', () => {
    expect(render()).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
  });

  it('carries the request in hidden inputs, requested scopes under scope', () => {
    const hidden = inputs(render()).filter((input) => input.type === 'hidden');
    expect(hidden.map(({ name, value }) => [name, value])).toEqual([
      ['client_id', 'client-1'],
      ['response_type', 'code'],
      ['scope', 'linodes:read_write,events:read_only'],
      ['state', 'st'],
    ]);
  });

  it('carries redirect_uri and PKCE only when the request had them', () => {
    const names = inputs(render({ givenRedirectUri: 'http://localhost:5000/auth_callback?x=1', codeChallenge: 'c'.repeat(43) }))
      .filter((input) => input.type === 'hidden')
      .map((input) => input.name);
    expect(names).toEqual(expect.arrayContaining(['redirect_uri', 'code_challenge', 'code_challenge_method']));
  });

  it('has a username input with the default name', () => {
    expect(inputs(render()).find((input) => input.name === 'username')).toMatchObject({ type: 'text', value: 'sandbox-user' });
  });

  it('has one checked scopes checkbox per requested scope', () => {
    const boxes = inputs(render()).filter((input) => input.type === 'checkbox');
    expect(boxes).toEqual([
      { type: 'checkbox', name: 'scopes', value: 'linodes:read_write', checked: '' },
      { type: 'checkbox', name: 'scopes', value: 'events:read_only', checked: '' },
    ]);
  });

  it('leaves unticked the scopes the user unticked', () => {
    const boxes = inputs(render({}, ['events:read_only'])).filter((input) => input.type === 'checkbox');
    expect(boxes.map((box) => 'checked' in box)).toEqual([false, true]);
  });

  it('shows * as all scopes', () => {
    expect(render({ requestedScopes: ['*'], scope: '*' })).toContain('all scopes (*)');
  });

  it('has approve and deny buttons named decision', () => {
    const html = render();
    expect(html).toContain('name="decision" value="approve"');
    expect(html).toContain('name="decision" value="deny"');
  });

  it('escapes the client label, the state and the scope values', () => {
    const html = render({
      client: { ...REQUEST.client, label: '<img src=x>' },
      state: '"><script>alert(1)</script>',
      requestedScopes: ['"><b>'],
    });
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;img src=x&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('shows a message when there is one, escaped', () => {
    expect(render({}, undefined, 'Bad <name>')).toContain('Bad &lt;name&gt;');
  });
});

describe('renderErrorPage', () => {
  it('shows the message escaped and says it is the sandbox', () => {
    const html = renderErrorPage('No client <x>');
    expect(html).toContain('No client &lt;x&gt;');
    expect(html).toContain('Linode sandbox — not the real Linode');
  });
});
