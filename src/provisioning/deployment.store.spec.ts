import { InMemoryKeyValueStore } from '../store/in-memory.store';
import type { DeploymentRecord } from './deployment.record';
import { aDeploymentRecord } from './testing/deployment-record.fixture';
import { DEPLOYMENT_TTL_MS, DeploymentStore, newDeploymentId } from './deployment.store';

function aRecord(id: string, overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return aDeploymentRecord({ id, ...overrides });
}

describe('newDeploymentId', () => {
  it('is 22 base64url characters (128 bits)', () => {
    const id = newDeploymentId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });

  it('never repeats', () => {
    expect(new Set(Array.from({ length: 1000 }, newDeploymentId)).size).toBe(1000);
  });
});

describe('DeploymentStore', () => {
  let backing: InMemoryKeyValueStore;
  let deployments: DeploymentStore;

  beforeEach(() => {
    backing = new InMemoryKeyValueStore();
    deployments = new DeploymentStore(backing);
  });

  it('gives back a saved record by its id', async () => {
    const record = aRecord(newDeploymentId());
    await deployments.save(record);
    expect(await deployments.get(record.id)).toEqual(record);
  });

  it('keeps the browser that owns the deployment', async () => {
    const record = aRecord(newDeploymentId(), { ownerId: 'some-other-browser-id-01' });
    await deployments.save(record);
    expect((await deployments.get(record.id))?.ownerId).toBe('some-other-browser-id-01');
  });

  it('gives undefined for an id it does not know', async () => {
    expect(await deployments.get(newDeploymentId())).toBeUndefined();
  });

  it('keeps a new record for a day', async () => {
    const record = aRecord(newDeploymentId());
    await deployments.save(record);
    const ttl = (await backing.ttl(`deployment:${record.id}`)) ?? 0;
    expect(ttl).toBeGreaterThan(DEPLOYMENT_TTL_MS - 1_000);
    expect(ttl).toBeLessThanOrEqual(DEPLOYMENT_TTL_MS + 1);
  });

  it('does not extend the day when a record is saved again', async () => {
    const record = aRecord(newDeploymentId());
    await backing.set(`deployment:${record.id}`, record, 60_000);
    await deployments.save({ ...record, phase: 'running' });
    expect(await backing.ttl(`deployment:${record.id}`)).toBeLessThanOrEqual(60_000 + 1);
    expect(await deployments.get(record.id)).toMatchObject({ phase: 'running' });
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'a'.repeat(23)],
    ['a path', '../../etc/passwd'],
    ['another key', 'x:draft:aaaaaaaaaaaaaaa'],
    ['empty', ''],
    ['with a wildcard', 'aaaaaaaaaaaaaaaaaaaaa*'],
  ])('does not look up an id that is %s', async (_name, id) => {
    const get = jest.spyOn(backing, 'get');
    expect(await deployments.get(id)).toBeUndefined();
    expect(get).not.toHaveBeenCalled();
  });

  it('cannot be made to read another kind of key', async () => {
    await backing.set('deployment:draft', { secret: true }, 60_000);
    expect(await deployments.get('draft')).toBeUndefined();
  });
});
