import type { UserDefinedField } from '../../contract/linode.contract';
import { stackScriptDataErrors } from './stackscript-data';

const udfs: UserDefinedField[] = [
  { name: 'DOMAIN', label: 'Domain', example: 'example.com' },
  { name: 'DB_PASSWORD', label: 'Database password', default: null },
  { name: 'TITLE', label: 'Title', default: 'My App' },
  { name: 'WEB', label: 'Web server', oneof: 'nginx,apache', default: 'nginx' },
  { name: 'ZONE', label: 'Zone', oneof: 'UTC,Asia/Tokyo' },
  { name: 'PKGS', label: 'Packages', manyof: 'git,htop,ufw', default: '' },
];

const valid = { DOMAIN: 'example.com', DB_PASSWORD: 'hunter2hunter2', ZONE: 'UTC' };

describe('stackScriptDataErrors', () => {
  it('accepts values for every required UDF', () => {
    expect(stackScriptDataErrors(udfs, valid)).toEqual([]);
  });

  it('accepts listed choices, including several for a multiple choice', () => {
    expect(stackScriptDataErrors(udfs, { ...valid, WEB: 'apache', PKGS: 'git,ufw' })).toEqual([]);
  });

  it('names each missing or empty required UDF', () => {
    expect(stackScriptDataErrors(udfs, { DB_PASSWORD: '', ZONE: 'UTC' })).toEqual([
      { field: 'stackscript_data.DOMAIN', reason: 'A value for DOMAIN is required' },
      { field: 'stackscript_data.DB_PASSWORD', reason: 'A value for DB_PASSWORD is required' },
    ]);
  });

  it('treats missing data as empty', () => {
    expect(stackScriptDataErrors(udfs, undefined).map((e) => e.field)).toEqual([
      'stackscript_data.DOMAIN',
      'stackscript_data.DB_PASSWORD',
      'stackscript_data.ZONE',
    ]);
  });

  it('refuses a single choice that is not in the list (either casing of the key)', () => {
    expect(stackScriptDataErrors(udfs, { ...valid, WEB: 'iis', ZONE: 'Mars/Base' })).toEqual([
      { field: 'stackscript_data.WEB', reason: 'Must be one of: nginx, apache' },
      { field: 'stackscript_data.ZONE', reason: 'Must be one of: UTC, Asia/Tokyo' },
    ]);
  });

  it('refuses a multiple choice with a value outside the list', () => {
    expect(stackScriptDataErrors(udfs, { ...valid, PKGS: 'git,emacs' })).toEqual([
      { field: 'stackscript_data.PKGS', reason: 'Each value must be one of: git, htop, ufw' },
    ]);
  });

  it('refuses values that are not strings', () => {
    expect(stackScriptDataErrors(udfs, { ...valid, TITLE: 42 })).toEqual([{ field: 'stackscript_data.TITLE', reason: 'Must be a string' }]);
  });

  it('ignores keys no UDF declares', () => {
    expect(stackScriptDataErrors(udfs, { ...valid, SOMETHING_ELSE: 'x' })).toEqual([]);
  });

  it('refuses data that is not an object', () => {
    expect(stackScriptDataErrors(udfs, ['x'])).toEqual([{ field: 'stackscript_data', reason: 'Must be an object of UDF names to values' }]);
  });

  it('refuses data longer than 65,535 characters as JSON', () => {
    expect(stackScriptDataErrors(udfs, { ...valid, TITLE: 'x'.repeat(65_535) })).toEqual([
      { field: 'stackscript_data', reason: 'Must be at most 65,535 characters as JSON' },
    ]);
  });
});
