import { createMock } from '@golevelup/ts-jest';
import { buildCatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import { sampleCatalog } from '../catalog/testing/catalog-fixtures';
import { parseConfigureForm } from './configure-form';
import { ConfigurePageService } from './configure-page.service';
import { LABEL_INPUT_MESSAGE } from './label-input';

const snapshot = buildCatalogSnapshot(sampleCatalog(), ['nanode', 'standard', 'dedicated'], 0);
const pages = new ConfigurePageService(createMock<CatalogService>({ snapshot: () => Promise.resolve(snapshot) }));

describe('ConfigurePageService.fieldError (inline validation)', () => {
  const check = (body: Record<string, string>) => pages.fieldError(parseConfigureForm(body));

  it('gives the named field’s message and its error element, empty when it is fine', async () => {
    expect(await check({ field: 'label', label: 'good-name' })).toEqual({ id: 'label-error', message: '' });
    expect(await check({ field: 'label', label: '-bad' })).toEqual({ id: 'label-error', message: LABEL_INPUT_MESSAGE });
    expect(await check({ field: 'udf_SIZE', udf_SIZE: 'huge' })).toEqual({
      id: 'udf-SIZE-error',
      message: 'Choose one of the listed options.',
    });
    expect(await check({ field: 'region', region: 'us-east' })).toEqual({ id: 'region-error', message: '' });
    expect(await check({ field: 'type', type: 'nope' })).toEqual({ id: 'plans-error', message: 'Choose one of the plans listed.' });
  });

  it('gives null for a field the form does not have', async () => {
    expect(await check({ field: 'udf_NOPE' })).toBeNull();
    expect(await check({ field: 'toString' })).toBeNull();
    expect(await check({})).toBeNull();
  });
});

describe('ConfigurePageService.priceUpdate', () => {
  it('prices the plan for the region, with the plan list only when the region changed', async () => {
    const plain = await pages.priceUpdate(parseConfigureForm({ type: 'g6-nanode-1', region: 'us-east' }));
    expect(plain.summary).toMatchObject({ complete: true, monthly: '$5.00' });
    expect(plain.plans).toBeNull();
    const withPlans = await pages.priceUpdate(parseConfigureForm({ type: 'g6-nanode-1', region: 'id-cgk', plans: '1' }));
    expect(withPlans.plans?.groups[0].plans[0]).toMatchObject({ id: 'g6-nanode-1', checked: true, monthly: '$6.00' });
  });
});
