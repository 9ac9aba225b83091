import { Injectable } from '@nestjs/common';
import { SandboxEventLog } from '../events/sandbox-event.log';
import { SandboxStackScriptStore } from '../stackscripts/sandbox-stackscript.store';
import { SandboxAddressPool } from './address-pool';
import type { SandboxInstance } from './sandbox-instance';
import { SandboxInstanceStore } from './sandbox-instance.store';

/**
 * How a Linode goes away, whether its owner deleted it or the sandbox let it expire: it leaves the
 * store, its address goes back to the pool, its StackScript counts one active deployment less, its
 * unfinished actions fail, and `linode_delete` is recorded. Its events stay in the log (which bounds them on its own).
 */
@Injectable()
export class SandboxInstanceRetirement {
  constructor(
    private readonly store: SandboxInstanceStore,
    private readonly events: SandboxEventLog,
    private readonly addresses: SandboxAddressPool,
    private readonly stackScripts: SandboxStackScriptStore,
  ) {}

  retire(instance: SandboxInstance, at: number): void {
    this.store.remove(instance.id);
    this.addresses.release(instance.ipv4);
    if (instance.stackScriptId !== null) this.stackScripts.endDeployment(instance.stackScriptId);
    this.events.abortFor(instance.id, at);
    this.events.record({
      id: this.events.nextId(),
      username: instance.username,
      action: 'linode_delete',
      entity: { id: instance.id, label: instance.label, type: 'linode', url: `/v4/linode/instances/${instance.id}` },
      startedAt: at,
      finishedAt: null,
      abortedAt: null,
    });
  }
}
