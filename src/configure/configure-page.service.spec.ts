import { createMock } from '@golevelup/ts-jest';
import { buildCatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import { sampleCatalog } from '../catalog/testing/catalog-fixtures';
import { configureFormSchema } from './configure-form';
import { ConfigurePageService } from './configure-page.service';
import { LABEL_INPUT_MESSAGE } from './label-input';
import { RenderedPage, RenderedPages } from '../views/rendered-pages';

const snapshot = buildCatalogSnapshot(sampleCatalog(), ['nanode', 'standard', 'dedicated'], 0);
/** Renders a model as its JSON, so a spec reads what the template would get. */
const modelAsJson = createMock<RenderedPages>({
  render: async (_view: string, _inputs: unknown, model: () => object | Promise<object>) =>
    new RenderedPage(JSON.stringify(await model()), 'W/"test"'),
});
const pages = new ConfigurePageService(createMock<CatalogService>({ snapshot: () => Promise.resolve(snapshot) }), modelAsJson);

describe('ConfigurePageService.fieldError (inline validation)', () => {
  const check = (body: Record<string, string>) => pages.fieldError(configureFormSchema.parse(body));

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
    const modelOf = async (body: Record<string, string>) =>
      JSON.parse((await pages.priceUpdate(configureFormSchema.parse(body))).bytes.toString());
    const plain = await modelOf({ type: 'g6-nanode-1', region: 'us-east' });
    expect(plain.summary).toMatchObject({ complete: true, monthly: '$5.00' });
    expect(plain.plans).toBeNull();
    const withPlans = await modelOf({ type: 'g6-nanode-1', region: 'id-cgk', plans: '1' });
    expect(withPlans.plans.groups[0].plans[0]).toMatchObject({ id: 'g6-nanode-1', checked: true, monthly: '$6.00' });
  });

  it('re-prices the backups option for the plan and region, and adds backups to the price when checked', async () => {
    const modelOf = async (body: Record<string, string>) =>
      JSON.parse((await pages.priceUpdate(configureFormSchema.parse(body))).bytes.toString());
    const off = await modelOf({ type: 'g6-nanode-1', region: 'us-east' });
    expect(off.backups).toMatchObject({ offered: true, checked: false, monthly: '$2.00' });
    expect(off.summary).toMatchObject({ backupsMonthly: null, monthly: '$5.00' });
    const on = await modelOf({ type: 'g6-nanode-1', region: 'us-east', backups_enabled: 'true' });
    expect(on.backups).toMatchObject({ checked: true });
    expect(on.summary).toMatchObject({ backupsMonthly: '$2.00', monthly: '$7.00', hourly: '$0.0105' });
  });
});

describe('ConfigurePageService.priceUpdate (kept per input)', () => {
  it('asks for another fragment when only the backups choice differs', async () => {
    const inputs: string[] = [];
    const service = new ConfigurePageService(
      createMock<CatalogService>({ snapshot: () => Promise.resolve(snapshot) }),
      createMock<RenderedPages>({
        render: async (_view: string, input: unknown) => {
          inputs.push(JSON.stringify(input));
          return new RenderedPage('', 'W/"test"');
        },
      }),
    );
    await service.priceUpdate(configureFormSchema.parse({ type: 'g6-nanode-1', region: 'us-east' }));
    await service.priceUpdate(configureFormSchema.parse({ type: 'g6-nanode-1', region: 'us-east', label: 'ignored' }));
    await service.priceUpdate(configureFormSchema.parse({ type: 'g6-nanode-1', region: 'us-east', backups_enabled: 'true' }));
    expect(inputs[1]).toBe(inputs[0]);
    expect(inputs[2]).not.toBe(inputs[0]);
  });
});

describe('ConfigurePageService.page (kept per input)', () => {
  /** The inputs each page was asked for: a rendered page is reused only for equal inputs. */
  function pagesWith(catalog: { stale: boolean; ageMs: number | null }) {
    const inputs: string[] = [];
    const rendered = createMock<RenderedPages>({
      render: async (_view: string, input: unknown, model: () => object | Promise<object>) => {
        inputs.push(JSON.stringify(input));
        return new RenderedPage(JSON.stringify(await model()), 'W/"test"');
      },
    });
    const service = new ConfigurePageService(
      createMock<CatalogService>({
        snapshot: () => Promise.resolve(snapshot),
        isStale: () => catalog.stale,
        ageMs: () => catalog.ageMs,
      }),
      rendered,
    );
    return { service, inputs };
  }

  it('asks for the same page for the same link, and another for another choice, path or catalog age', async () => {
    const catalog = { stale: false, ageMs: 1_000 };
    const { service, inputs } = pagesWith(catalog);
    await service.page(configureFormSchema.parse({}));
    await service.page(configureFormSchema.parse({ label: 'ignored', unknown: 'x' }));
    await service.page(configureFormSchema.parse({ region: 'eu-west' }));
    await service.page(configureFormSchema.parse({}), snapshot.app.stackScriptId);
    catalog.stale = true;
    catalog.ageMs = 20 * 60_000;
    await service.page(configureFormSchema.parse({}));
    catalog.ageMs = 40 * 60_000;
    const old = await service.page(configureFormSchema.parse({}));
    expect(inputs[1]).toBe(inputs[0]);
    expect(new Set(inputs).size).toBe(5);
    expect(JSON.parse(old.bytes.toString()).catalogNotice).toContain('40 minutes ago');
  });

  it('never checks backups from a link: a link must not raise the price unseen', async () => {
    const { service, inputs } = pagesWith({ stale: false, ageMs: null });
    const linked = await service.page(configureFormSchema.parse({ type: 'g6-nanode-1', backups_enabled: 'true' }));
    await service.page(configureFormSchema.parse({ type: 'g6-nanode-1' }));
    expect(JSON.parse(linked.bytes.toString()).backups).toMatchObject({ offered: true, checked: false });
    expect(inputs[1]).toBe(inputs[0]);
  });
});
