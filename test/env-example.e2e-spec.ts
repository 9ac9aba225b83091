/** .env.example lists every variable the app reads, nothing else, and its empty values load. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appEnvSchemas } from '../src/config/app-env.schema';
import { loadAppConfig } from '../src/config/load-app-config';

const lines = readFileSync(join(__dirname, '..', '.env.example'), 'utf8').split('\n');
const assignments = lines.filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line));
const names = assignments.map((line) => line.slice(0, line.indexOf('=')));

describe('.env.example', () => {
  it('lists every variable the app reads, once', () => {
    expect([...names].sort()).toEqual(Object.keys(appEnvSchemas).sort());
  });

  it('explains each one in the comment above it', () => {
    for (const line of assignments) {
      const index = lines.indexOf(line);
      expect({ line, comment: lines[index - 1].startsWith('#') || /^[A-Z_]+=$/.test(lines[index - 1]) }).toEqual({ line, comment: true });
    }
  });

  it('loads as it is (every value empty: the defaults, sandbox mode)', () => {
    const env = Object.fromEntries(assignments.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(loadAppConfig(env).sandbox.enabled).toBe(true);
  });
});
