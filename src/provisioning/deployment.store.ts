import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import type { DeploymentRecord } from './deployment.record';

/** Deployment records are kept for a day: long enough to come back to the page. */
export const DEPLOYMENT_TTL_MS = 24 * 60 * 60 * 1000;

/** Unguessable ids (128 bits): knowing one is no way to find another. */
export function newDeploymentId(): string {
  return randomBytes(16).toString('base64url');
}

@Injectable()
export class DeploymentStore {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  async get(id: string): Promise<DeploymentRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return undefined;
    return this.store.get<DeploymentRecord>(`deployment:${id}`);
  }

  async save(record: DeploymentRecord): Promise<void> {
    const remaining = await this.store.ttl(`deployment:${record.id}`);
    await this.store.set(`deployment:${record.id}`, record, remaining ?? DEPLOYMENT_TTL_MS);
  }
}
