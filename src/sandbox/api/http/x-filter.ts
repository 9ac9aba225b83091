/**
 * Linode's `X-Filter` header: a JSON object whose keys are filterable fields (equality, or an
 * object of operators) and the combinators `+and` / `+or`, plus `+order_by` / `+order` at the top.
 * Pure: parse once with the resource's spec, then apply to plain JSON objects.
 *
 * Assumptions where Linode's behaviour is not documented:
 * - `+contains` is case-insensitive (Linode's filters run in a case-insensitive database collation).
 * - Equality on an array field (`tags`, `ipv4`) means "contains this element"; `+neq` the opposite.
 * - A value of the wrong type for its field is a 400 rather than "matches nothing".
 */

export type XFilterFieldType = 'string' | 'number' | 'boolean' | 'string[]' | 'datetime';

export interface XFilterSpec {
  /** Filterable fields (dot paths for nested ones, e.g. `entity.id`) and their types. */
  fields: Readonly<Record<string, XFilterFieldType>>;
  /** Filterable fields that `+order_by` still refuses. */
  unorderable?: readonly string[];
  /** Field that breaks ties when ordering, in the same direction (e.g. `id`). */
  tiebreaker?: string;
}

/** A filter Linode would answer with 400; `reason` is the envelope's reason (field `X-Filter`). */
export class XFilterError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'XFilterError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Predicate = (item: object) => boolean;

export interface CompiledXFilter {
  matches: Predicate;
  order: { field: string; direction: 'asc' | 'desc' } | null;
}

const COMBINATORS = new Set(['+and', '+or']);
const ORDERING = new Set(['+order_by', '+order']);
const FIELD_OPERATORS = new Set(['+gt', '+gte', '+lt', '+lte', '+contains', '+neq']);
const MATCH_ALL: CompiledXFilter = { matches: () => true, order: null };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dot path of a plain object (`entity.id`), or undefined. */
export function valueAt(item: object, path: string): unknown {
  let current: unknown = item;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(type: XFilterFieldType): string {
  return { string: 'a string', number: 'a number', boolean: 'true or false', 'string[]': 'a string', datetime: 'a date-time string' }[type];
}

function fitsEquality(type: XFilterFieldType, value: Json): boolean {
  if (value === null) return true;
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}

function equals(actual: unknown, expected: Json): boolean {
  if (Array.isArray(actual)) return actual.includes(expected);
  return (actual ?? null) === expected;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const left = typeof a === 'string' ? a : (JSON.stringify(a) ?? '');
  const right = typeof b === 'string' ? b : (JSON.stringify(b) ?? '');
  return left < right ? -1 : left > right ? 1 : 0;
}

function compileOperator(field: string, type: XFilterFieldType, operator: string, value: Json): Predicate {
  if (!FIELD_OPERATORS.has(operator)) throw new XFilterError(`Unknown operator ${operator}`);
  if (operator === '+neq') {
    if (!fitsEquality(type, value)) throw new XFilterError(`Invalid value for ${field}: expected ${describe(type)}`);
    return (item) => !equals(valueAt(item, field), value);
  }
  if (operator === '+contains') {
    if (type === 'number' || type === 'boolean') throw new XFilterError(`${operator} cannot be used on ${field}`);
    if (typeof value !== 'string') throw new XFilterError(`Invalid value for ${field} ${operator}: expected a string`);
    const needle = value.toLowerCase();
    const contains = (actual: unknown) => typeof actual === 'string' && actual.toLowerCase().includes(needle);
    return (item) => {
      const actual = valueAt(item, field);
      return Array.isArray(actual) ? actual.some(contains) : contains(actual);
    };
  }
  // +gt, +gte, +lt, +lte: numbers on number fields, ISO strings on date-time fields.
  if (type !== 'number' && type !== 'datetime') throw new XFilterError(`${operator} cannot be used on ${field}`);
  const expected = type === 'number' ? 'number' : 'string';
  if (typeof value !== expected || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new XFilterError(`Invalid value for ${field} ${operator}: expected ${describe(type)}`);
  }
  const test = {
    '+gt': (c: number) => c > 0,
    '+gte': (c: number) => c >= 0,
    '+lt': (c: number) => c < 0,
    '+lte': (c: number) => c <= 0,
  }[operator as '+gt' | '+gte' | '+lt' | '+lte'];
  return (item) => {
    const actual = valueAt(item, field);
    return typeof actual === expected && test(compare(actual, value));
  };
}

function compileField(field: string, value: Json, spec: XFilterSpec): Predicate {
  const type = spec.fields[field];
  if (type === undefined) throw new XFilterError(`Cannot filter on ${field}`);
  if (isObject(value)) {
    const predicates = Object.entries(value).map(([operator, operand]) => compileOperator(field, type, operator, operand));
    return (item) => predicates.every((predicate) => predicate(item));
  }
  if (Array.isArray(value) || !fitsEquality(type, value)) {
    throw new XFilterError(`Invalid value for ${field}: expected ${describe(type)}`);
  }
  return (item) => equals(valueAt(item, field), value);
}

function compileObject(filter: JsonObject, spec: XFilterSpec, topLevel: boolean): Predicate {
  const predicates: Predicate[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (ORDERING.has(key)) {
      if (!topLevel) throw new XFilterError(`${key} is only allowed at the top level`);
      continue;
    }
    if (COMBINATORS.has(key)) {
      if (!Array.isArray(value) || !value.every(isObject)) {
        throw new XFilterError(`${key} must be an array of filter objects`);
      }
      const parts = value.map((part) => compileObject(part, spec, false));
      predicates.push(key === '+and' ? (item) => parts.every((p) => p(item)) : (item) => parts.some((p) => p(item)));
      continue;
    }
    if (key.startsWith('+')) {
      throw new XFilterError(FIELD_OPERATORS.has(key) ? `${key} must be applied to a field` : `Unknown operator ${key}`);
    }
    predicates.push(compileField(key, value, spec));
  }
  return (item) => predicates.every((predicate) => predicate(item));
}

function compileOrder(filter: JsonObject, spec: XFilterSpec): CompiledXFilter['order'] {
  const field = filter['+order_by'];
  const direction = filter['+order'];
  if (field === undefined) {
    if (direction !== undefined) throw new XFilterError('+order requires +order_by');
    return null;
  }
  if (typeof field !== 'string') throw new XFilterError('+order_by must name a field');
  const type = spec.fields[field];
  if (type === undefined) throw new XFilterError(`Cannot filter on ${field}`);
  if (type === 'string[]' || spec.unorderable?.includes(field)) throw new XFilterError(`Cannot order by ${field}`);
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
    throw new XFilterError('+order must be "asc" or "desc"');
  }
  return { field, direction: direction ?? 'asc' };
}

/** Parses an `X-Filter` header value; no header (or an empty one) matches everything. */
export function parseXFilter(header: string | undefined, spec: XFilterSpec): CompiledXFilter {
  if (header === undefined || header.trim() === '') return MATCH_ALL;
  let parsed: Json;
  try {
    parsed = JSON.parse(header) as Json;
  } catch {
    throw new XFilterError('X-Filter is not valid JSON');
  }
  if (!isObject(parsed)) throw new XFilterError('X-Filter must be a JSON object');
  return { matches: compileObject(parsed, spec, true), order: compileOrder(parsed, spec) };
}

/**
 * The items that match, in the filter's order when it has one (ties broken by the spec's
 * tiebreaker, then by the incoming order), otherwise in the incoming order.
 */
export function applyXFilter<T extends object>(items: readonly T[], filter: CompiledXFilter, spec: XFilterSpec): T[] {
  const matching = items.filter((item) => filter.matches(item));
  const { order } = filter;
  if (order === null) return matching;
  const sign = order.direction === 'asc' ? 1 : -1;
  const tiebreaker = spec.tiebreaker;
  return matching
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        sign * compare(valueAt(a.item, order.field), valueAt(b.item, order.field)) ||
        (tiebreaker ? sign * compare(valueAt(a.item, tiebreaker), valueAt(b.item, tiebreaker)) : 0) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}
