import { clip, formValues, singleValue } from './raw-form';

describe('formValues', () => {
  it('is undefined for a field that was not sent', () => {
    expect(formValues({}, 'a')).toBeUndefined();
  });

  it('does not read inherited properties', () => {
    expect(formValues({}, 'toString')).toBeUndefined();
    expect(formValues({}, '__proto__')).toBeUndefined();
  });

  it('gives a single value as a list of one, repeated values as sent, and drops non-text', () => {
    expect(formValues({ a: 'x' }, 'a')).toEqual(['x']);
    expect(formValues({ a: ['x', 'y'] }, 'a')).toEqual(['x', 'y']);
    expect(formValues({ a: ['x', { b: 1 }] }, 'a')).toEqual(['x']);
    expect(formValues({ a: { b: 1 } }, 'a')).toEqual([]);
  });
});

describe('singleValue', () => {
  it('gives the value, or empty when the field was not sent', () => {
    expect(singleValue({ a: 'x' }, 'a')).toEqual({ ok: true, value: 'x' });
    expect(singleValue({}, 'a')).toEqual({ ok: true, value: '' });
    expect(singleValue({ a: ['x'] }, 'a')).toEqual({ ok: true, value: 'x' });
  });

  it('refuses a repeated or non-text value', () => {
    expect(singleValue({ a: ['x', 'x'] }, 'a')).toEqual({ ok: false, reason: 'repeated' });
    expect(singleValue({ a: { b: 'x' } }, 'a')).toEqual({ ok: false, reason: 'malformed' });
    expect(singleValue({ a: 5 }, 'a')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('clip', () => {
  it('cuts long values and leaves short ones alone', () => {
    expect(clip('abcdef', 3)).toBe('abc');
    expect(clip('ab', 3)).toBe('ab');
  });
});
