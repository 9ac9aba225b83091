/**
 * Field-by-field comparison of a sandbox answer with a real recorded one (test/fixtures/
 * linode-recorded): the same field names at every depth, the same nulls, the same JSON types.
 * Values may differ (ids, labels, timestamps), and so may nulls where Linode itself answers
 * either (a field that is null for one event and set for another): those paths are listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ShapeOptions {
  /** Paths (`a.b`, `a[].b`) that may be null on one side and set on the other. */
  nullable?: readonly string[];
  /**
   * Arrays of objects whose items each carry some of the given keys, all strings (UDFs: every
   * attribute but name and label is optional).
   */
  looseItems?: Readonly<Record<string, readonly string[]>>;
}

export function recordedFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'linode-recorded', name), 'utf8')) as T;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return kind(value) === 'object';
}

/** Every difference in shape between `actual` (the sandbox) and `expected` (the recording). */
export function shapeDifferences(actual: unknown, expected: unknown, options: ShapeOptions = {}, path = ''): string[] {
  const at = path || '(root)';
  if (actual === null || expected === null) {
    if (actual === expected || options.nullable?.includes(path)) return [];
    return [`${at}: recorded ${kind(expected)}, sandbox ${kind(actual)}`];
  }
  if (kind(actual) !== kind(expected)) return [`${at}: recorded ${kind(expected)}, sandbox ${kind(actual)}`];
  if (Array.isArray(actual) && Array.isArray(expected)) return arrayDifferences(actual, expected, options, path);
  if (isObject(actual) && isObject(expected)) {
    const differences: string[] = [];
    for (const key of Object.keys(expected)) if (!(key in actual)) differences.push(`${join2(path, key)}: missing in the sandbox`);
    for (const key of Object.keys(actual)) if (!(key in expected)) differences.push(`${join2(path, key)}: not in the real answer`);
    for (const key of Object.keys(expected)) {
      if (key in actual) differences.push(...shapeDifferences(actual[key], expected[key], options, join2(path, key)));
    }
    return differences;
  }
  return [];
}

function arrayDifferences(actual: unknown[], expected: unknown[], options: ShapeOptions, path: string): string[] {
  const itemPath = `${path}[]`;
  const allowed = options.looseItems?.[path];
  if (allowed) {
    return actual.flatMap((item) =>
      isObject(item)
        ? Object.entries(item).flatMap(([key, value]) => {
            if (!allowed.includes(key)) return [`${itemPath}.${key}: not in the real answer`];
            return kind(value) === 'string' ? [] : [`${itemPath}.${key}: recorded string, sandbox ${kind(value)}`];
          })
        : [`${itemPath}: recorded object, sandbox ${kind(item)}`],
    );
  }
  if (expected.length === 0) return [];
  return [...new Set(actual.flatMap((item) => shapeDifferences(item, expected[0], options, itemPath)))];
}

function join2(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
