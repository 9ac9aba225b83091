import { linodeTypeReader } from './linode.readers';
import { linodeType } from './testing/linode-resources.fixture';

describe('linodeTypeReader: backups', () => {
  it('reads the backups price and its region prices', () => {
    const backups = { price: { hourly: 0.003, monthly: 2 }, region_prices: [{ id: 'id-cgk', hourly: 0.0036, monthly: 2.4 }] };
    expect(linodeTypeReader.parse(linodeType({ addons: { backups } })).addons.backups).toEqual(backups);
  });

  it('reads a plan without addons as one without backups', () => {
    const { addons: _, ...withoutAddons } = linodeType();
    expect(linodeTypeReader.parse(withoutAddons).addons.backups).toBeNull();
  });

  it.each([
    ['addons is not an object', 'none'],
    ['backups is null', { backups: null }],
    ['backups has no price', { backups: { region_prices: [] } }],
    ['the price is not an object', { backups: { price: 2, region_prices: [] } }],
  ])('reads a plan whose %s as one without backups, and keeps the plan', (_case, addons) => {
    const plan = linodeTypeReader.parse({ ...linodeType(), addons });
    expect(plan.addons.backups).toBeNull();
    expect(plan.price).toEqual({ hourly: 0.018, monthly: 12 });
  });

  it('keeps the backups when only a region price is unreadable, and leaves that entry out', () => {
    const addons = {
      backups: { price: { hourly: 0.003, monthly: 2 }, region_prices: [{ id: 7 }, { id: 'br-gru', hourly: 0.004, monthly: 2.8 }] },
    };
    expect(linodeTypeReader.parse({ ...linodeType(), addons }).addons.backups?.region_prices).toEqual([
      { id: 'br-gru', hourly: 0.004, monthly: 2.8 },
    ]);
  });
});
