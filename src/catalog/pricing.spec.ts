import type { LinodeType } from '../linode/linode.readers';
import { planSpecs, priceInRegion } from './pricing';
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
