import { SANDBOX_DEFAULTS, SandboxOptions } from '../../sandbox.options';
import { SandboxCatalog } from '../catalog/sandbox-catalog';
import { SandboxStackScriptStore } from '../stackscripts/sandbox-stackscript.store';
import { SandboxEventLog } from '../events/sandbox-event.log';
import { SandboxAddressPool } from './address-pool';
import { SandboxInstanceExpiry } from './instance-expiry';
import { SandboxInstanceRetirement } from './instance-retirement';
import { SandboxInstanceStore } from './sandbox-instance.store';
import { SandboxInstancesService } from './sandbox-instances.service';

/** A valid create body (the strong password passes the sandbox's strength check). */
export const CREATE_BODY = { type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', root_pass: 'vK7#pQ2$wL9!mZ4@xR8&' };

/** The sandbox's instance side wired by hand, as the v4 module wires it (for unit specs). */
export function instancesWorld(overrides: Partial<SandboxOptions> = {}) {
  const options: SandboxOptions = { ...SANDBOX_DEFAULTS, ...overrides };
  const store = new SandboxInstanceStore();
  const events = new SandboxEventLog(options);
  const addresses = new SandboxAddressPool();
  const stackScripts = new SandboxStackScriptStore();
  const retirement = new SandboxInstanceRetirement(store, events, addresses, stackScripts);
  const expiry = new SandboxInstanceExpiry(options, store, retirement);
  const service = new SandboxInstancesService(
    options,
    store,
    events,
    addresses,
    new SandboxCatalog(stackScripts),
    expiry,
    retirement,
    stackScripts,
  );
  return { options, store, events, addresses, expiry, service, stackScripts };
}
