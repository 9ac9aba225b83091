import { SANDBOX_DEFAULTS } from '../../sandbox.options';
import { SandboxCatalog } from '../catalog/sandbox-catalog';
import { SandboxEventLog } from '../events/sandbox-event.log';
import { SandboxApiError } from '../http/sandbox-api.error';
import { DEMO_STACKSCRIPT_ID, HELLO_STACKSCRIPT_ID } from '../seed/stackscripts.seed';
import { SandboxStackScriptStore } from './sandbox-stackscript.store';
import { SandboxStackScriptsService } from './sandbox-stackscripts.service';

const body = {
  label: 'my-app',
  script: '#!/bin/bash\n# <UDF name="NAME" label="Name" required="true" default="x">\n',
  images: ['linode/debian12'],
};

let store: SandboxStackScriptStore;
let events: SandboxEventLog;
let service: SandboxStackScriptsService;
beforeEach(() => {
  store = new SandboxStackScriptStore();
  events = new SandboxEventLog(SANDBOX_DEFAULTS);
  service = new SandboxStackScriptsService(store, new SandboxCatalog(store), events);
});

function statusOf(action: () => unknown): number | null {
  try {
    action();
    return null;
  } catch (error) {
    if (error instanceof SandboxApiError) return error.status;
    throw error;
  }
}

describe('SandboxStackScriptsService', () => {
  it('starts with the two built-in public StackScripts, visible without a token', () => {
    expect(service.list(null).map((s) => s.id)).toEqual([DEMO_STACKSCRIPT_ID, HELLO_STACKSCRIPT_ID]);
  });

  it('creates a private StackScript that only its owner sees, as mine, with UDFs from its tags', () => {
    const created = service.create('alice', body, 'api', Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(created).toMatchObject({
      id: 1_200_001,
      username: 'alice',
      is_public: false,
      mine: true,
      created: '2026-01-02T03:04:05',
      user_defined_fields: [{ name: 'NAME', label: 'Name', required: 'true', default: 'x' }],
    });
    expect(service.list('alice').map((s) => s.id)).toContain(created.id);
    expect(service.list('bob').map((s) => s.id)).not.toContain(created.id);
    expect(statusOf(() => service.get('bob', created.id))).toBe(404);
    expect(statusOf(() => service.get(null, created.id))).toBe(404);
  });

  it('shows a public one to everyone, mine only to its owner', () => {
    const created = service.create('alice', { ...body, is_public: true });
    expect(service.get('bob', created.id).mine).toBe(false);
    expect(service.get(null, created.id).mine).toBe(false);
    expect(service.get('alice', created.id).mine).toBe(true);
  });

  it('lets only the owner change or delete: 403 for another account’s public one', () => {
    const created = service.create('alice', { ...body, is_public: true });
    expect(statusOf(() => service.update('bob', created.id, { label: 'taken over' }))).toBe(403);
    expect(statusOf(() => service.delete('bob', created.id))).toBe(403);
    expect(statusOf(() => service.delete('bob', DEMO_STACKSCRIPT_ID))).toBe(403);
    expect(service.update('alice', created.id, { label: 'renamed' }).label).toBe('renamed');
    service.delete('alice', created.id);
    expect(statusOf(() => service.get('alice', created.id))).toBe(404);
  });

  it('answers a bad body with 400 and registers nothing', () => {
    expect(statusOf(() => service.create('alice', { ...body, images: ['linode/nope'] }))).toBe(400);
    expect(store.all()).toHaveLength(2);
  });

  it('registers public StackScripts owned by the sandbox user, unless the body says private', () => {
    expect(service.register(body, 'control')).toMatchObject({ username: 'sandbox', is_public: true });
    expect(service.register({ ...body, is_public: false }, 'control').is_public).toBe(false);
  });

  it('keeps registered ones and drops API-created ones on reset, never reusing an id', () => {
    const registered = service.register(body, 'startup');
    const own = service.create('alice', body);
    store.reset();
    expect(store.find(registered.id)).toBeDefined();
    expect(store.find(own.id)).toBeUndefined();
    expect(service.create('alice', body).id).toBeGreaterThan(own.id);
  });

  it('records stackscript_create, _update and _delete on the owner’s account, each with the StackScript as entity', () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5);
    const created = service.create('alice', body, 'api', now);
    service.update('alice', created.id, { label: 'renamed' }, now + 1000);
    service.delete('alice', created.id, now + 2000);
    const recorded = events.forAccount('alice', now + 3000);
    expect(recorded.map((event) => [event.action, event.status, event.entity?.label])).toEqual([
      ['stackscript_delete', 'notification', 'renamed'],
      ['stackscript_update', 'notification', 'renamed'],
      ['stackscript_create', 'notification', 'my-app'],
    ]);
    for (const event of recorded) {
      expect(event.entity).toEqual({
        id: created.id,
        label: event.entity?.label,
        type: 'stackscript',
        url: `/v4/linode/stackscripts/${created.id}`,
      });
    }
    expect(events.forAccount('bob', now + 3000)).toEqual([]);
  });

  it('records no event for a refused change or for a registration, where no account acted', () => {
    const created = service.create('alice', { ...body, is_public: true });
    statusOf(() => service.update('bob', created.id, { label: 'taken over' }));
    statusOf(() => service.create('alice', { ...body, images: ['linode/nope'] }));
    service.register(body, 'control');
    expect(events.forAccount('alice', Date.now()).map((event) => event.action)).toEqual(['stackscript_create']);
    expect(events.forAccount('sandbox', Date.now())).toEqual([]);
  });

  it('counts deployments: both counts rise with a deployment, the active one falls when its Linode goes', () => {
    const created = service.create('alice', body);
    store.recordDeployment(created.id);
    store.recordDeployment(created.id);
    store.endDeployment(created.id);
    expect(service.get('alice', created.id)).toMatchObject({ deployments_total: 2, deployments_active: 1 });
  });

  it('gives kept StackScripts their first deployment counts back on reset', () => {
    const registered = service.register(body, 'startup');
    store.recordDeployment(registered.id);
    store.recordDeployment(DEMO_STACKSCRIPT_ID);
    const demoBefore = service.get(null, DEMO_STACKSCRIPT_ID);
    store.reset();
    expect(service.get(null, registered.id)).toMatchObject({ deployments_total: 0, deployments_active: 0 });
    expect(service.get(null, DEMO_STACKSCRIPT_ID)).toMatchObject({
      deployments_total: demoBefore.deployments_total - 1,
      deployments_active: demoBefore.deployments_active - 1,
    });
  });
});
