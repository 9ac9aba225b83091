/**
 * The login service's own HTML: the consent page and the error page. Self-contained (inline style,
 * no scripts) so the sandbox needs no view engine; every value is escaped, since client label,
 * scopes, state and redirect URI all come from whoever wrote the authorize URL.
 */
import { AuthorizationRequest, consentFormFields } from './authorization-request';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (character) => HTML_ESCAPES[character]);
}

export const DEFAULT_USERNAME = 'sandbox-user';

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1f2328; }
  .banner { background: #8a4b00; color: #fff; padding: .6rem 1rem; font-weight: 600; text-align: center; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem;
         border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.35rem; margin-top: 0; }
  fieldset { border: 1px solid #d0d7de; border-radius: 6px; margin: 1rem 0; }
  label { display: block; margin: .35rem 0; }
  code { background: #f0f1f3; padding: 0 .25rem; border-radius: 3px; }
  input[type=text] { font: inherit; padding: .35rem .5rem; width: 100%; box-sizing: border-box; }
  .message { background: #ffebe9; border: 1px solid #ff8182; padding: .5rem .75rem; border-radius: 6px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
  button { font: inherit; padding: .5rem 1.25rem; border-radius: 6px; border: 1px solid #8c959f; cursor: pointer; }
  button[value=approve] { background: #1a7f37; border-color: #1a7f37; color: #fff; }
  .muted { color: #59636e; font-size: .9rem; }
`;

const LEVEL_WORDS: Record<string, string> = {
  read_only: 'read only',
  read_write: 'read and write',
  '*': 'full access',
};

export function scopeLabel(scope: string): string {
  if (scope === '*') return 'all scopes (*)';
  const [family, level] = scope.split(':');
  return `${family}: ${LEVEL_WORDS[level] ?? level} (${scope})`;
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} — Linode sandbox</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<div class="banner" role="note">Linode sandbox — not the real Linode. No real account is used.</div>',
    `<main>${body}</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}

export interface ConsentPageModel {
  request: AuthorizationRequest;
  username: string;
  /** Which scope checkboxes are ticked (all on first show; what the user left ticked afterwards). */
  checkedScopes: ReadonlySet<string>;
  message: string | null;
}

/**
 * The consent form, posted back to where the page was served: `/oauth/authorize`, or under
 * `pathPrefix` when a proxy serves the page under a path (see `forwardedPrefix`). Requested scopes travel in the hidden `scope` field (even when the authorize
 * URL used `scopes`), so that the `scopes` checkboxes carry only what the user grants.
 */
export function renderConsentPage({ request, username, checkedScopes, message }: ConsentPageModel, pathPrefix = ''): string {
  const label = escapeHtml(request.client.label);
  const hidden = consentFormFields(request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const checkboxes = request.requestedScopes
    .map((scope) => {
      const checked = checkedScopes.has(scope) ? ' checked' : '';
      return `<label><input type="checkbox" name="scopes" value="${escapeHtml(scope)}"${checked}> ${escapeHtml(scopeLabel(scope))}</label>`;
    })
    .join('\n');
  const notice = message === null ? '' : `<p class="message" role="alert">${escapeHtml(message)}</p>`;
  const returnTo = escapeHtml(new URL(request.redirectUri).origin);
  return page(
    'Authorize',
    `<h1><strong>${label}</strong> wants to access your Linode account</h1>
${notice}
<form method="post" action="${escapeHtml(pathPrefix)}/oauth/authorize">
${hidden}
<label>Sign in as (any name will do in the sandbox)
<input type="text" name="username" value="${escapeHtml(username)}" required minlength="3" maxlength="32" pattern="[a-zA-Z0-9_\\-]{3,32}" autocomplete="username">
</label>
<fieldset>
<legend>Permissions to grant (untick to withhold)</legend>
${checkboxes}
</fieldset>
<p class="muted">You will be sent back to <code>${returnTo}</code>.</p>
<div class="actions">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>`,
  );
}

export function renderErrorPage(message: string): string {
  return page(
    'Authorization error',
    `<h1>This authorization request cannot be completed</h1>
<p class="message" role="alert">${escapeHtml(message)}</p>
<p class="muted">The application that sent you here is misconfigured; you were not sent back to it.</p>`,
  );
}
