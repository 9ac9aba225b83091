import { configureFormSchema } from './configure-form';

describe('configureFormSchema', () => {
  it('reads each single field once, as text; absent counts as empty', () => {
    expect(configureFormSchema.parse({ region: 'us-east', type: ['g6-nanode-1'], label: [] })).toMatchObject({
      region: 'us-east',
      type: 'g6-nanode-1',
      label: '',
      image: '',
      authorizedKeys: '',
    });
  });

  it('marks a single field sent twice or not as text (null), for validation to name', () => {
    expect(configureFormSchema.parse({ type: ['a', 'b'], region: { $ne: 'x' }, image: 5 })).toMatchObject({
      type: null,
      region: null,
      image: null,
    });
  });

  it('keeps every text value of each udf_ field, dropping what is not text', () => {
    expect(configureFormSchema.parse({ udf_A: 'x', udf_B: ['y', { z: 1 }, 'w'], udf_C: { d: 'e' }, other: 'ignored' }).udf).toEqual({
      udf_A: ['x'],
      udf_B: ['y', 'w'],
      udf_C: [],
    });
  });

  it('reads a body that is not an object as an empty form', () => {
    for (const body of [undefined, null, 'text', ['a']]) {
      expect(configureFormSchema.parse(body)).toMatchObject({ region: '', udf: {}, updatePrices: false, field: '' });
    }
  });

  it('reads the price update button, the field to check and the plan list request', () => {
    expect(configureFormSchema.parse({ intent: 'update-prices', field: 'label', plans: '1' })).toMatchObject({
      updatePrices: true,
      field: 'label',
      withPlans: true,
    });
  });

  it('reads the backups checkbox as on only for its own value', () => {
    expect(configureFormSchema.parse({ backups_enabled: 'true' }).backupsEnabled).toBe(true);
    expect(configureFormSchema.parse({}).backupsEnabled).toBe(false);
    for (const sent of ['on', 'false', ['true', 'true'], { true: 1 }]) {
      expect(configureFormSchema.parse({ backups_enabled: sent }).backupsEnabled).toBe(false);
    }
  });

  it('reads the backups price the page showed, as text', () => {
    expect(configureFormSchema.parse({ backups_price: '2.4' }).backupsShownPrice).toBe('2.4');
    expect(configureFormSchema.parse({}).backupsShownPrice).toBe('');
  });
});
