import { createHash } from 'node:crypto';
import type { StackScript } from '../../contract/linode.contract';
import { parseUdfTags } from '../catalog/udf-tags';
import type { StackScriptInput } from './stackscript-input';

/** Where a StackScript came from: it decides what a sandbox reset keeps (all but `api`). */
export type StackScriptOrigin = 'built-in' | 'startup' | 'control' | 'api';

/** A StackScript as the sandbox keeps it; `mine` depends on who looks, so it is not stored. */
export interface SandboxStackScript {
  id: number;
  owner: string;
  origin: StackScriptOrigin;
  input: StackScriptInput;
  created: string;
  updated: string;
  deploymentsActive: number;
  deploymentsTotal: number;
}

/** Linode's gravatar id: an MD5 of the owner's email (here the sandbox profile's). */
export function gravatarId(owner: string): string {
  return createHash('md5')
    .update(`${owner.replace(/[^A-Za-z0-9._-]/g, '_')}@example.com`)
    .digest('hex');
}

/**
 * The UDF tags of a StackScript's script, parsed once per input (an update replaces the input):
 * lists and creates read every visible StackScript, and a script may be 200k characters.
 */
const parsedUdfs = new WeakMap<StackScriptInput, StackScript['user_defined_fields']>();
function userDefinedFieldsOf(input: StackScriptInput): StackScript['user_defined_fields'] {
  let fields = parsedUdfs.get(input);
  if (fields === undefined) {
    fields = parseUdfTags(input.script);
    parsedUdfs.set(input, fields);
  }
  return fields;
}

/** The StackScript object the API returns to `viewer` (null: no token), in a real answer's shape and order. */
export function toStackScript(record: SandboxStackScript, viewer: string | null): StackScript {
  const { input } = record;
  return {
    id: record.id,
    username: record.owner,
    user_gravatar_id: gravatarId(record.owner),
    label: input.label,
    description: input.description,
    ordinal: 0,
    logo_url: '',
    images: [...input.images],
    deployments_total: record.deploymentsTotal,
    deployments_active: record.deploymentsActive,
    is_public: input.is_public,
    mine: viewer !== null && viewer === record.owner,
    created: record.created,
    updated: record.updated,
    rev_note: input.rev_note,
    script: input.script,
    user_defined_fields: userDefinedFieldsOf(input),
  };
}

/** Whether `viewer` may see it: public ones everyone, private ones their owner only. */
export function visibleTo(record: SandboxStackScript, viewer: string | null): boolean {
  return record.input.is_public || (viewer !== null && viewer === record.owner);
}
