/**
 * Reading OAuth parameters from a parsed query or form body. RFC 6749 §3.1: parameters must not be
 * repeated, so anything but one string (an array from `a=1&a=2`, a JSON object) is malformed.
 */

export type ParameterSource = Readonly<Record<string, unknown>>;

export type Parameter = { kind: 'absent' } | { kind: 'value'; value: string } | { kind: 'malformed' };

const EMPTY: ParameterSource = Object.freeze({});

/** A parsed query or body as a record; no body or a non-object body reads as empty. */
export function parameterSource(parsed: unknown): ParameterSource {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return EMPTY;
  return parsed as ParameterSource;
}

export function readParameter(source: ParameterSource, name: string): Parameter {
  if (!Object.hasOwn(source, name) || source[name] === undefined) return { kind: 'absent' };
  const value = source[name];
  return typeof value === 'string' ? { kind: 'value', value } : { kind: 'malformed' };
}

/** The value, or null when absent or malformed. */
export function parameterValue(source: ParameterSource, name: string): string | null {
  const parameter = readParameter(source, name);
  return parameter.kind === 'value' ? parameter.value : null;
}

/** A field a form may send several times (checkboxes); null when any value is not a string. */
export function readParameterList(source: ParameterSource, name: string): string[] | null {
  const parameter = readParameter(source, name);
  if (parameter.kind === 'absent') return [];
  if (parameter.kind === 'value') return [parameter.value];
  const values = source[name];
  if (!Array.isArray(values) || !values.every((value): value is string => typeof value === 'string')) return null;
  return values;
}
