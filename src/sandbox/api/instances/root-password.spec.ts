import { randomBytes } from 'node:crypto';
import { rootPasswordProblem, WEAK_PASSWORD_REASON } from './root-password';

describe('rootPasswordProblem', () => {
  it('accepts a long random password', () => {
    expect(rootPasswordProblem(randomBytes(24).toString('base64url'))).toBeNull();
  });

  it('accepts a passphrase of unrelated words', () => {
    expect(rootPasswordProblem('correct-Horse-battery-staple-91')).toBeNull();
  });

  it.each(['password1', 'qwertyuiop', 'Password123!', 'aaaaaaaaaaaa', 'Summer2024', 'letmein123'])(
    'refuses the weak password %s',
    (weak) => {
      expect(rootPasswordProblem(weak)).toBe(WEAK_PASSWORD_REASON);
    },
  );

  it('refuses fewer than 7 characters', () => {
    expect(rootPasswordProblem('x9$Lq!')).toBe('Length must be 7-128 characters');
  });

  it('refuses more than 128 characters', () => {
    expect(rootPasswordProblem('aB3$'.repeat(33))).toBe('Length must be 7-128 characters');
  });

  it('refuses something that is not a string', () => {
    expect(rootPasswordProblem(12345678)).toBe('Must be a string');
  });
});
