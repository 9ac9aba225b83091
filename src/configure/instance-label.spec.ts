import { INSTANCE_LABEL_MESSAGE, validateInstanceLabel } from './instance-label';

describe('validateInstanceLabel', () => {
  it('treats an empty or blank label as none, for Linode to choose', () => {
    expect(validateInstanceLabel('')).toEqual({ ok: true, label: null });
    expect(validateInstanceLabel('   ')).toEqual({ ok: true, label: null });
  });

  it('accepts a valid label and drops surrounding spaces', () => {
    expect(validateInstanceLabel('  my-app_1.web ')).toEqual({ ok: true, label: 'my-app_1.web' });
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(65)],
    ['starting with a dash', '-app'],
    ['ending with a dash', 'app-'],
    ['with a doubled dash', 'my--app'],
    ['with a doubled dot', 'my..app'],
    ['with a space inside', 'my app'],
    ['with markup', '<b>app</b>'],
  ])('rejects a label %s with a message explaining the rule', (_why, label) => {
    expect(validateInstanceLabel(label)).toEqual({ ok: false, error: INSTANCE_LABEL_MESSAGE });
  });

  it('accepts the longest allowed label', () => {
    expect(validateInstanceLabel('a'.repeat(64)).ok).toBe(true);
  });
});
