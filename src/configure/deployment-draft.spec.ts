import { buildCatalogSnapshot, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { sampleCatalog } from '../catalog/testing/catalog-fixtures';
import { configureFormSchema } from './configure-form';
import {
  backupsPriceMessage,
  BACKUPS_NOT_OFFERED_MESSAGE,
  linkedForm,
  PASSWORD_REENTER_MESSAGE,
  formOfDraft,
  validateConfigureForm,
  withPasswordReentry,
  type DeploymentDraft,
  type DraftValidation,
} from './deployment-draft';
import { buildConfigureViewModel } from './configure-view-model';
import { LABEL_INPUT_MESSAGE } from './label-input';

/** A body as a browser (or a hostile client) would post it. */
type Body = Record<string, unknown>;

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0nHVCkA4YPuDnuqevaGzQM/BypleJ4P75d86baLAXt me@laptop';

function snapshotWith(udfs = sampleCatalog().stackScript.user_defined_fields): CatalogSnapshot {
  const data = sampleCatalog();
  data.stackScript.user_defined_fields = udfs;
  return buildCatalogSnapshot(data, ['nanode', 'standard', 'dedicated'], 0);
}

const snapshot = snapshotWith();

const validForm: Body = {
  type: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  label: '',
  authorized_keys: '',
  udf_ADMIN_EMAIL: 'me@example.com',
  udf_DB_PASSWORD: 'correct horse',
  udf_SIZE: 'small',
  udf_FEATURES: 'mail',
  _csrf: 'ignored',
};

function validate(body: Body, snap = snapshot): DraftValidation {
  return validateConfigureForm(configureFormSchema.parse(body), snap);
}

/** A failed submit as the page shows it again: the messages (passwords to type again) and the page's fields. */
function errorsOf(body: Body, snap = snapshot) {
  const result = validate(body, snap);
  if (result.ok) throw new Error('expected errors');
  const form = configureFormSchema.parse(body);
  const errors = withPasswordReentry(result.errors, form, snap);
  const shown = buildConfigureViewModel(snap, form, errors);
  const udfFields = [...shown.udf.required, ...shown.udf.advanced].flatMap((section) => section.fields);
  const udf = (name: string) => udfFields.find((field) => field.name === `udf_${name}`);
  return { errors, shown, udf };
}

describe('validateConfigureForm', () => {
  it('turns a valid form into a draft', () => {
    expect(validate(validForm)).toEqual({
      ok: true,
      draft: {
        stackScriptId: 1234,
        type: 'g6-nanode-1',
        region: 'us-east',
        image: 'linode/debian12',
        label: null,
        authorizedKeys: [],
        stackScriptData: { ADMIN_EMAIL: 'me@example.com', DB_PASSWORD: 'correct horse', SIZE: 'small', FEATURES: 'mail' },
        backupsEnabled: false,
        backupsMonthlyPrice: null,
      },
    });
  });

  it('carries the backups choice and its accepted price into the draft', () => {
    expect(validate({ ...validForm, backups_enabled: 'true' })).toMatchObject({
      ok: true,
      draft: { backupsEnabled: true, backupsMonthlyPrice: 2 },
    });
  });

  it('refuses backups for a plan Linode offers none with, on the backups field', () => {
    const withoutBackups = { ...snapshot, plans: snapshot.plans.map((plan) => ({ ...plan, addons: { backups: null } })) };
    expect(validate({ ...validForm, backups_enabled: 'true' }, withoutBackups)).toEqual({
      ok: false,
      errors: { backups_enabled: BACKUPS_NOT_OFFERED_MESSAGE },
    });
    expect(validate(validForm, withoutBackups).ok).toBe(true);
  });

  it('takes backups at the price the page showed beside the checkbox', () => {
    expect(validate({ ...validForm, backups_enabled: 'true', backups_price: '2' })).toMatchObject({ ok: true });
  });

  it('refuses backups at a price the page did not show (a plan changed without JavaScript), naming the price', () => {
    expect(validate({ ...validForm, type: 'g6-standard-2', backups_enabled: 'true', backups_price: '2' })).toEqual({
      ok: false,
      errors: { backups_enabled: backupsPriceMessage(2.5) },
    });
    expect(backupsPriceMessage(2.5)).toContain('$2.50/month');
  });

  it('carries a label and SSH keys into the draft', () => {
    const result = validate({ ...validForm, label: ' web-1 ', authorized_keys: `${KEY}\n` });
    expect(result.ok && result.draft).toMatchObject({ label: 'web-1', authorizedKeys: [KEY] });
  });

  it('joins multiple choices sent as repeated fields', () => {
    const result = validate({ ...validForm, udf_FEATURES: ['metrics', 'mail'] });
    expect(result.ok && result.draft.stackScriptData.FEATURES).toBe('mail,metrics');
  });

  it.each([
    ['type', 'Choose a plan.', 'Choose one of the plans listed.', 'g1-gpu-rtx6000-1'],
    ['region', 'Choose a region.', 'Choose one of the regions listed.', 'us-den-edge-1'],
    ['image', 'Choose an image.', 'Choose one of the images listed.', 'linode/debian10'],
  ])('rejects a missing or unoffered %s', (field, missing, unknown, notOffered) => {
    const { [field]: _omitted, ...withoutField } = validForm;
    expect(errorsOf(withoutField).errors[field]).toBe(missing);
    expect(errorsOf({ ...validForm, [field]: '' }).errors[field]).toBe(missing);
    expect(errorsOf({ ...validForm, [field]: 'nonsense' }).errors[field]).toBe(unknown);
    expect(errorsOf({ ...validForm, [field]: notOffered }).errors[field]).toBe(unknown);
  });

  it('rejects a choice sent twice, even when both values are valid', () => {
    expect(errorsOf({ ...validForm, type: ['g6-nanode-1', 'g6-standard-1'] }).errors.type).toBe('Send this field once, as text.');
  });

  it('rejects values that are not text (extended body parsing)', () => {
    expect(errorsOf({ ...validForm, region: { $ne: 'x' } }).errors.region).toBe('Send this field once, as text.');
  });

  it('explains the label rule for an invalid label', () => {
    expect(errorsOf({ ...validForm, label: 'my--server' }).errors.label).toBe(LABEL_INPUT_MESSAGE);
  });

  it('rejects an invalid SSH key', () => {
    expect(errorsOf({ ...validForm, authorized_keys: 'ssh-rsa nope' }).errors.authorized_keys).toMatch(/damaged/);
  });

  it('rejects huge SSH key input without echoing more than the limit', () => {
    const result = errorsOf({ ...validForm, authorized_keys: 'x'.repeat(1_000_000) });
    expect(result.errors.authorized_keys).toBe('SSH keys are limited to 16 KB in total.');
    expect(result.shown.authorizedKeys.value.length).toBeLessThanOrEqual(16_385);
  });

  it('reports UDF problems under their input names', () => {
    const result = errorsOf({ ...validForm, udf_ADMIN_EMAIL: '', udf_SIZE: 'huge' });
    expect(result.errors).toMatchObject({ udf_ADMIN_EMAIL: 'Enter a value.', udf_SIZE: 'Choose one of the listed options.' });
  });

  it('lists errors in page order: region, plan, image, settings, label, keys', () => {
    const result = errorsOf({ authorized_keys: 'bad', label: '1', udf_SIZE: 'x' });
    expect(Object.keys(result.errors)).toEqual([
      'region',
      'type',
      'image',
      'udf_ADMIN_EMAIL',
      'udf_DB_PASSWORD',
      'udf_SIZE',
      'label',
      'authorized_keys',
    ]);
  });

  it('ignores fields the form does not have', () => {
    const result = validate({ ...validForm, udf_INJECTED: 'x', ['__proto__']: 'y', stackscript_id: '1' });
    expect(result.ok).toBe(true);
    expect(result.ok && result.draft.stackScriptData).not.toHaveProperty('INJECTED');
  });

  describe('after a failed submit', () => {
    it('never echoes a typed password and asks for it again', () => {
      const result = errorsOf({ ...validForm, label: '!!' });
      expect(result.udf('DB_PASSWORD')?.value).toBe('');
      expect(result.errors.udf_DB_PASSWORD).toBe(PASSWORD_REENTER_MESSAGE);
    });

    it("keeps the password's own problem when it has one", () => {
      const result = errorsOf({ ...validForm, udf_DB_PASSWORD: '' });
      expect(result.errors.udf_DB_PASSWORD).toBe('Enter a password.');
    });

    it("echoes a password field left at the StackScript's public default", () => {
      const snap = snapshotWith([
        { name: 'ADMIN_PASSWORD', label: 'Admin password', default: 'changeme' },
        { name: 'EMAIL', label: 'Email' },
      ]);
      const result = errorsOf({ ...validForm, udf_ADMIN_PASSWORD: 'changeme', udf_EMAIL: '' }, snap);
      expect(result.udf('ADMIN_PASSWORD')?.value).toBe('changeme');
      expect(result.errors).not.toHaveProperty('udf_ADMIN_PASSWORD');
    });

    it('echoes the other values as sent, clipped, with multiple choices kept', () => {
      const result = errorsOf({ ...validForm, label: 'x'.repeat(5000), udf_FEATURES: ['mail', 'backup'] });
      expect(result.shown.region.selected).toBe('us-east');
      expect(result.shown.image.selected).toBe('linode/debian12');
      expect(result.shown.plans.groups.flatMap((group) => group.plans).find((plan) => plan.checked)?.id).toBe('g6-nanode-1');
      expect(result.shown.label.value).toHaveLength(65);
      expect(
        result
          .udf('FEATURES')
          ?.choices.filter((choice) => choice.checked)
          .map((choice) => choice.value),
      ).toEqual(['mail', 'backup']);
      expect(result.udf('ADMIN_EMAIL')?.value).toBe('me@example.com');
    });
  });
});

describe('parsing the posted form', () => {
  it('reads a body that is not an object as an empty form', () => {
    for (const body of [undefined, null, 'text', ['a']]) {
      expect(validateConfigureForm(configureFormSchema.parse(body), snapshot)).toMatchObject({
        ok: false,
        errors: { region: 'Choose a region.' },
      });
    }
  });
});

describe('linkedForm', () => {
  const linked = (query: Body) => linkedForm(configureFormSchema.parse(query), snapshot);

  it('starts from the first offered choices and the UDF defaults', () => {
    expect(linked({})).toMatchObject({
      region: 'id-cgk',
      type: 'g6-nanode-1',
      image: 'linode/debian12',
      label: '',
      authorizedKeys: '',
      udf: { udf_ADMIN_EMAIL: [], udf_DB_PASSWORD: [], udf_SIZE: ['small'], udf_FEATURES: ['mail'] },
    });
  });

  it('takes offered choices from the query and ignores the rest', () => {
    expect(linked({ region: 'us-east', type: 'nope', image: ['a', 'b'] })).toMatchObject({
      region: 'us-east',
      type: 'g6-nanode-1',
      image: 'linode/debian12',
    });
  });

  it('fills only offered UDF choices from a deep link (udf_NAME), never free text or a password', () => {
    const form = linked({
      udf_ADMIN_EMAIL: 'attacker@example.com',
      udf_DB_PASSWORD: 'leaked',
      udf_SIZE: 'large',
      udf_FEATURES: 'backup,nope,metrics',
      label: 'planted-label',
      authorized_keys: KEY,
    });
    expect(form.udf).toEqual({ udf_ADMIN_EMAIL: [], udf_DB_PASSWORD: [], udf_SIZE: ['large'], udf_FEATURES: ['backup', 'metrics'] });
    expect(form).toMatchObject({ label: '', authorizedKeys: '' });
    expect(linked({ udf_SIZE: 'huge' }).udf.udf_SIZE).toEqual(['small']);
  });

  it('never turns backups on: a link must not raise the price unseen', () => {
    expect(linked({ backups_enabled: 'true' }).backupsEnabled).toBe(false);
  });
});

describe('a kept draft validated again (formOfDraft)', () => {
  const draft: DeploymentDraft = {
    stackScriptId: 1234,
    type: 'g6-nanode-1',
    region: 'us-east',
    image: 'linode/debian12',
    label: 'web-1',
    authorizedKeys: [KEY],
    stackScriptData: { ADMIN_EMAIL: 'a@b.c', DB_PASSWORD: 'pw', SIZE: 'large', FEATURES: 'mail,metrics' },
    backupsEnabled: true,
    backupsMonthlyPrice: 2,
  };

  it('accepts a draft that still fits the catalog', () => {
    expect(validateConfigureForm(formOfDraft(draft, snapshot), snapshot)).toEqual({ ok: true, draft: { ...draft, stackScriptId: 1234 } });
  });

  it('refuses backups whose price changed since the person accepted it, naming the new price', () => {
    const raised = {
      ...snapshot,
      plans: snapshot.plans.map((plan) => ({ ...plan, addons: { backups: { price: { monthly: 3, hourly: 0.0045 }, region_prices: [] } } })),
    };
    expect(validateConfigureForm(formOfDraft(draft, raised), raised)).toEqual({
      ok: false,
      errors: { backups_enabled: backupsPriceMessage(3) },
    });
  });

  it('reports what no longer fits, e.g. a plan that was withdrawn', () => {
    const withdrawn = buildCatalogSnapshot(sampleCatalog(), ['standard'], 0);
    expect(validateConfigureForm(formOfDraft(draft, withdrawn), withdrawn)).toMatchObject({
      ok: false,
      errors: { type: 'Choose one of the plans listed.' },
    });
  });
});
