import type { UserDefinedField } from '../../linode/linode.readers';
import { parseUserDefinedFields, type UdfInputField } from './udf-form';

function onlyField(udf: UserDefinedField): UdfInputField {
  const form = parseUserDefinedFields([udf]);
  expect(form.fields).toHaveLength(1);
  return form.fields[0];
}

describe('parseUserDefinedFields', () => {
  describe('field kinds', () => {
    it('makes a plain UDF a text field with its example as help text', () => {
      const field = onlyField({ name: 'DOMAIN', label: 'Domain', example: 'example.com' });
      expect(field).toMatchObject({
        kind: 'text',
        name: 'DOMAIN',
        inputName: 'udf_DOMAIN',
        id: 'udf-DOMAIN',
        label: 'Domain',
        example: 'example.com',
      });
    });

    it('makes a UDF whose name contains "password" in any case a password field', () => {
      expect(onlyField({ name: 'db_PassWord', label: 'DB' }).kind).toBe('password');
      expect(onlyField({ name: 'ADMIN_PASSWORD_CONFIRM', label: 'Again' }).kind).toBe('password');
    });

    it('makes a UDF whose name marks a token or secret a password field, as real Marketplace apps name them', () => {
      expect(onlyField({ name: 'token_password', label: 'Your Linode API token' }).kind).toBe('password');
      expect(onlyField({ name: 'api_token', label: 'API token' }).kind).toBe('password');
      expect(onlyField({ name: 'LINODE_TOKEN', label: 'Token' }).kind).toBe('password');
      expect(onlyField({ name: 'client_secret', label: 'Secret' }).kind).toBe('password');
      expect(onlyField({ name: 'tokenizer', label: 'Tokenizer' }).kind).toBe('text');
    });

    it('makes a UDF whose label marks a secret a password field', () => {
      expect(onlyField({ name: 'DB_VALUE', label: 'Database password' }).kind).toBe('password');
      expect(onlyField({ name: 'ADMIN_PW', label: 'Administrator' }).kind).toBe('password');
    });

    it('makes a field with a `required` key required even when it has a default (Cloud Manager’s rule)', () => {
      const form = parseUserDefinedFields([
        { name: 'optional', label: 'Optional', default: 'x' },
        { name: 'marked', label: 'Marked', default: 'y', required: 'true' },
      ]);
      expect(form.required.flatMap((section) => section.fields).map((field) => field.name)).toEqual(['marked']);
      expect(form.fields.find((field) => field.name === 'marked')).toMatchObject({ required: true, default: 'y' });
    });

    it('does not treat `required: false` or null as required', () => {
      expect(onlyField({ name: 'a', label: 'A', default: 'x', required: false }).required).toBe(false);
      expect(onlyField({ name: 'a', label: 'A', default: 'x', required: null }).required).toBe(false);
    });

    it('keeps a very long oneof list whole, as a select', () => {
      const choices = Array.from({ length: 300 }, (_, index) => `zone-${index}`);
      const field = onlyField({ name: 'ZONE', label: 'Zone', oneof: choices.join(','), default: 'zone-0' });
      expect(field).toMatchObject({ kind: 'select', choices });
    });

    it('makes oneof with up to four choices radio buttons', () => {
      const field = onlyField({ name: 'SIZE', label: 'Size', oneof: 'a,b,c,d' });
      expect(field).toMatchObject({ kind: 'radio', choices: ['a', 'b', 'c', 'd'] });
    });

    it('makes oneof with more than four choices a select', () => {
      const field = onlyField({ name: 'SIZE', label: 'Size', oneof: 'a,b,c,d,e' });
      expect(field).toMatchObject({ kind: 'select', choices: ['a', 'b', 'c', 'd', 'e'] });
    });

    it('reads the spec casing oneOf as well', () => {
      expect(onlyField({ name: 'SIZE', label: 'Size', oneOf: 'x,y' })).toMatchObject({ kind: 'radio', choices: ['x', 'y'] });
    });

    it('makes manyof a multiple choice', () => {
      expect(onlyField({ name: 'F', label: 'F', manyof: 'mail,web' })).toMatchObject({ kind: 'multiselect', choices: ['mail', 'web'] });
    });

    it('reads the spec casing manyOf as well', () => {
      expect(onlyField({ name: 'F', label: 'F', manyOf: 'mail,web' })).toMatchObject({ kind: 'multiselect', choices: ['mail', 'web'] });
    });

    it('prefers the lowercase key when a UDF carries both casings', () => {
      expect(onlyField({ name: 'S', label: 'S', oneof: 'a,b', oneOf: 'x,y' }).choices).toEqual(['a', 'b']);
    });

    it('lets multiple choice win over single choice, and choices over a password name', () => {
      expect(onlyField({ name: 'PASSWORD_MODE', label: 'M', oneof: 'a,b', manyof: 'c,d' }).kind).toBe('multiselect');
      expect(onlyField({ name: 'PASSWORD_MODE', label: 'M', oneof: 'a,b' }).kind).toBe('radio');
    });

    it('treats an empty choice list as a plain text field', () => {
      expect(onlyField({ name: 'X', label: 'X', oneof: '' }).kind).toBe('text');
    });

    it('keeps choice values exactly as Linode lists them, dropping empty and repeated ones', () => {
      expect(onlyField({ name: 'X', label: 'X', oneof: 'Yes, No,,Yes' }).choices).toEqual(['Yes', ' No']);
    });
  });

  describe('required and optional', () => {
    it('makes a UDF without a default required', () => {
      expect(onlyField({ name: 'A', label: 'A' })).toMatchObject({ required: true, default: null });
    });

    it('makes a UDF with default null required, with no default', () => {
      expect(onlyField({ name: 'A', label: 'A', default: null })).toMatchObject({ required: true, default: null });
    });

    it('makes a UDF with a default optional and pre-fills the default', () => {
      expect(onlyField({ name: 'A', label: 'A', default: 'x' })).toMatchObject({ required: false, default: 'x' });
    });

    it('makes a UDF with an empty default optional', () => {
      expect(onlyField({ name: 'A', label: 'A', default: '' })).toMatchObject({ required: false, default: '' });
    });

    it('shows required fields first and the optional ones under advanced options', () => {
      const form = parseUserDefinedFields([
        { name: 'OPT1', label: 'o1', default: 'a' },
        { name: 'REQ1', label: 'r1' },
        { name: 'OPT2', label: 'o2', default: 'b' },
        { name: 'REQ2', label: 'r2', default: null },
      ]);
      expect(form.fields.map((f) => f.name)).toEqual(['REQ1', 'REQ2', 'OPT1', 'OPT2']);
      expect(form.required).toEqual([{ heading: null, fields: [form.fields[0], form.fields[1]] }]);
      expect(form.advanced).toEqual([{ heading: null, fields: [form.fields[2], form.fields[3]] }]);
    });

    it('has no sections when the StackScript has no UDFs', () => {
      expect(parseUserDefinedFields([])).toEqual({ fields: [], required: [], advanced: [] });
    });
  });

  describe('headers', () => {
    const form = parseUserDefinedFields([
      { name: 'A', label: 'a', default: '1' },
      { name: 'mail_header', label: 'Mail settings', header: 'Yes', default: 'Yes' },
      { name: 'B', label: 'b', default: '2' },
      { name: 'C', label: 'c', default: '3' },
      { name: 'dns_header', label: 'DNS settings', header: 'yes', default: 'Yes' },
      { name: 'D', label: 'd', default: '4' },
    ]);

    it('starts a new section at each header, named by its label', () => {
      expect(form.advanced.map((s) => [s.heading, s.fields.map((f) => f.name)])).toEqual([
        [null, ['A']],
        ['Mail settings', ['B', 'C']],
        ['DNS settings', ['D']],
      ]);
    });

    it('does not turn a header into an input', () => {
      expect(form.fields.map((f) => f.name)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('treats header values other than "yes" as an ordinary field, as Cloud Manager does', () => {
      expect(onlyField({ name: 'H', label: 'h', header: 'no' }).kind).toBe('text');
    });

    it('keeps a header with no fields after it as an empty section', () => {
      const trailing = parseUserDefinedFields([{ name: 'H', label: 'Later', header: 'yes' }]);
      expect(trailing.required).toEqual([{ heading: 'Later', fields: [] }]);
    });
  });

  describe('names and ids', () => {
    it('keeps the first of two UDFs with the same name', () => {
      const form = parseUserDefinedFields([
        { name: 'A', label: 'first' },
        { name: 'A', label: 'second' },
      ]);
      expect(form.fields.map((f) => f.label)).toEqual(['first']);
    });

    it('makes DOM ids safe and unique even when names differ only in unsafe characters', () => {
      const form = parseUserDefinedFields([
        { name: 'a b', label: 'x' },
        { name: 'a"b', label: 'y' },
      ]);
      expect(form.fields.map((f) => f.id)).toEqual(['udf-a_b', 'udf-a_b-2']);
      expect(form.fields.map((f) => f.inputName)).toEqual(['udf_a%20b', 'udf_a"b']);
    });

    it('percent-encodes commas, spaces and % in input names, so that hx-params can list them', () => {
      const form = parseUserDefinedFields([
        { name: 'a,b', label: 'x' },
        { name: 'a%2Cb', label: 'y' },
        { name: ' c ', label: 'z' },
      ]);
      expect(form.fields.map((f) => f.inputName)).toEqual(['udf_a%2Cb', 'udf_a%252Cb', 'udf_%20c%20']);
    });

    it('falls back to the name when the label is empty', () => {
      expect(onlyField({ name: 'A', label: '' }).label).toBe('A');
    });
  });
});
