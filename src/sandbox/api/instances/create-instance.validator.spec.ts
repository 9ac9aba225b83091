import { generateKeyPairSync } from 'node:crypto';
import { SandboxCatalog } from '../catalog/sandbox-catalog';
import { SandboxStackScriptStore } from '../stackscripts/sandbox-stackscript.store';
import { DEMO_STACKSCRIPT_ID } from '../seed/stackscripts.seed';
import { CreateInstanceContext, DUPLICATE_LABEL_REASON, LABEL_RULES_REASON, validateCreateInstance } from './create-instance.validator';
import { WEAK_PASSWORD_REASON } from './root-password';

const catalog = new SandboxCatalog(new SandboxStackScriptStore());
const context = (taken: string[] = []): CreateInstanceContext => ({
  type: (id) => catalog.type(id),
  region: (id) => catalog.region(id),
  image: (id) => catalog.image(id),
  stackScript: (id) => catalog.stackScript(id),
  labelTaken: (label) => taken.includes(label),
});

const STRONG = 'vK7#pQ2$wL9!mZ4@xR8&';
const demoData = { APP_DOMAIN: 'app.example.com', ADMIN_EMAIL: 'me@example.com', DB_PASSWORD: 'db-Secret-9911' };
const valid = {
  type: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  root_pass: STRONG,
  stackscript_id: DEMO_STACKSCRIPT_ID,
  stackscript_data: demoData,
};

function sshKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), data]);
  return `ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')}`;
}

function errorsFor(body: unknown, taken: string[] = []) {
  const result = validateCreateInstance(body, context(taken));
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
}

describe('validateCreateInstance', () => {
  it('accepts a complete StackScript deployment', () => {
    const result = validateCreateInstance(
      { ...valid, label: 'my-app-1', tags: ['demo', 'demo'], authorized_keys: [sshKey()], booted: true },
      context(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type.id).toBe('g6-nanode-1');
    expect(result.value.region.id).toBe('us-east');
    expect(result.value.image?.id).toBe('linode/debian12');
    expect(result.value.label).toBe('my-app-1');
    expect(result.value.tags).toEqual(['demo']);
    expect(result.value.stackScript?.id).toBe(DEMO_STACKSCRIPT_ID);
  });

  it('accepts a bare instance without an image, label or password', () => {
    const result = validateCreateInstance({ type: 'g6-standard-1', region: 'eu-west' }, context());
    expect(result).toMatchObject({ ok: true, value: { image: null, label: null, booted: true, backupsEnabled: false, tags: [] } });
  });

  it('enrols the instance in backups when asked with backups_enabled', () => {
    expect(validateCreateInstance({ ...valid, backups_enabled: true }, context())).toMatchObject({
      ok: true,
      value: { backupsEnabled: true },
    });
    expect(validateCreateInstance({ ...valid, backups_enabled: null }, context())).toMatchObject({
      ok: true,
      value: { backupsEnabled: false },
    });
  });

  it('refuses a body that is not an object', () => {
    expect(errorsFor([1, 2])).toEqual([{ reason: 'The request body must be a JSON object' }]);
  });

  it('requires type and region, reporting both at once', () => {
    expect(errorsFor({})).toEqual([
      { field: 'type', reason: 'A Linode type is required' },
      { field: 'region', reason: 'A region is required' },
    ]);
  });

  it('names an unknown type and an unknown region', () => {
    expect(errorsFor({ type: 'g0-giant', region: 'mars-1' })).toEqual([
      { field: 'type', reason: 'Not a valid Linode type' },
      { field: 'region', reason: 'Not a valid region' },
    ]);
  });

  it('refuses a region without the Linodes capability', () => {
    expect(errorsFor({ ...valid, region: 'nl-ams' })).toEqual([{ field: 'region', reason: 'Linodes cannot be created in this region' }]);
  });

  it('refuses a region in an outage', () => {
    expect(errorsFor({ ...valid, region: 'ap-southeast' })).toEqual([{ field: 'region', reason: 'This region is currently unavailable' }]);
  });

  it('requires an image with a StackScript', () => {
    const { image: _image, ...withoutImage } = valid;
    expect(errorsFor(withoutImage)).toEqual([{ field: 'image', reason: 'An image is required to deploy a StackScript' }]);
  });

  it('refuses an image the StackScript does not support', () => {
    expect(errorsFor({ ...valid, image: 'linode/alpine3.20' })).toEqual([
      { field: 'image', reason: 'This StackScript does not support this image' },
    ]);
  });

  it('refuses an unknown image', () => {
    expect(errorsFor({ ...valid, image: 'linode/beos5' })).toEqual([{ field: 'image', reason: 'Not a valid image' }]);
  });

  it('refuses an unknown StackScript', () => {
    expect(errorsFor({ ...valid, stackscript_id: 1 })).toEqual([{ field: 'stackscript_id', reason: 'StackScript not found' }]);
  });

  it('refuses a StackScript id that is not an integer', () => {
    expect(errorsFor({ ...valid, stackscript_id: '320826' })).toEqual([{ field: 'stackscript_id', reason: 'Must be an integer' }]);
  });

  it('requires a root password with an image', () => {
    const { root_pass: _pass, ...withoutPassword } = valid;
    expect(errorsFor(withoutPassword)).toEqual([{ field: 'root_pass', reason: 'A root password is required when deploying an image' }]);
  });

  it('refuses a weak root password with Linode’s reason', () => {
    expect(errorsFor({ ...valid, root_pass: 'password1' })).toEqual([{ field: 'root_pass', reason: WEAK_PASSWORD_REASON }]);
  });

  it('refuses a root password outside 7-128 characters', () => {
    expect(errorsFor({ ...valid, root_pass: 'aB3$x' })).toEqual([{ field: 'root_pass', reason: 'Length must be 7-128 characters' }]);
  });

  it('refuses a label outside 3-64 characters', () => {
    expect(errorsFor({ ...valid, label: 'ab' })).toEqual([{ field: 'label', reason: 'Length must be 3-64 characters' }]);
    expect(errorsFor({ ...valid, label: 'a'.repeat(65) })).toEqual([{ field: 'label', reason: 'Length must be 3-64 characters' }]);
  });

  it.each(['-app', 'my--app', 'my app', 'app-', 'my..app'])('refuses the label %s', (label) => {
    expect(errorsFor({ ...valid, label })).toEqual([{ field: 'label', reason: LABEL_RULES_REASON }]);
  });

  it('accepts a label that begins with a digit, as Linode documents ("begin and end with an alphanumeric character")', () => {
    expect(validateCreateInstance({ ...valid, label: '7web-1' }, context())).toMatchObject({ ok: true, value: { label: '7web-1' } });
  });

  it('refuses a label the account already uses', () => {
    expect(errorsFor({ ...valid, label: 'web-1' }, ['web-1'])).toEqual([{ field: 'label', reason: DUPLICATE_LABEL_REASON }]);
  });

  it('refuses stackscript_data that misses required UDFs, naming each', () => {
    expect(errorsFor({ ...valid, stackscript_data: { APP_DOMAIN: 'a.example.com' } })).toEqual([
      { field: 'stackscript_data.ADMIN_EMAIL', reason: 'A value for ADMIN_EMAIL is required' },
      { field: 'stackscript_data.DB_PASSWORD', reason: 'A value for DB_PASSWORD is required' },
    ]);
  });

  it('refuses a single choice and a multiple choice outside their lists', () => {
    const errors = errorsFor({ ...valid, stackscript_data: { ...demoData, WEB_SERVER: 'iis', EXTRA_PACKAGES: 'git,emacs' } });
    expect(errors.map((e) => e.field)).toEqual(['stackscript_data.WEB_SERVER', 'stackscript_data.EXTRA_PACKAGES']);
  });

  it('refuses authorized_keys that are not SSH public keys', () => {
    expect(errorsFor({ ...valid, authorized_keys: [sshKey(), 'ssh-ed25519 AAAA'] })).toEqual([
      { field: 'authorized_keys', reason: 'Item 2 is not a valid SSH public key' },
    ]);
    expect(errorsFor({ ...valid, authorized_keys: 'ssh-ed25519 AAAA' })).toEqual([
      { field: 'authorized_keys', reason: 'Must be an array of SSH public keys' },
    ]);
  });

  it('refuses tags that are not 3-50 character strings', () => {
    expect(errorsFor({ ...valid, tags: ['ok-tag', 'x'] })).toEqual([{ field: 'tags', reason: 'Each tag must be 3-50 characters' }]);
    expect(errorsFor({ ...valid, tags: 'demo' })).toEqual([{ field: 'tags', reason: 'Must be an array of strings' }]);
  });

  it('refuses a booted flag that is not a boolean', () => {
    expect(errorsFor({ ...valid, booted: 'yes' })).toEqual([{ field: 'booted', reason: 'Must be true or false' }]);
  });

  it('refuses a backups_enabled flag that is not a boolean', () => {
    expect(errorsFor({ ...valid, backups_enabled: 'true' })).toEqual([{ field: 'backups_enabled', reason: 'Must be true or false' }]);
    expect(errorsFor({ ...valid, backups_enabled: 1 })).toEqual([{ field: 'backups_enabled', reason: 'Must be true or false' }]);
  });

  it('refuses fields of the wrong JSON type', () => {
    expect(errorsFor({ ...valid, type: 1, label: 5, group: [] })).toEqual([
      { field: 'type', reason: 'Must be a string' },
      { field: 'label', reason: 'Must be a string' },
      { field: 'group', reason: 'Must be a string' },
    ]);
  });

  it('collects errors from several fields in one answer', () => {
    const errors = errorsFor({ type: 'g6-nanode-1', region: 'nl-ams', image: 'linode/debian12', root_pass: 'abc', tags: ['x'] });
    expect(errors.map((e) => e.field)).toEqual(['region', 'root_pass', 'tags']);
  });
});
