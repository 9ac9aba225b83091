import fc from 'fast-check';
import { isValidLinodeLabel } from '../linode/contract/linode.vocabulary';
import { instanceLabelFor } from './instance-label';

describe('instanceLabelFor', () => {
  it('is the app name as a slug followed by a 6-hex-digit suffix', () => {
    expect(instanceLabelFor('my-application')).toMatch(/^my-application-[0-9a-f]{6}$/);
  });

  it('uses the given suffix', () => {
    expect(instanceLabelFor('WordPress', 'abc123')).toBe('wordpress-abc123');
  });

  it('gives different labels each time, so a lookup by label finds only this deployment', () => {
    // 24 random bits: ten labels collide about once in 370,000 runs (two hundred did once in 800).
    const labels = new Set(Array.from({ length: 10 }, () => instanceLabelFor('app')));
    expect(labels.size).toBe(10);
  });

  it.each([
    ['My App', 'my-app-abc123'],
    ['  spaced   out  ', 'spaced-out-abc123'],
    ['ﬁle server', 'file-server-abc123'],
    ['3D Printer Farm', 'd-printer-farm-abc123'],
    ['123', 'app-abc123'],
    ['!!!@@@###', 'app-abc123'],
    ['', 'app-abc123'],
    ['日本語のアプリ', 'app-abc123'],
    ['🚀 Rocket', 'rocket-abc123'],
    ['a__b..c--d', 'a-b-c-d-abc123'],
    ['Trailing---', 'trailing-abc123'],
  ])('turns %p into %p', (appName, expected) => {
    expect(instanceLabelFor(appName, 'abc123')).toBe(expected);
  });

  it('drops accents instead of splitting words at them', () => {
    expect(instanceLabelFor('Zürich Café', 'abc123')).toBe('zurich-cafe-abc123');
    expect(instanceLabelFor('Ünïcödé', 'abc123')).toBe('unicode-abc123');
  });

  it('cuts a very long name so the label stays within 64 characters', () => {
    const label = instanceLabelFor('x'.repeat(500), 'abc123');
    expect(label).toHaveLength(64);
    expect(label.endsWith('-abc123')).toBe(true);
    expect(isValidLinodeLabel(label)).toBe(true);
  });

  it('does not leave a separator where a long name is cut', () => {
    const label = instanceLabelFor(`${'a'.repeat(56)} b`, 'abc123');
    expect(label).toBe(`${'a'.repeat(56)}-abc123`);
  });

  it.each([
    'my-application',
    'WordPress',
    'Ünïcödé',
    '9lives',
    '---',
    '.hidden',
    '_under_score_',
    'a',
    'ab',
    'x'.repeat(64),
    'y'.repeat(65),
    `${'z'.repeat(57)}-`,
    'Ω≈ç√∫',
    'Zürich Büro ™',
    'tab\tand\nnewline',
    '\u0000control',
  ])('is a valid Linode label for %p', (appName) => {
    expect(isValidLinodeLabel(instanceLabelFor(appName))).toBe(true);
  });

  it('is a valid Linode label for any app name at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (appName) => isValidLinodeLabel(instanceLabelFor(appName))),
      { numRuns: 2000 },
    );
  });
});
