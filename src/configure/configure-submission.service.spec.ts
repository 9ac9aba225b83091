import { createMock } from '@golevelup/ts-jest';
import { buildCatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import { sampleCatalog } from '../catalog/testing/catalog-fixtures';
import { configureFormSchema } from './configure-form';
import { ConfigurePageAgain } from './configure-page-again.filter';
import { ConfigurePageService } from './configure-page.service';
import { ConfigureSubmissionService, describeDraft } from './configure-submission.service';
import type { ConfigureViewModel } from './configure-view-model';

describe('describeDraft', () => {
  const data = sampleCatalog();
  data.stackScript.user_defined_fields.push(
    { name: 'API_TOKEN', label: 'API token' },
    { name: 'CLIENT_SECRET', label: 'Client secret' },
    { name: 'NOTE', label: 'Note', default: '' },
  );
  const snapshot = buildCatalogSnapshot(data, ['nanode', 'standard'], 0);

  const description = describeDraft(
    {
      stackScriptId: snapshot.app.stackScriptId,
      type: 'g6-nanode-1',
      region: 'id-cgk',
      image: 'linode/debian12',
      label: null,
      authorizedKeys: [],
      stackScriptData: {
        ADMIN_EMAIL: 'me@example.com',
        DB_PASSWORD: 'hunter2',
        SIZE: 'large',
        FEATURES: 'mail,metrics',
        API_TOKEN: 'tok',
        CLIENT_SECRET: 'sec',
        NOTE: '',
      },
      backupsEnabled: true,
      backupsMonthlyPrice: 2.4,
    },
    snapshot,
  );

  it('names the plan, region and image and prices the plan and its backups in that region', () => {
    expect(description).toMatchObject({
      typeLabel: 'Nanode 1GB',
      regionLabel: 'Jakarta, ID',
      imageLabel: 'Debian 12',
      monthlyPrice: 6,
      hourlyPrice: 0.009,
      backupsEnabled: true,
      backupsMonthlyPrice: 2.4,
    });
  });

  it('lists the applied settings by label, multiple choices readable', () => {
    expect(description.appliedOptions).toEqual([
      { label: 'Admin email address', value: 'me@example.com' },
      { label: 'Deployment size', value: 'large' },
      { label: 'Features', value: 'mail, metrics' },
    ]);
  });

  it('never lists passwords, tokens, secrets or empty values', () => {
    const labels = description.appliedOptions.map((option) => option.label);
    expect(labels).not.toEqual(expect.arrayContaining(['Database password']));
    expect(labels).not.toEqual(expect.arrayContaining(['API token']));
    expect(labels).not.toEqual(expect.arrayContaining(['Client secret']));
    expect(labels).not.toEqual(expect.arrayContaining(['Note']));
    expect(JSON.stringify(description)).not.toContain('hunter2');
  });
});

describe('ConfigureSubmissionService', () => {
  const snapshot = buildCatalogSnapshot(sampleCatalog(), ['nanode', 'standard'], 0);
  const page = createMock<ConfigurePageService>();
  page.viewModel.mockResolvedValue(createMock<ConfigureViewModel>());
  const service = new ConfigureSubmissionService(createMock<CatalogService>({ snapshot: () => Promise.resolve(snapshot) }), page);
  const valid = {
    type: 'g6-nanode-1',
    region: 'us-east',
    image: 'linode/debian12',
    udf_ADMIN_EMAIL: 'me@example.com',
    udf_DB_PASSWORD: 'correct horse',
  };

  it('gives the draft of a valid form', async () => {
    await expect(service.draftOf(configureFormSchema.parse(valid))).resolves.toMatchObject({ type: 'g6-nanode-1', region: 'us-east' });
  });

  it('shows the page again with 400 for a form with problems, and 200 for "Update prices"', async () => {
    await expect(service.draftOf(configureFormSchema.parse({ ...valid, type: 'nope' }))).rejects.toMatchObject({ status: 400 });
    await expect(service.draftOf(configureFormSchema.parse({ ...valid, intent: 'update-prices' }))).rejects.toBeInstanceOf(
      ConfigurePageAgain,
    );
    await expect(service.draftOf(configureFormSchema.parse({ ...valid, intent: 'update-prices' }))).rejects.toMatchObject({ status: 200 });
  });

  it('finds a kept draft still valid, or says what no longer fits the catalog', async () => {
    const draft = await service.draftOf(configureFormSchema.parse(valid));
    await expect(service.recheck(draft)).resolves.toMatchObject({ errors: null });
    await expect(service.recheck({ ...draft, region: 'ap-south' })).resolves.toMatchObject({
      errors: { region: 'Choose one of the regions listed.' },
    });
  });
});
