import { isWellFormedPkceValue, s256Challenge, verifierMatchesS256Challenge } from './pkce';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('computes the RFC 7636 example challenge', () => {
    expect(s256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('accepts the verifier that hashes to the challenge', () => {
    expect(verifierMatchesS256Challenge(RFC_VERIFIER, RFC_CHALLENGE)).toBe(true);
  });

  it('rejects another verifier', () => {
    expect(verifierMatchesS256Challenge(`${RFC_VERIFIER.slice(0, -1)}A`, RFC_CHALLENGE)).toBe(false);
  });

  it('rejects the challenge itself sent as the verifier (a "plain" downgrade)', () => {
    expect(verifierMatchesS256Challenge(RFC_CHALLENGE, RFC_CHALLENGE)).toBe(false);
  });

  it.each([
    ['42 characters', 'a'.repeat(42), false],
    ['43 characters', 'a'.repeat(43), true],
    ['128 characters', 'a'.repeat(128), true],
    ['129 characters', 'a'.repeat(129), false],
    ['the unreserved punctuation', `${'a'.repeat(40)}-._~`, true],
    ['a character outside the unreserved set', `${'a'.repeat(42)}+`, false],
  ])('judges a value of %s well-formed: %s', (_name, value, expected) => {
    expect(isWellFormedPkceValue(value)).toBe(expected);
  });
});
