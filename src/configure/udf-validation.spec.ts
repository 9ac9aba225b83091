import { udfInputField } from '../catalog/testing/catalog-fixtures';
import { parseUserDefinedFields } from '../catalog/udf/udf-form';
import { STACKSCRIPT_DATA_ERROR_KEY, UDF_VALUE_MAX_LENGTH, validateUdfField, validateUdfValues } from './udf-validation';

const field = udfInputField;

describe('validateUdfField', () => {
  describe('text and password', () => {
    it('accepts a value as sent, without trimming it', () => {
      expect(validateUdfField(field(), [' pass word '])).toEqual({ ok: true, value: ' pass word ' });
    });

    it('asks for a value when a required field is empty, blank or missing', () => {
      expect(validateUdfField(field(), [''])).toEqual({ ok: false, error: 'Enter a value.' });
      expect(validateUdfField(field(), ['   '])).toEqual({ ok: false, error: 'Enter a value.' });
      expect(validateUdfField(field(), undefined)).toEqual({ ok: false, error: 'Enter a value.' });
    });

    it('asks for a password when a required password field is empty', () => {
      expect(validateUdfField(field({ kind: 'password' }), [''])).toEqual({ ok: false, error: 'Enter a password.' });
    });

    it('sends an optional field sent empty as empty, so a cleared default stays cleared', () => {
      expect(validateUdfField(field({ required: false, default: 'x' }), [''])).toEqual({ ok: true, value: '' });
    });

    it('leaves out an optional field that was not sent, so Linode applies its default', () => {
      expect(validateUdfField(field({ required: false, default: 'x' }), undefined)).toEqual({ ok: true, value: undefined });
    });

    it('rejects a value longer than the per-field limit', () => {
      const result = validateUdfField(field(), ['x'.repeat(UDF_VALUE_MAX_LENGTH + 1)]);
      expect(result).toEqual({ ok: false, error: 'Use at most 16,384 characters.' });
    });

    it('accepts a value exactly at the per-field limit', () => {
      expect(validateUdfField(field(), ['x'.repeat(UDF_VALUE_MAX_LENGTH)]).ok).toBe(true);
    });

    it('rejects control characters', () => {
      expect(validateUdfField(field(), ['a\u0000b'])).toEqual({ ok: false, error: 'Remove the control characters from this value.' });
    });

    it('rejects a single-valued field sent twice', () => {
      expect(validateUdfField(field(), ['a', 'b'])).toEqual({ ok: false, error: 'Send this field once, as text.' });
    });
  });

  describe('single choice', () => {
    const radio = field({ kind: 'radio', choices: ['small', 'large'] });

    it('accepts one of the choices', () => {
      expect(validateUdfField(radio, ['large'])).toEqual({ ok: true, value: 'large' });
    });

    it('rejects a value that is not a choice', () => {
      expect(validateUdfField(radio, ['huge'])).toEqual({ ok: false, error: 'Choose one of the listed options.' });
    });

    it('asks for a choice when a required one is missing', () => {
      expect(validateUdfField(radio, undefined)).toEqual({ ok: false, error: 'Choose an option.' });
      expect(validateUdfField({ ...radio, kind: 'select' }, [''])).toEqual({ ok: false, error: 'Choose an option.' });
    });

    it('leaves out an optional choice left empty, so Linode applies its default', () => {
      expect(validateUdfField({ ...radio, required: false, default: 'small' }, [''])).toEqual({ ok: true, value: undefined });
    });
  });

  describe('multiple choice', () => {
    const many = field({ kind: 'multiselect', choices: ['mail', 'web', 'dns'] });

    it("joins the chosen values with commas, in the StackScript's order, once each", () => {
      expect(validateUdfField(many, ['dns', 'mail', 'dns'])).toEqual({ ok: true, value: 'mail,dns' });
    });

    it('rejects any value that is not a choice', () => {
      expect(validateUdfField(many, ['mail', 'ftp'])).toEqual({ ok: false, error: 'Choose only from the listed options.' });
    });

    it('rejects a comma-joined value smuggled in as one choice', () => {
      expect(validateUdfField(many, ['mail,web']).ok).toBe(false);
    });

    it('asks for at least one choice when required', () => {
      expect(validateUdfField(many, undefined)).toEqual({ ok: false, error: 'Choose at least one option.' });
    });

    it('sends an empty list when an optional multiple choice has nothing chosen', () => {
      expect(validateUdfField({ ...many, required: false, default: 'mail' }, undefined)).toEqual({ ok: true, value: '' });
    });
  });
});

describe('validateUdfValues', () => {
  const form = parseUserDefinedFields([
    { name: 'EMAIL', label: 'Email' },
    { name: 'SIZE', label: 'Size', oneof: 'small,large', default: 'small' },
    { name: 'FEATURES', label: 'Features', manyOf: 'mail,web', default: 'mail' },
    { name: 'section', label: 'More', header: 'yes', default: 'yes' },
    { name: 'NOTE', label: 'Note', default: 'hello' },
  ]);

  it('builds stackscript_data from valid values, without headers', () => {
    const result = validateUdfValues(form, {
      udf_EMAIL: ['me@example.com'],
      udf_SIZE: ['large'],
      udf_FEATURES: ['web', 'mail'],
      udf_NOTE: ['hi'],
    });
    expect(result).toEqual({
      data: { EMAIL: 'me@example.com', SIZE: 'large', FEATURES: 'mail,web', NOTE: 'hi' },
      errors: {},
    });
  });

  it('keys errors by input name', () => {
    const result = validateUdfValues(form, { udf_SIZE: ['medium'] });
    expect(result.errors).toEqual({ udf_EMAIL: 'Enter a value.', udf_SIZE: 'Choose one of the listed options.' });
  });

  it('ignores fields that are not UDFs of this StackScript', () => {
    const result = validateUdfValues(form, { udf_EMAIL: ['a'], udf_OTHER: ['x'], EMAIL: ['y'] });
    expect(result.data).not.toHaveProperty('OTHER');
    expect(result.data.EMAIL).toBe('a');
  });

  it('rejects settings whose JSON is longer than 65,535 characters in total', () => {
    const big = parseUserDefinedFields(Array.from({ length: 5 }, (_, i) => ({ name: `F${i}`, label: `F${i}` })));
    const submitted = Object.fromEntries(big.fields.map((f) => [f.inputName, ['x'.repeat(14_000)]]));
    const result = validateUdfValues(big, submitted);
    expect(Object.keys(result.errors)).toEqual([STACKSCRIPT_DATA_ERROR_KEY]);
  });
});
