import { LABEL_INPUT_MESSAGE, validateLabelInput } from './label-input';

describe('validateLabelInput', () => {
  it('treats an empty or blank label as none, for Linode to choose', () => {
    expect(validateLabelInput('')).toEqual({ ok: true, value: null });
    expect(validateLabelInput('   ')).toEqual({ ok: true, value: null });
  });

  it('accepts a valid label and drops surrounding spaces', () => {
    expect(validateLabelInput('  my-app_1.web ')).toEqual({ ok: true, value: 'my-app_1.web' });
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
    expect(validateLabelInput(label)).toEqual({ ok: false, error: LABEL_INPUT_MESSAGE });
  });

  it('accepts the longest allowed label', () => {
    expect(validateLabelInput('a'.repeat(64)).ok).toBe(true);
  });
});
