import { linodeTypeSchema, pageSchema, regionSchema, strictSchema } from './linode.contract';
import { LINODE_TYPES_SEED } from '../api/seed/linode-types.seed';

const region = {
  id: 'us-east',
  label: 'Newark, NJ',
  country: 'us',
  capabilities: ['Linodes'],
  status: 'ok',
  resolvers: { ipv4: '192.0.2.1', ipv6: '2001:db8::1' },
  site_type: 'core',
  monitors: { alerts: [], metrics: [] },
  placement_group_limits: { maximum_pgs_per_customer: null, maximum_linodes_per_pg: 5, maximum_linodes_per_flexible_pg: 5 },
};

describe('strictSchema', () => {
  it('accepts an object with exactly the declared fields', () => {
    expect(strictSchema(regionSchema).safeParse(region).success).toBe(true);
  });

  it('rejects an invented top-level field', () => {
    expect(strictSchema(regionSchema).safeParse({ ...region, invented: 1 }).success).toBe(false);
  });

  it('rejects an invented field in a nested object', () => {
    expect(strictSchema(regionSchema).safeParse({ ...region, resolvers: { ...region.resolvers, extra: 'x' } }).success).toBe(false);
  });

  it('rejects an invented field inside an array of objects', () => {
    const type = { ...LINODE_TYPES_SEED[0], region_prices: [{ id: 'id-cgk', hourly: 0.009, monthly: 6 }] };
    expect(strictSchema(linodeTypeSchema).safeParse(type).success).toBe(true);
    const invented = { ...type, region_prices: [{ id: 'id-cgk', hourly: 0.009, monthly: 6, currency: 'USD' }] };
    expect(strictSchema(linodeTypeSchema).safeParse(invented).success).toBe(false);
  });

  it('leaves the lenient schema lenient: the client ignores fields Linode adds later', () => {
    expect(regionSchema.safeParse({ ...region, invented: 1, resolvers: { ...region.resolvers, extra: 'x' } }).success).toBe(true);
  });

  it('works on a page envelope too', () => {
    expect(strictSchema(pageSchema(regionSchema)).safeParse({ data: [region], page: 1, pages: 1, results: 1 }).success).toBe(true);
    expect(strictSchema(pageSchema(regionSchema)).safeParse({ data: [{ ...region, x: 1 }], page: 1, pages: 1, results: 1 }).success).toBe(
      false,
    );
  });
});
