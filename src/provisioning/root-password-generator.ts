import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// Symbols that survive copy/paste and shells without quoting trouble.
const SYMBOLS = '-_.+=!@%^*';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;
const LENGTH = 40;

/**
 * A strong root password: crypto-random, 40 characters (≈ 250 bits), with every character class
 * present, so it passes Linode's strength check (zxcvbn-based) and its 7–128 length rule.
 */
export function generateRootPassword(): string {
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < LENGTH) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
