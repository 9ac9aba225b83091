import { SANDBOX_DEFAULTS } from '../sandbox.options';
import { SandboxClientRegistry } from './sandbox-client.registry';

const registry = new SandboxClientRegistry({
  ...SANDBOX_DEFAULTS,
  clientId: 'id-1',
  clientSecret: 'secret-1',
  clientLabel: 'My app',
  redirectUri: 'http://localhost:5000/auth_callback',
});

describe('SandboxClientRegistry', () => {
  it('finds the registered client with its label and redirect URI', () => {
    expect(registry.find('id-1')).toEqual({ id: 'id-1', label: 'My app', redirectUri: 'http://localhost:5000/auth_callback' });
  });

  it('finds no other client', () => {
    expect(registry.find('id-2')).toBeUndefined();
    expect(registry.find(null)).toBeUndefined();
  });

  it('authenticates the client with its secret', () => {
    expect(registry.authenticate('id-1', 'secret-1')?.id).toBe('id-1');
  });

  it('refuses a wrong, missing or differently-sized secret', () => {
    expect(registry.authenticate('id-1', 'secret-2')).toBeUndefined();
    expect(registry.authenticate('id-1', null)).toBeUndefined();
    expect(registry.authenticate('id-1', 'secret-1-and-more')).toBeUndefined();
  });

  it('refuses the right secret for an unknown client', () => {
    expect(registry.authenticate('id-2', 'secret-1')).toBeUndefined();
  });
});
