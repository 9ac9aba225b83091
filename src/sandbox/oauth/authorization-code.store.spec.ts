import { SANDBOX_DEFAULTS } from '../sandbox.options';
import { AuthorizationGrant, SandboxAuthorizationCodeStore } from './authorization-code.store';

const GRANT: AuthorizationGrant = {
  clientId: 'client-1',
  username: 'alice',
  scopes: ['linodes:read_write'],
  redirectUri: 'http://localhost:5000/auth_callback',
  codeChallenge: null,
};
const T0 = 1_700_000_000_000;

function store(codeTtlMs = 60_000) {
  return new SandboxAuthorizationCodeStore({ ...SANDBOX_DEFAULTS, codeTtlMs });
}

describe('SandboxAuthorizationCodeStore', () => {
  it('issues 20-hex-character codes like Linode’s', () => {
    expect(store().issue(GRANT, T0).code).toMatch(/^[0-9a-f]{20}$/);
  });

  it('issues a different code and id each time', () => {
    const codes = store();
    const first = codes.issue(GRANT, T0);
    const second = codes.issue(GRANT, T0);
    expect(second.code).not.toBe(first.code);
    expect(second.id).not.toBe(first.id);
  });

  it('redeems a fresh code with what was granted', () => {
    const codes = store();
    const { code } = codes.issue(GRANT, T0);
    const redemption = codes.redeem(code, T0 + 1000);
    expect(redemption.kind).toBe('redeemed');
    expect(redemption.kind === 'redeemed' && redemption.code).toMatchObject(GRANT);
  });

  it('does not share the scope list with the caller', () => {
    const codes = store();
    const scopes = ['linodes:read_write'];
    const { code } = codes.issue({ ...GRANT, scopes }, T0);
    scopes.push('*');
    const redemption = codes.redeem(code, T0);
    expect(redemption.kind === 'redeemed' && redemption.code.scopes).toEqual(['linodes:read_write']);
  });

  it('reports the second use of a code as reuse, with the code’s id', () => {
    const codes = store();
    const issued = codes.issue(GRANT, T0);
    codes.redeem(issued.code, T0);
    expect(codes.redeem(issued.code, T0 + 1)).toEqual({ kind: 'reused', codeId: issued.id });
  });

  it('reports a code past its lifetime as expired', () => {
    const codes = store(5_000);
    const { code } = codes.issue(GRANT, T0);
    expect(codes.redeem(code, T0 + 5_000)).toEqual({ kind: 'expired' });
  });

  it('accepts a code just before its lifetime ends', () => {
    const codes = store(5_000);
    const { code } = codes.issue(GRANT, T0);
    expect(codes.redeem(code, T0 + 4_999).kind).toBe('redeemed');
  });

  it('uses up an expired code too', () => {
    const codes = store(5_000);
    const { code } = codes.issue(GRANT, T0);
    codes.redeem(code, T0 + 6_000);
    expect(codes.redeem(code, T0 + 6_001).kind).toBe('reused');
  });

  it('does not know codes it never issued', () => {
    expect(store().redeem('0123456789abcdef0123', T0)).toEqual({ kind: 'unknown' });
  });

  it('forgets long-expired codes when issuing new ones', () => {
    const codes = store(1_000);
    const old = codes.issue(GRANT, T0);
    codes.issue(GRANT, T0 + 60 * 60_000);
    expect(codes.redeem(old.code, T0 + 60 * 60_000)).toEqual({ kind: 'unknown' });
  });

  it('forgets every code on reset', () => {
    const codes = store();
    const { code } = codes.issue(GRANT, T0);
    codes.reset();
    expect(codes.redeem(code, T0)).toEqual({ kind: 'unknown' });
  });

  it('remembers at most maxCodes, forgetting the oldest first', () => {
    const codes = new SandboxAuthorizationCodeStore({ ...SANDBOX_DEFAULTS, maxCodes: 3 });
    const issued = Array.from({ length: 5 }, (_, i) => codes.issue(GRANT, T0 + i));
    expect(codes.size).toBe(3);
    expect(codes.redeem(issued[0].code, T0 + 10)).toEqual({ kind: 'unknown' });
    expect(codes.redeem(issued[4].code, T0 + 10).kind).toBe('redeemed');
  });

  it('stays small under a steady stream of sign-ins', () => {
    const codes = store(60_000);
    for (let i = 0; i < 5_000; i += 1) codes.redeem(codes.issue(GRANT, T0 + i * 1_000).code, T0 + i * 1_000 + 500);
    // Issued one a second: the last minute's codes plus ten minutes of memory for replays.
    expect(codes.size).toBeLessThanOrEqual(11 * 60 + 1);
  });
});
