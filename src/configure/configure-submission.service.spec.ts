import { buildCatalogSnapshot } from '../catalog/catalog-snapshot';
import { describeDraft } from './configure-submission.service';
import { sampleCatalog } from '../catalog/testing/catalog-fixtures';

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
    },
    snapshot,
  );

  it('names the plan, region and image and prices the plan in that region', () => {
    expect(description).toMatchObject({
      typeLabel: 'Nanode 1GB',
      regionLabel: 'Jakarta, ID',
      imageLabel: 'Debian 12',
      monthlyPrice: 6,
      hourlyPrice: 0.009,
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
