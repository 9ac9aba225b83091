import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import type { DeploymentDraft } from './deployment-draft';

export const DRAFT_TTL_MS = 15 * 60 * 1000;

/** By id, server-side: drafts survive session regeneration and any app instance can read them. */
@Injectable()
export class DraftStore {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  async save(draft: DeploymentDraft): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    await this.store.set(`draft:${id}`, draft, DRAFT_TTL_MS);
    return id;
  }

  /** Whether the draft still waits for its sign-in: neither used nor expired. */
  async has(id: string): Promise<boolean> {
    return (await this.store.ttl(`draft:${id}`)) !== undefined;
  }

  /** Single use: a replayed callback finds nothing. */
  take(id: string): Promise<DeploymentDraft | undefined> {
    return this.store.take<DeploymentDraft>(`draft:${id}`);
  }
}
