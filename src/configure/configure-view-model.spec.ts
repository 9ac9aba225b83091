import { buildCatalogSnapshot } from '../catalog/catalog-snapshot';
import { sampleCatalog, udfInputField } from '../catalog/testing/catalog-fixtures';
import { configureFormSchema } from './configure-form';
import {
  backupsOptionView,
  buildConfigureViewModel,
  buildPriceSummary,
  describeAge,
  formFieldTable,
  udfFieldView,
} from './configure-view-model';
import { linkedForm } from './deployment-draft';

const snapshot = buildCatalogSnapshot(sampleCatalog(), ['nanode', 'standard', 'dedicated'], 0);
const freshForm = () => linkedForm(configureFormSchema.parse({}), snapshot);

const field = udfInputField;

describe('buildConfigureViewModel', () => {
  it('groups Nanode and Standard plans under Shared CPU', () => {
    const model = buildConfigureViewModel(snapshot, freshForm());
    expect(model.plans.groups.map((g) => [g.heading, g.plans.map((p) => p.id)])).toEqual([
      ['Shared CPU', ['g6-nanode-1', 'g6-standard-1', 'g6-standard-2']],
      ['Dedicated CPU', ['g6-dedicated-2']],
    ]);
  });

  it('links each error in the summary to its field in page order, radio groups to their first choice', () => {
    const model = buildConfigureViewModel(snapshot, freshForm(), {
      region: 'Choose a region.',
      type: 'Choose a plan.',
      udf_SIZE: 'Choose an option.',
      udf_ADMIN_EMAIL: 'Enter a value.',
    });
    expect(model.errorSummary).toEqual([
      { href: '#region', label: 'Region', message: 'Choose a region.' },
      { href: '#plan-g6-nanode-1', label: 'Plan', message: 'Choose a plan.' },
      { href: '#udf-ADMIN_EMAIL', label: 'Admin email address', message: 'Enter a value.' },
      { href: '#udf-SIZE-0', label: 'Deployment size', message: 'Choose an option.' },
    ]);
    expect(model.pageTitle).toBe('Error: Deploy Demo App');
  });

  it("shows a notice with the data's age only when the catalog is stale", () => {
    const fresh = buildConfigureViewModel(snapshot, freshForm(), {}, null);
    const stale = buildConfigureViewModel(snapshot, freshForm(), {}, describeAge(45 * 60_000));
    expect(fresh.catalogNotice).toBeNull();
    expect(stale.catalogNotice).toMatch(/from 45 minutes ago/);
  });
});

describe('buildPriceSummary', () => {
  it('prices the plan in the region and names both', () => {
    const choices = { type: 'g6-standard-2', region: 'id-cgk', image: 'linode/debian12', backupsEnabled: false };
    expect(buildPriceSummary(snapshot, choices)).toEqual({
      complete: true,
      planLabel: 'Linode 4GB',
      regionLabel: 'Jakarta, ID',
      imageLabel: 'Debian 12',
      vcpus: 2,
      memoryGb: 4,
      diskGb: 80,
      transferTb: 4,
      backupsMonthly: null,
      monthly: '$28.80',
      hourly: '$0.043',
    });
  });

  it('is incomplete for a plan or region not on offer', () => {
    const offMenu = { image: null, backupsEnabled: false };
    expect(buildPriceSummary(snapshot, { ...offMenu, type: 'g6-standard-2', region: 'us-den-edge-1' }).complete).toBe(false);
    expect(buildPriceSummary(snapshot, { ...offMenu, type: 'g1-gpu-rtx6000-1', region: 'us-east' }).complete).toBe(false);
  });

  it('adds the backups line and shows the total with backups when they are chosen', () => {
    const summary = buildPriceSummary(snapshot, { type: 'g6-nanode-1', region: 'id-cgk', image: null, backupsEnabled: true });
    expect(summary).toMatchObject({ backupsMonthly: '$2.40', monthly: '$8.40', hourly: '$0.0126' });
  });

  it('prices the plan alone when backups are chosen but not offered', () => {
    const withoutBackups = { ...snapshot, plans: snapshot.plans.map((plan) => ({ ...plan, addons: { backups: null } })) };
    const summary = buildPriceSummary(withoutBackups, { type: 'g6-nanode-1', region: 'us-east', image: null, backupsEnabled: true });
    expect(summary).toMatchObject({ backupsMonthly: null, monthly: '$5.00' });
  });
});

describe('backupsOptionView', () => {
  it('prices the checkbox for the chosen plan in the chosen region', () => {
    expect(backupsOptionView(snapshot, { type: 'g6-nanode-1', region: 'us-east', backupsEnabled: false }, null)).toMatchObject({
      id: 'backups-enabled',
      name: 'backups_enabled',
      offered: true,
      checked: false,
      monthly: '$2.00',
    });
    expect(backupsOptionView(snapshot, { type: 'g6-nanode-1', region: 'id-cgk', backupsEnabled: true }, null)).toMatchObject({
      checked: true,
      monthly: '$2.40',
    });
  });

  it('is unchecked and not offered for a plan without backups, with the message beside it', () => {
    const withoutBackups = { ...snapshot, plans: snapshot.plans.map((plan) => ({ ...plan, addons: { backups: null } })) };
    const option = backupsOptionView(withoutBackups, { type: 'g6-nanode-1', region: 'us-east', backupsEnabled: true }, 'Not offered.');
    expect(option).toMatchObject({
      offered: false,
      checked: false,
      monthly: null,
      error: 'Not offered.',
      errorId: 'backups-enabled-error',
    });
  });
});

describe('udfFieldView', () => {
  it('presents an example as one, unless it already says so', () => {
    expect(udfFieldView(field({ example: 'you@example.com' }), [], null).help).toBe('For example: you@example.com');
    expect(udfFieldView(field({ example: 'Example: admin' }), [], null).help).toBe('Example: admin');
  });

  it('gives a required select an empty first option, and an optional one with its default none', () => {
    const select = field({ kind: 'select', choices: ['a', 'b', 'c', 'd', 'e'] });
    expect(udfFieldView(select, ['b'], null).emptyOption).toBe(true);
    expect(udfFieldView({ ...select, required: false, default: 'b' }, ['b'], null).emptyOption).toBe(false);
  });

  it('marks the chosen values of a multiple choice', () => {
    const many = udfFieldView(field({ kind: 'multiselect', choices: ['x', 'y', 'z'] }), ['x', 'z'], null);
    expect(many.choices.map((c) => c.checked)).toEqual([true, false, true]);
  });

  it("never renders a secret's value, unless it is the StackScript's own default", () => {
    expect(udfFieldView(field({ kind: 'password' }), ['typed-secret'], null).value).toBe('');
    expect(udfFieldView(field({ kind: 'password', default: 'changeme' }), ['changeme'], null).value).toBe('changeme');
    expect(udfFieldView(field({}), ['x'.repeat(20_000)], null).value).toHaveLength(16_385);
  });

  it('validates only plain text fields inline', () => {
    expect(udfFieldView(field({}), [], null).validation).toEqual({ vals: '{"field":"udf_F"}', params: 'field,udf_F' });
    expect(udfFieldView(field({ kind: 'password' }), [], null).validation).toBeNull();
  });
});

describe('formFieldTable', () => {
  it('names the error element of each field, in page order', () => {
    const table = formFieldTable(snapshot);
    const errorIdOf = (name: string) => table.find((field) => field.name === name)?.errorId;
    expect(errorIdOf('type')).toBe('plans-error');
    expect(errorIdOf('authorized_keys')).toBe('authorized-keys-error');
    expect(errorIdOf('udf_DB_PASSWORD')).toBe('udf-DB_PASSWORD-error');
    expect(errorIdOf('udf_NOPE')).toBeUndefined();
    expect(table.map((field) => field.name)).toEqual([
      'region',
      'type',
      'image',
      'udf_ADMIN_EMAIL',
      'udf_DB_PASSWORD',
      'udf_SIZE',
      'udf_FEATURES',
      'stackscript_data',
      'label',
      'authorized_keys',
      'backups_enabled',
    ]);
  });
});

describe('describeAge', () => {
  it('speaks in minutes, then hours', () => {
    expect(describeAge(20_000)).toBe('less than a minute ago');
    expect(describeAge(60_000)).toBe('1 minute ago');
    expect(describeAge(3 * 3_600_000)).toBe('3 hours ago');
  });
});

describe('inline validation of a UDF whose name holds a comma', () => {
  it('lists its input name in hx-params as one name', () => {
    const data = sampleCatalog();
    data.stackScript.user_defined_fields = [{ name: 'hosts,extra', label: 'Hosts' }];
    const [field] = buildCatalogSnapshot(data, ['nanode'], 0).udfForm.fields;
    const params = udfFieldView(field, [], null).validation!.params.split(',');
    expect(params).toContain(field.inputName);
    expect(params).toEqual(['field', field.inputName]);
  });
});
