import { Injectable } from '@nestjs/common';
import type { StackScript } from '../../contract/linode.contract';
import { SandboxCatalog } from '../catalog/sandbox-catalog';
import { SandboxEventLog } from '../events/sandbox-event.log';
import type { SandboxEventAction } from '../events/sandbox-event';
import { SandboxApiError } from '../http/sandbox-api.error';
import { SandboxStackScript, StackScriptOrigin, toStackScript, visibleTo } from './sandbox-stackscript';
import { SandboxStackScriptStore } from './sandbox-stackscript.store';
import { StackScriptInput, validateStackScriptInput } from './stackscript-input';

/** Who registers StackScripts through the control plane or at start, unless a username is given. */
export const SANDBOX_OWNER = 'sandbox';

/**
 * StackScripts as Linode serves them: everyone sees public ones, an account also its own private
 * ones (`mine: true`); only the owner may change or delete one, and the account's events record
 * each change. Registering through the control plane or at start takes the same body as the API,
 * checked the same way, and records no event: no account acted.
 */
@Injectable()
export class SandboxStackScriptsService {
  constructor(
    private readonly store: SandboxStackScriptStore,
    private readonly catalog: SandboxCatalog,
    private readonly events: SandboxEventLog,
  ) {}

  /** Every StackScript `viewer` may see (null: no token), as the API shows it to them. */
  list(viewer: string | null): StackScript[] {
    return this.store
      .all()
      .filter((record) => visibleTo(record, viewer))
      .map((record) => toStackScript(record, viewer));
  }

  get(viewer: string | null, id: number): StackScript {
    return toStackScript(this.visible(viewer, id), viewer);
  }

  create(owner: string, body: unknown, origin: StackScriptOrigin = 'api', now = Date.now()): StackScript {
    const input = this.validate(body);
    const record = this.store.add(owner, origin, input, now);
    if (origin === 'api') this.recordEvent('stackscript_create', record, now);
    return toStackScript(record, owner);
  }

  /** Registration without a token (control plane, start): public unless the body says otherwise. */
  register(body: unknown, origin: 'control' | 'startup', owner = SANDBOX_OWNER): StackScript {
    const withDefaults = isObject(body) && body.is_public === undefined ? { ...body, is_public: true } : body;
    return this.create(owner, withDefaults, origin);
  }

  update(viewer: string, id: number, body: unknown, now = Date.now()): StackScript {
    const record = this.owned(viewer, id);
    const input = this.validate(body, record.input);
    const updated = this.store.update(record, input, now);
    this.recordEvent('stackscript_update', updated, now);
    return toStackScript(updated, viewer);
  }

  delete(viewer: string, id: number, now = Date.now()): void {
    const record = this.owned(viewer, id);
    this.store.remove(record.id);
    this.recordEvent('stackscript_delete', record, now);
  }

  /** An instant notification on the owner's account, with the StackScript as its entity. */
  private recordEvent(action: SandboxEventAction, record: SandboxStackScript, now: number): void {
    this.events.record({
      id: this.events.nextId(),
      username: record.owner,
      action,
      entity: { id: record.id, label: record.input.label, type: 'stackscript', url: `/v4/linode/stackscripts/${record.id}` },
      startedAt: now,
      finishedAt: null,
      abortedAt: null,
    });
  }

  private validate(body: unknown, previous?: StackScriptInput): StackScriptInput {
    const result = validateStackScriptInput(body, (id) => this.catalog.image(id) !== undefined, previous);
    if (!result.ok) throw SandboxApiError.badRequest(result.errors);
    return result.value;
  }

  private visible(viewer: string | null, id: number): SandboxStackScript {
    const record = Number.isSafeInteger(id) ? this.store.find(id) : undefined;
    if (!record || !visibleTo(record, viewer)) throw SandboxApiError.notFound();
    return record;
  }

  /** Another account's public StackScript can be read but not changed: 403, as Linode answers. */
  private owned(viewer: string, id: number): SandboxStackScript {
    const record = this.visible(viewer, id);
    if (record.owner !== viewer) throw new SandboxApiError(403, [{ reason: 'Unauthorized' }]);
    return record;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
