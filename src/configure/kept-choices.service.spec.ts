import { createMock } from '@golevelup/ts-jest';
import { buildCatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import { sampleCatalog } from '../catalog/testing/catalog-fixtures';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import { ConfigurePageService } from './configure-page.service';
import type { ConfigureViewModel } from './configure-view-model';
import type { DeploymentDraft } from './deployment-draft';
import { formFieldFor, KeptChoicesGoneError, KeptChoicesService } from './kept-choices.service';

const snapshot = buildCatalogSnapshot(sampleCatalog(), ['nanode', 'standard'], 0);
const DRAFT: DeploymentDraft = {
  stackScriptId: snapshot.app.stackScriptId,
  type: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  label: 'web-1',
  authorizedKeys: [],
  stackScriptData: { ADMIN_EMAIL: 'a@b.c', DB_PASSWORD: 'hunter2-secret', SIZE: 'large', FEATURES: 'mail,metrics' },
  backupsEnabled: true,
  backupsMonthlyPrice: 2,
};

function setup() {
  const store = new InMemoryKeyValueStore();
  const catalog = createMock<CatalogService>({
    snapshot: () => Promise.resolve(snapshot),
    isAllowed: () => true,
  });
  const pages = createMock<ConfigurePageService>();
  const viewModel = pages.viewModel.mockResolvedValue(createMock<ConfigureViewModel>({ keptNotice: null }));
  return { store, service: new KeptChoicesService(catalog, store, pages), viewModel };
}

describe('formFieldFor', () => {
  it.each([
    ['region', 'region'],
    ['type', 'type'],
    ['label', 'label'],
    ['authorized_keys', 'authorized_keys'],
    ['backups_enabled', 'backups_enabled'],
    ['stackscript_data.ADMIN_EMAIL', 'udf_ADMIN_EMAIL'],
    ['ADMIN_EMAIL', 'udf_ADMIN_EMAIL'],
    ['stackscript_data.UNKNOWN', 'stackscript_data'],
    ['root_pass', null],
    [null, null],
  ])('maps Linode’s field %s to the form field %s', (linode, form) => {
    expect(formFieldFor(linode, snapshot)).toBe(form);
  });
});

describe('KeptChoicesService', () => {
  it('keeps the choices without any secret, marks the named field, and asks for the password again', async () => {
    const { service, viewModel } = setup();
    const path = await service.keep(DRAFT, 'browser-1', { linodeErrors: [{ field: 'region', reason: 'Region is at capacity' }] });
    expect(path).toMatch(/^\/again\/[A-Za-z0-9_-]{22}$/);
    const model = await service.page(path.slice('/again/'.length), 'browser-1');
    const [form, errors] = viewModel.mock.calls[0];
    expect(form).toMatchObject({
      region: 'us-east',
      label: 'web-1',
      backupsEnabled: true,
      udf: { udf_ADMIN_EMAIL: ['a@b.c'], udf_FEATURES: ['mail', 'metrics'] },
    });
    expect(JSON.stringify(form)).not.toContain('hunter2-secret');
    expect(errors).toMatchObject({ region: 'Linode: Region is at capacity', udf_DB_PASSWORD: expect.stringContaining('again') });
    expect(model).toMatchObject({ keptNotice: expect.stringContaining('nothing was created') });
  });

  it('gives the choices back to their browser only', async () => {
    const { service } = setup();
    const path = await service.keep(DRAFT, 'browser-1', { fieldErrors: { type: 'Choose one of the plans listed.' } });
    await expect(service.page(path.slice('/again/'.length), 'browser-2')).rejects.toBeInstanceOf(KeptChoicesGoneError);
    await expect(service.page('not-an-id', 'browser-1')).rejects.toBeInstanceOf(KeptChoicesGoneError);
    await expect(service.page(path.slice('/again/'.length), undefined)).rejects.toBeInstanceOf(KeptChoicesGoneError);
  });
});
