import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { generateRootPassword } from './root-password-generator';

const SYMBOLS = '-_.+=!@%^*';

describe('generateRootPassword', () => {
  it('is 40 characters long', () => {
    expect(generateRootPassword()).toHaveLength(40);
  });

  it('always has a lower-case letter, an upper-case letter, a digit and a symbol', () => {
    for (let i = 0; i < 300; i++) {
      const password = generateRootPassword();
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect([...password].some((c) => SYMBOLS.includes(c))).toBe(true);
    }
  });

  it('uses only letters, digits and a few plain symbols, leaving out look-alikes (l, I, O, 0, 1)', () => {
    for (let i = 0; i < 100; i++) {
      expect(generateRootPassword()).toMatch(/^[a-km-zA-HJ-NP-Z2-9\-_.+=!@%^*]+$/);
    }
  });

  it('never repeats itself (1000 passwords, all different)', () => {
    const passwords = new Set(Array.from({ length: 1000 }, () => generateRootPassword()));
    expect(passwords.size).toBe(1000);
  });

  it('does not always put the required classes in the same places', () => {
    const firstCharacters = new Set(Array.from({ length: 200 }, () => generateRootPassword()[0]));
    expect(firstCharacters.size).toBeGreaterThan(20);
  });

  it('is rated strongest (score 4) by zxcvbn with the common dictionaries', () => {
    zxcvbnOptions.setOptions({
      dictionary: { ...zxcvbnCommon.dictionary },
      graphs: zxcvbnCommon.adjacencyGraphs,
    });
    for (let i = 0; i < 5; i++) {
      expect(zxcvbn(generateRootPassword()).score).toBe(4);
    }
  });
});
