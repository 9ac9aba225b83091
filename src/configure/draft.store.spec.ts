import type { DeploymentDraft } from './deployment-draft';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import { DRAFT_TTL_MS, DraftStore } from './draft.store';

const DRAFT: DeploymentDraft = {
  stackScriptId: 4242,
  type: 'g6-nanode-1',
  region: 'us-east',
  image: 'linode/debian12',
  label: null,
  authorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGf0 me@laptop'],
  stackScriptData: { APP_DOMAIN: 'example.com' },
  backupsEnabled: true,
  backupsMonthlyPrice: 2,
};

describe('DraftStore', () => {
  let backing: InMemoryKeyValueStore;
  let drafts: DraftStore;

  beforeEach(() => {
    backing = new InMemoryKeyValueStore();
    drafts = new DraftStore(backing);
  });

  it('gives an unguessable id (128 bits, base64url)', async () => {
    const id = await drafts.save(DRAFT);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await drafts.save(DRAFT)).not.toBe(id);
  });

  it('gives the saved draft back by its id', async () => {
    const id = await drafts.save(DRAFT);
    expect(await drafts.take(id)).toEqual(DRAFT);
  });

  it('gives a draft only once', async () => {
    const id = await drafts.save(DRAFT);
    await drafts.take(id);
    expect(await drafts.take(id)).toBeUndefined();
  });

  it('gives a draft to only one of two callbacks arriving together', async () => {
    const id = await drafts.save(DRAFT);
    const taken = await Promise.all([drafts.take(id), drafts.take(id)]);
    expect(taken.filter((draft) => draft !== undefined)).toHaveLength(1);
  });

  it('gives nothing for an unknown id', async () => {
    expect(await drafts.take('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
  });

  it('keeps a draft for 15 minutes', async () => {
    const id = await drafts.save(DRAFT);
    const ttl = (await backing.ttl(`draft:${id}`)) ?? 0;
    expect(ttl).toBeGreaterThan(DRAFT_TTL_MS - 1_000);
    expect(ttl).toBeLessThanOrEqual(DRAFT_TTL_MS + 1);
  });

  it('keeps a copy: changing the draft afterwards changes nothing stored', async () => {
    const draft = structuredClone(DRAFT);
    const id = await drafts.save(draft);
    draft.authorizedKeys.push('ssh-rsa AAAA attacker');
    expect(await drafts.take(id)).toEqual(DRAFT);
  });
});
