import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { LinodeInstance } from '../../contract/linode.contract';
import { SANDBOX_OPTIONS, SandboxOptions } from '../../sandbox.options';
import { SandboxCatalog } from '../catalog/sandbox-catalog';
import { SandboxEventLog } from '../events/sandbox-event.log';
import { SandboxStackScriptStore } from '../stackscripts/sandbox-stackscript.store';
import { SandboxApiError } from '../http/sandbox-api.error';
import { SandboxAddressPool } from './address-pool';
import { validateCreateInstance, ValidCreateInstance } from './create-instance.validator';
import { SandboxInstanceExpiry } from './instance-expiry';
import { SandboxInstanceRetirement } from './instance-retirement';
import { lifecycle, SandboxInstance, toLinodeInstance } from './sandbox-instance';
import { SandboxInstanceStore } from './sandbox-instance.store';

/** Creating, reading and deleting an account's Linodes, with the events Linode records for them. */
@Injectable()
export class SandboxInstancesService {
  constructor(
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
    private readonly store: SandboxInstanceStore,
    private readonly events: SandboxEventLog,
    private readonly addresses: SandboxAddressPool,
    private readonly catalog: SandboxCatalog,
    private readonly expiry: SandboxInstanceExpiry,
    private readonly retirement: SandboxInstanceRetirement,
    private readonly stackScripts: SandboxStackScriptStore,
  ) {}

  create(username: string, body: unknown, now = Date.now()): LinodeInstance {
    const validation = validateCreateInstance(body, {
      type: (id) => this.catalog.type(id),
      region: (id) => this.catalog.region(id),
      image: (id) => this.catalog.image(id),
      stackScript: (id) => this.catalog.stackScript(id, username),
      labelTaken: (label) => this.store.labelTaken(username, label),
    });
    if (!validation.ok) throw SandboxApiError.badRequest(validation.errors);
    const limit = this.options.maxInstancesPerAccount;
    if (this.store.countFor(username) >= limit) {
      // Linode's words for its account limit (400, no field), and which limit it is here.
      throw SandboxApiError.badRequest([
        {
          reason:
            `Account Limit reached. Please open a support ticket. (The sandbox allows ${limit} active Linodes per account: ` +
            `SANDBOX_MAX_INSTANCES_PER_ACCOUNT; delete one${this.expiry.enabled ? ' or wait until one expires' : ''}.)`,
        },
      ]);
    }
    const addresses = this.addresses.allocate();
    if (!addresses) {
      throw SandboxApiError.badRequest([
        {
          reason:
            `The sandbox has no free IPv4 address left (all ${this.addresses.capacity} documentation addresses are in use); ` +
            `delete a Linode${this.expiry.enabled ? ', wait until one expires' : ''} or reset the sandbox`,
        },
      ]);
    }
    const request = validation.value;
    const id = this.store.nextId();
    const instance: SandboxInstance = {
      id,
      username,
      label: request.label ?? this.defaultLabel(username, id),
      group: request.group,
      tags: request.tags,
      region: request.region.id,
      siteType: request.region.site_type,
      type: request.type,
      image: request.image?.id ?? null,
      backupsEnabled: request.backupsEnabled,
      stackScriptId: request.stackScript?.id ?? null,
      ipv4: addresses.ipv4,
      ipv6: addresses.ipv6,
      hostUuid: randomUUID(),
      createdAt: now,
      ...lifecycle(now, this.options.bootMs, request.booted),
    };
    this.store.add(instance);
    if (instance.stackScriptId !== null) this.stackScripts.recordDeployment(instance.stackScriptId);
    this.recordLifecycleEvents(instance, request);
    return toLinodeInstance(instance, now);
  }

  list(username: string, now = Date.now()): LinodeInstance[] {
    return this.store.forAccount(username).map((instance) => toLinodeInstance(instance, now));
  }

  get(username: string, id: number, now = Date.now()): LinodeInstance {
    return toLinodeInstance(this.require(username, id), now);
  }

  delete(username: string, id: number, now = Date.now()): void {
    this.retirement.retire(this.require(username, id), now);
  }

  private require(username: string, id: number): SandboxInstance {
    const instance = Number.isSafeInteger(id) ? this.store.find(username, id) : undefined;
    if (!instance) throw SandboxApiError.notFound();
    return instance;
  }

  /** Linode names an unlabelled Linode `linode<id>`. */
  private defaultLabel(username: string, id: number): string {
    let label = `linode${id}`;
    for (let n = 2; this.store.labelTaken(username, label); n += 1) label = `linode${id}-${n}`;
    return label;
  }

  private entityOf(instance: SandboxInstance) {
    return { id: instance.id, label: instance.label, type: 'linode' as const, url: `/v4/linode/instances/${instance.id}` };
  }

  /** `linode_create` spans provisioning; `linode_boot` follows it when the Linode is booted. */
  private recordLifecycleEvents(instance: SandboxInstance, request: ValidCreateInstance): void {
    const entity = this.entityOf(instance);
    const common = { username: instance.username, entity, abortedAt: null };
    this.events.record({
      ...common,
      id: this.events.nextId(),
      action: 'linode_create',
      startedAt: instance.createdAt,
      finishedAt: instance.provisionedAt,
    });
    if (request.booted && instance.runningAt !== null) {
      this.events.record({
        ...common,
        id: this.events.nextId(),
        action: 'linode_boot',
        startedAt: instance.provisionedAt,
        finishedAt: instance.runningAt,
      });
    }
  }
}
