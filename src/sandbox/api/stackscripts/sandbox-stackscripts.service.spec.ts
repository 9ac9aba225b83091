import { SandboxCatalog } from '../catalog/sandbox-catalog';
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
let service: SandboxStackScriptsService;
beforeEach(() => {
  store = new SandboxStackScriptStore();
  service = new SandboxStackScriptsService(store, new SandboxCatalog(store));
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
});
