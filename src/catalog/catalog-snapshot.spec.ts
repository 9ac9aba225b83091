import { buildCatalogSnapshot, offeredImages, offeredPlans, offeredRegions } from './catalog-snapshot';
import { image, linodeType, region, sampleCatalog, stackScript } from './testing/catalog-fixtures';

describe('offeredPlans', () => {
  const types = sampleCatalog().types;

  it('offers only the configured classes, in the configured order, cheapest first', () => {
    const plans = offeredPlans(types, ['nanode', 'standard', 'dedicated']);
    expect(plans.map((p) => p.id)).toEqual(['g6-nanode-1', 'g6-standard-1', 'g6-standard-2', 'g6-dedicated-2']);
  });

  it('follows the configured order even when a later class is cheaper', () => {
    const plans = offeredPlans(types, ['dedicated', 'nanode']);
    expect(plans.map((p) => p.id)).toEqual(['g6-dedicated-2', 'g6-nanode-1']);
  });

  it('offers nothing for classes Linode does not have', () => {
    expect(offeredPlans(types, ['quantum'])).toEqual([]);
  });
});

describe('offeredRegions', () => {
  it('offers core regions that are up and can host Linodes, sorted by label', () => {
    const regions = offeredRegions(sampleCatalog().regions);
    expect(regions.map((r) => r.id)).toEqual(['id-cgk', 'eu-west', 'us-east']);
  });

  it('leaves out distributed sites, regions in an outage and regions without the Linodes capability', () => {
    const ids = offeredRegions([
      region({ id: 'a', site_type: 'distributed' }),
      region({ id: 'b', status: 'outage' }),
      region({ id: 'c', capabilities: ['Block Storage'] }),
    ]).map((r) => r.id);
    expect(ids).toEqual([]);
  });
});

describe('offeredImages', () => {
  const publicImages = [
    image({ id: 'linode/debian12' }),
    image({ id: 'linode/ubuntu24.04' }),
    image({ id: 'linode/debian10', deprecated: true }),
    image({ id: 'linode/building', status: 'creating' }),
    image({ id: 'private/123', is_public: false }),
  ];

  it('offers the images the StackScript lists, in its order', () => {
    const ids = offeredImages(publicImages, ['linode/ubuntu24.04', 'linode/debian12']).map((i) => i.id);
    expect(ids).toEqual(['linode/ubuntu24.04', 'linode/debian12']);
  });

  it('leaves out listed images that are deprecated, not available, private or unknown', () => {
    const ids = offeredImages(publicImages, ['linode/debian10', 'linode/building', 'private/123', 'linode/gone', 'linode/debian12']).map(
      (i) => i.id,
    );
    expect(ids).toEqual(['linode/debian12']);
  });

  it('offers every public, available, non-deprecated image for any/all', () => {
    const ids = offeredImages(publicImages, ['any/all']).map((i) => i.id);
    expect(ids).toEqual(['linode/debian12', 'linode/ubuntu24.04']);
  });

  it('lists an image once even when the StackScript repeats it', () => {
    expect(offeredImages(publicImages, ['linode/debian12', 'linode/debian12'])).toHaveLength(1);
  });
});

describe('buildCatalogSnapshot', () => {
  it('carries the StackScript as the app, its UDF form and the fetch time', () => {
    const snapshot = buildCatalogSnapshot(
      {
        types: [linodeType()],
        regions: [region()],
        images: [image()],
        stackScript: stackScript({
          id: 7,
          label: 'Wiki',
          description: 'A wiki',
          user_defined_fields: [{ name: 'A', label: 'a' }],
        }),
      },
      ['standard'],
      1234,
    );
    expect(snapshot.app).toEqual({
      stackScriptId: 7,
      label: 'Wiki',
      description: 'A wiki',
      // What Cloud Manager shows about a StackScript, and the script for "View the script".
      author: 'demo',
      updated: '2024-01-01T00:00:00',
      deploymentsTotal: 0,
      script: '#!/bin/bash\n',
    });
    expect(snapshot.udfForm.fields.map((f) => f.name)).toEqual(['A']);
    expect(snapshot.fetchedAt).toBe(1234);
  });
});
