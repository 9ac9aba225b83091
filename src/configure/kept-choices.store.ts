import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KEY_VALUE_STORE, type KeyValueStore } from '../store/key-value.store';
import type { ConfigureForm } from './configure-form';
import type { FieldErrors } from './deployment-draft';

const KEPT_CHOICES_TTL_MS = 30 * 60 * 1000;

/** A person's choices after Linode refused them: never a password or other secret UDF. */
export interface KeptChoices {
  /** The session's browserId: only the browser that made them gets them back. */
  ownerId: string;
  stackScriptId: number;
  form: ConfigureForm;
  errors: FieldErrors;
  /** What Linode said that names no field of the form. */
  notice: string | null;
}

// The key names the stored shape: choices kept by another version of the app are not found rather than misread.
const KEY_PREFIX = 'kept-form:';

@Injectable()
export class KeptChoicesStore {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  async keep(choices: KeptChoices): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    await this.store.set(KEY_PREFIX + id, choices, KEPT_CHOICES_TTL_MS);
    return id;
  }

  /** Not single use: reloading the page shows the choices again. Another browser finds nothing. */
  async find(id: string, ownerId: string): Promise<KeptChoices | undefined> {
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return undefined;
    const kept = await this.store.get<KeptChoices>(KEY_PREFIX + id);
    return kept && kept.ownerId === ownerId ? kept : undefined;
  }
}
