import { SANDBOX_DEFAULTS } from '../sandbox.options';
import { REFRESH_WINDOW_MS, REVOKED_TOKEN_MEMORY_MS, SandboxTokenStore } from './sandbox-token.store';

const T0 = 1_700_000_000_000;
const INPUT = { clientId: 'client-1', username: 'alice', scopes: ['linodes:read_write'], codeId: null };

function store(overrides: Partial<typeof SANDBOX_DEFAULTS> = {}) {
  return new SandboxTokenStore({ ...SANDBOX_DEFAULTS, ...overrides });
}

describe('SandboxTokenStore bounds', () => {
  it('still lists a revoked token for a while, then forgets it', () => {
    const tokens = store();
    const revoked = tokens.issue(INPUT, T0);
    tokens.revoke(revoked, T0 + 1_000);
    tokens.issue(INPUT, T0 + 1_000 + REVOKED_TOKEN_MEMORY_MS - 1);
    expect(tokens.findByAnyToken(revoked.accessToken)).toBe(revoked);
    tokens.issue(INPUT, T0 + 1_000 + REVOKED_TOKEN_MEMORY_MS);
    expect(tokens.findByAnyToken(revoked.accessToken)).toBeUndefined();
    expect(tokens.authenticate(revoked.accessToken)).toEqual({ ok: false, status: 'invalid' });
  });

  it('refreshes an expired token within the refresh window only, then forgets it', () => {
    const tokens = store({ accessTokenTtlMs: 1_000 });
    const expired = tokens.issue(INPUT, T0);
    expect(tokens.findByRefreshToken(expired.refreshToken, T0 + 1_000 + REFRESH_WINDOW_MS - 1)).toBe(expired);
    expect(tokens.findByRefreshToken(expired.refreshToken, T0 + 1_000 + REFRESH_WINDOW_MS)).toBeUndefined();
    tokens.issue(INPUT, T0 + 1_000 + REFRESH_WINDOW_MS);
    expect(tokens.size).toBe(1);
  });

  it('keeps an active token', () => {
    const tokens = store();
    const active = tokens.issue(INPUT, T0);
    tokens.issue(INPUT, T0 + 60_000);
    expect(tokens.findByAnyToken(active.accessToken)).toBe(active);
    expect(tokens.status(active, T0 + 60_000)).toBe('active');
  });

  it('remembers at most maxTokens, forgetting the oldest first', () => {
    const tokens = store({ maxTokens: 3 });
    const issued = Array.from({ length: 5 }, (_, i) => tokens.issue(INPUT, T0 + i));
    expect(tokens.size).toBe(3);
    expect(tokens.list().map((view) => view.id)).toEqual(issued.slice(2).map((token) => token.id));
    expect(tokens.findByAnyToken(issued[0].accessToken)).toBeUndefined();
    expect(tokens.findByAnyToken(issued[0].refreshToken)).toBeUndefined();
  });
});
