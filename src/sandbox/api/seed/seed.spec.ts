import { imageSchema, linodeTypeSchema, regionSchema, stackScriptSchema, strictSchema } from '../../contract/linode.contract';
import { IMAGES_SEED } from './images.seed';
import { LINODE_TYPES_SEED } from './linode-types.seed';
import { REGIONS_SEED } from './regions.seed';
import { DEMO_STACKSCRIPT_ID, HELLO_STACKSCRIPT_ID, STACKSCRIPTS_SEED } from './stackscripts.seed';

function uniqueIds(items: readonly { id: string | number }[]): boolean {
  return new Set(items.map((item) => item.id)).size === items.length;
}

describe('sandbox seed data', () => {
  it('has at least 12 plan types in Linode shape, with unique ids', () => {
    for (const type of LINODE_TYPES_SEED) strictSchema(linodeTypeSchema).parse(type);
    expect(uniqueIds(LINODE_TYPES_SEED)).toBe(true);
    expect(LINODE_TYPES_SEED.length).toBeGreaterThanOrEqual(12);
  });

  it('covers the nanode, standard, dedicated and highmem classes', () => {
    const classes = new Set(LINODE_TYPES_SEED.map((type) => type.class));
    for (const wanted of ['nanode', 'standard', 'dedicated', 'highmem'] as const) expect(classes).toContain(wanted);
  });

  it('prices Jakarta and Sao Paulo differently, for plans and backups alike (GPU plans excepted, as on Linode)', () => {
    for (const type of LINODE_TYPES_SEED.filter((plan) => plan.class !== 'gpu')) {
      expect(type.region_prices.map((p) => p.id)).toEqual(['id-cgk', 'br-gru']);
      expect(type.region_prices[0].monthly).toBeGreaterThan(type.price.monthly ?? 0);
      expect(type.addons.backups.region_prices).toHaveLength(2);
    }
  });

  it('has regions in Linode shape: one in an outage, one that cannot host Linodes, one distributed site', () => {
    for (const region of REGIONS_SEED) strictSchema(regionSchema).parse(region);
    expect(uniqueIds(REGIONS_SEED)).toBe(true);
    expect(REGIONS_SEED.filter((r) => r.status === 'outage').map((r) => r.id)).toEqual(['ap-southeast']);
    expect(REGIONS_SEED.filter((r) => !r.capabilities.includes('Linodes')).map((r) => r.id)).toEqual(['nl-ams']);
    expect(REGIONS_SEED.filter((r) => r.site_type === 'distributed').map((r) => r.id)).toEqual(['us-den-1']);
    expect(REGIONS_SEED.length).toBeGreaterThanOrEqual(12);
  });

  it('has public images in Linode shape, some deprecated, with the ids the app relies on', () => {
    for (const image of IMAGES_SEED) strictSchema(imageSchema).parse(image);
    expect(uniqueIds(IMAGES_SEED)).toBe(true);
    expect(IMAGES_SEED.every((image) => image.is_public && image.id.startsWith('linode/'))).toBe(true);
    expect(IMAGES_SEED.filter((image) => image.deprecated).map((image) => image.id)).toContain('linode/ubuntu20.04');
    const ids = IMAGES_SEED.map((image) => image.id);
    for (const id of ['linode/debian12', 'linode/ubuntu24.04', 'linode/ubuntu22.04']) expect(ids).toContain(id);
  });

  it('has a public hello-world StackScript without UDFs, on images the sandbox offers', () => {
    const hello = STACKSCRIPTS_SEED.find((s) => s.id === HELLO_STACKSCRIPT_ID)!;
    strictSchema(stackScriptSchema).parse(hello);
    expect(hello.is_public).toBe(true);
    expect(hello.user_defined_fields).toEqual([]);
    const offered = new Set(IMAGES_SEED.filter((image) => !image.deprecated).map((image) => image.id));
    for (const image of hello.images) expect(offered).toContain(image);
  });

  describe('the demo StackScript', () => {
    const demo = STACKSCRIPTS_SEED.find((s) => s.id === DEMO_STACKSCRIPT_ID)!;
    const udfs = demo.user_defined_fields;

    it('is public and in Linode shape', () => {
      strictSchema(stackScriptSchema).parse(demo);
      expect(demo.is_public).toBe(true);
    });

    it('supports only images the sandbox offers', () => {
      const offered = new Set(IMAGES_SEED.map((image) => image.id));
      expect(demo.images.length).toBeGreaterThan(0);
      for (const image of demo.images) expect(offered).toContain(image);
    });

    it('declares one UDF per tag in its script', () => {
      expect(udfs.length).toBe((demo.script.match(/<UDF /g) ?? []).length);
    });

    it('has a required text field, a field with a default and a required password field', () => {
      expect(udfs.some((u) => u.default === undefined && !/password/i.test(u.name) && !u.oneof && !u.manyof)).toBe(true);
      expect(udfs.some((u) => u.default !== undefined && !u.oneof && !u.manyof && !u.header)).toBe(true);
      expect(udfs.some((u) => /password/i.test(u.name) && u.default === undefined)).toBe(true);
    });

    it('has a short single choice, a long single choice and a multiple choice', () => {
      const choices = (list: string | undefined) => (list ?? '').split(',').length;
      expect(udfs.some((u) => u.oneof && choices(u.oneof) <= 4)).toBe(true);
      expect(udfs.some((u) => u.oneof && choices(u.oneof) > 4)).toBe(true);
      expect(udfs.some((u) => u.manyof)).toBe(true);
    });

    it('has a header UDF and examples', () => {
      expect(udfs.some((u) => u.header)).toBe(true);
      expect(udfs.filter((u) => u.example).length).toBeGreaterThan(2);
    });

    it('keeps each default inside its choices', () => {
      for (const udf of udfs) {
        if (udf.oneof && udf.default) expect(udf.oneof.split(',')).toContain(udf.default);
        if (udf.manyof && udf.default) {
          for (const value of udf.default.split(',')) expect(udf.manyof.split(',')).toContain(value);
        }
      }
    });
  });
});
