/**
 * Reading a submitted form without trusting it. A body parser hands over a string, an array of
 * strings (a repeated field), or — with extended parsing or a hand-made request — anything at all.
 */
export type RawForm = Readonly<Record<string, unknown>>;

/** Every string value sent under `name`; `undefined` when the field was not sent at all. */
export function formValues(form: RawForm, name: string): string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(form, name)) return undefined;
  const value = form[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export type SingleValue = { ok: true; value: string } | { ok: false; reason: 'repeated' | 'malformed' };

/** The one value of a single-valued field; absent counts as empty. */
export function singleValue(form: RawForm, name: string): SingleValue {
  if (!Object.prototype.hasOwnProperty.call(form, name)) return { ok: true, value: '' };
  const raw = form[name];
  if (typeof raw === 'string') return { ok: true, value: raw };
  if (Array.isArray(raw)) {
    if (raw.length > 1) return { ok: false, reason: 'repeated' };
    if (raw.length === 0) return { ok: true, value: '' };
    if (typeof raw[0] === 'string') return { ok: true, value: raw[0] };
  }
  return { ok: false, reason: 'malformed' };
}

/** The message for a single-valued field that came repeated or not as text. */
export const MALFORMED_FIELD_MESSAGE = 'Send this field once, as text.';

/** Cut an echoed value so a hostile request cannot make us send back megabytes. */
export function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
