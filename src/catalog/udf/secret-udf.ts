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

/** Whole words of the name or label, so that `passenger`, `compass` or `bypass_proxy` stay plain text. */
export function isSecretUdfName(name: string, label = ''): boolean {
  return [name, label].some((text) => {
    // `DB_PASS`, `dbPassword`, `api-key2`, "Database password": split on separators, digits and camelCase.
    const words = wordsOf(text.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2'));
    // Two words that make one: `api key`, `private key`; and `PassWord` or `ApiKey` as written.
    const joined = words.slice(1).map((word, i) => words[i] + word);
    return [...words, ...wordsOf(text), ...joined].some((word) => SECRET_WORDS.has(word));
  });
}

/** Never echoed, kept or shown. A choice's values are public in the StackScript, so only free text can be secret. */
export function isSecretUdf(field: { kind: string }): boolean {
  return field.kind === 'password';
}

/** Split on anything but letters, singular and lowercase; a leading or trailing separator gives an empty word, which is never secret. */
function wordsOf(text: string): string[] {
  return text.split(/[^A-Za-z]+/).map(singular);
}

function singular(word: string): string {
  const lower = word.toLowerCase();
  return lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}
