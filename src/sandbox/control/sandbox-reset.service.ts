import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SandboxEventLog } from '../api/events/sandbox-event.log';
import { SandboxAddressPool } from '../api/instances/address-pool';
import { CreateInstanceRateLimiter } from '../api/instances/create-rate-limiter';
import { SandboxInstanceStore } from '../api/instances/sandbox-instance.store';
import { SandboxStackScriptStore } from '../api/stackscripts/sandbox-stackscript.store';
import { SandboxTokenStore } from '../tokens/sandbox-token.store';
import { FaultInjector } from './fault-injector';
import { HeldRequests } from './held-requests';

/** The login service's code store, found by name so the control plane does not depend on its file. */
const AUTHORIZATION_CODE_STORE = 'SandboxAuthorizationCodeStore';

interface Resettable {
  reset(): void;
}

function isResettable(value: unknown): value is Resettable {
  return typeof value === 'object' && value !== null && typeof (value as Resettable).reset === 'function';
}

/**
 * Brings the sandbox back to its first state: no Linodes, events, tokens, codes, faults or rate
 * limits, and no StackScripts created through the API (registered ones stay).
 */
@Injectable()
export class SandboxResetService {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly instances: SandboxInstanceStore,
    private readonly addresses: SandboxAddressPool,
    private readonly events: SandboxEventLog,
    private readonly rateLimiter: CreateInstanceRateLimiter,
    private readonly tokens: SandboxTokenStore,
    private readonly faults: FaultInjector,
    private readonly held: HeldRequests,
    private readonly stackScripts: SandboxStackScriptStore,
  ) {}

  reset(): void {
    this.faults.clear();
    this.held.releaseHung();
    this.instances.reset();
    this.addresses.reset();
    this.events.reset();
    this.rateLimiter.reset();
    this.tokens.reset();
    this.stackScripts.reset();
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.name === AUTHORIZATION_CODE_STORE && isResettable(wrapper.instance)) wrapper.instance.reset();
    }
  }
}
