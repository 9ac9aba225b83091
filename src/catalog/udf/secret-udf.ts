const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pw',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'privkey',
  'privatekey',
]);
const SECRET_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['api', 'key'],
  ['private', 'key'],
  ['priv', 'key'],
];

/** Whole words of the name or label, so that `passenger`, `compass` or `bypass_proxy` stay plain text. */
export function isSecretUdfName(name: string, label = ''): boolean {
  return [name, label].some((text) => {
    const words = wordsOf(text);
    // `PassWord` and `ApiKey` count as written, too.
    const whole = text.split(/[^A-Za-z]+/).map(singular);
    return (
      [...words, ...whole].some((word) => SECRET_WORDS.has(word)) ||
      SECRET_PAIRS.some(([first, second]) => words.some((word, i) => word === first && words[i + 1] === second))
    );
  });
}

/** Never echoed, kept or shown. A choice's values are public in the StackScript, so only free text can be secret. */
export function isSecretUdf(field: { kind: string }): boolean {
  return field.kind === 'password';
}

/** `DB_PASS`, `dbPassword`, `api-key2`, "Database password": split on separators, digits and camelCase. */
function wordsOf(text: string): string[] {
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced
    .split(/[^A-Za-z]+/)
    .filter((word) => word !== '')
    .map(singular);
}

function singular(word: string): string {
  const lower = word.toLowerCase();
  return lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}
