import type { LinodeType } from '../linode/linode.readers';
import { backupsPriceInRegion, planSpecs, priceInRegion, withBackups } from './pricing';
import { linodeType } from './testing/catalog-fixtures';

describe('priceInRegion', () => {
  const plan: LinodeType = linodeType({
    id: 'g6-nanode-1',
    price: { monthly: 5, hourly: 0.0075 },
    region_prices: [{ id: 'id-cgk', monthly: 6, hourly: 0.009 }],
  });

  it('uses the default price in a region without its own entry', () => {
    expect(priceInRegion(plan, 'us-east')).toEqual({ monthly: 5, hourly: 0.0075 });
  });

  it('uses the region_prices entry of the chosen region', () => {
    expect(priceInRegion(plan, 'id-cgk')).toEqual({ monthly: 6, hourly: 0.009 });
  });

  it('uses the default price when no region is chosen', () => {
    expect(priceInRegion(plan, null)).toEqual({ monthly: 5, hourly: 0.0075 });
  });

  it('keeps a missing regional price missing rather than falling back to the default', () => {
    const unpriced = linodeType({ region_prices: [{ id: 'br-gru', monthly: null, hourly: null }] });
    expect(priceInRegion(unpriced, 'br-gru')).toEqual({ monthly: null, hourly: null });
  });
});

describe('backupsPriceInRegion', () => {
  const plan: LinodeType = linodeType({
    addons: { backups: { price: { monthly: 2, hourly: 0.003 }, region_prices: [{ id: 'id-cgk', monthly: 2.4, hourly: 0.0036 }] } },
  });

  it("uses the backups' default price in a region without its own entry", () => {
    expect(backupsPriceInRegion(plan, 'us-east')).toEqual({ monthly: 2, hourly: 0.003 });
  });

  it("uses the backups' region_prices entry of the chosen region", () => {
    expect(backupsPriceInRegion(plan, 'id-cgk')).toEqual({ monthly: 2.4, hourly: 0.0036 });
  });

  it('offers no backups for a plan without them', () => {
    expect(backupsPriceInRegion({ ...plan, addons: { backups: null } }, 'us-east')).toBeNull();
  });

  it('offers no backups where their monthly price is missing', () => {
    const unpriced = linodeType({
      addons: { backups: { price: { monthly: 2, hourly: 0.003 }, region_prices: [{ id: 'br-gru', monthly: null, hourly: null }] } },
    });
    expect(backupsPriceInRegion(unpriced, 'br-gru')).toBeNull();
  });
});

describe('withBackups', () => {
  it("adds the backups to the plan's monthly and hourly price", () => {
    const total = withBackups({ monthly: 5, hourly: 0.0075 }, { monthly: 2, hourly: 0.003 });
    expect(total.monthly).toBe(7);
    expect(total.hourly).toBeCloseTo(0.0105, 10);
  });

  it('keeps a price the plan or its backups lack unknown', () => {
    expect(withBackups({ monthly: 5, hourly: null }, { monthly: 2, hourly: 0.003 })).toEqual({ monthly: 7, hourly: null });
    expect(withBackups({ monthly: 5, hourly: 0.0075 }, { monthly: 2, hourly: null })).toEqual({ monthly: 7, hourly: null });
  });
});

describe('planSpecs', () => {
  it('converts memory and disk from MB to GB and transfer from GB to TB', () => {
    const plan = linodeType({ vcpus: 2, memory: 4096, disk: 81920, transfer: 4000 });
    expect(planSpecs(plan)).toEqual({ vcpus: 2, memoryGb: 4, diskGb: 80, transferTb: 4 });
  });

  it('keeps fractions for sizes that are not whole units', () => {
    const plan = linodeType({ memory: 1536, disk: 25600, transfer: 500 });
    expect(planSpecs(plan)).toMatchObject({ memoryGb: 1.5, diskGb: 25, transferTb: 0.5 });
  });
});
