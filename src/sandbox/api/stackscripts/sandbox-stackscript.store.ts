import { Injectable } from '@nestjs/common';
import { linodeTime } from '../http/linode-time';
import { BUILT_IN_STACKSCRIPTS } from '../seed/stackscripts.seed';
import type { SandboxStackScript, StackScriptOrigin } from './sandbox-stackscript';
import type { StackScriptInput } from './stackscript-input';

/** Ids of StackScripts registered in the sandbox start here, above the real ones it was modelled on. */
const FIRST_REGISTERED_ID = 1_200_001;

/**
 * Every StackScript the sandbox knows: the built-in ones, those registered at start or through the
 * control plane (public, kept across resets) and those accounts create through the API (dropped by
 * a reset, like their Linodes). Ids are never reused.
 */
@Injectable()
export class SandboxStackScriptStore {
  private readonly records = new Map<number, SandboxStackScript>(BUILT_IN_STACKSCRIPTS.map((record) => [record.id, { ...record }]));
  private nextId = FIRST_REGISTERED_ID;

  all(): SandboxStackScript[] {
    return [...this.records.values()];
  }

  find(id: number): SandboxStackScript | undefined {
    return this.records.get(id);
  }

  add(owner: string, origin: StackScriptOrigin, input: StackScriptInput, now = Date.now()): SandboxStackScript {
    const time = linodeTime(now);
    const record: SandboxStackScript = {
      id: this.nextId++,
      owner,
      origin,
      input,
      created: time,
      updated: time,
      deploymentsActive: 0,
      deploymentsTotal: 0,
    };
    this.records.set(record.id, record);
    return record;
  }

  update(record: SandboxStackScript, input: StackScriptInput, now = Date.now()): SandboxStackScript {
    const updated = { ...record, input, updated: linodeTime(now) };
    this.records.set(record.id, updated);
    return updated;
  }

  remove(id: number): void {
    this.records.delete(id);
  }

  /** A Linode was deployed from it: it counts in both `deployments_total` and `deployments_active`. */
  recordDeployment(id: number): void {
    const record = this.records.get(id);
    if (!record) return;
    record.deploymentsTotal += 1;
    record.deploymentsActive += 1;
  }

  /** A Linode deployed from it was deleted: `deployments_active` counts only Linodes that still exist. */
  endDeployment(id: number): void {
    const record = this.records.get(id);
    if (record && record.deploymentsActive > 0) record.deploymentsActive -= 1;
  }

  /**
   * Drops what accounts created through the API; keeps built-in and registered ones, with the
   * deployment counts they started with (the Linodes counted in them are gone too).
   */
  reset(): void {
    const seeded = new Map(BUILT_IN_STACKSCRIPTS.map((record) => [record.id, record]));
    for (const record of this.all()) {
      if (record.origin === 'api') {
        this.records.delete(record.id);
        continue;
      }
      record.deploymentsTotal = seeded.get(record.id)?.deploymentsTotal ?? 0;
      record.deploymentsActive = seeded.get(record.id)?.deploymentsActive ?? 0;
    }
  }
}
