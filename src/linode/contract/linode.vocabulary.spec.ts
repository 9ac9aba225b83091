import { isValidLinodeLabel } from './linode.vocabulary';

describe('isValidLinodeLabel', () => {
  it.each(['abc', 'my-app_1.web', '7web-1', 'a'.repeat(64)])('accepts %s', (label) => expect(isValidLinodeLabel(label)).toBe(true));
  it.each(['ab', 'a'.repeat(65), '-abc', '_abc', 'abc-', 'a--b', 'a__b', 'a..b', 'a b', 'ab!'])('rejects %s', (label) =>
    expect(isValidLinodeLabel(label)).toBe(false),
  );
});
