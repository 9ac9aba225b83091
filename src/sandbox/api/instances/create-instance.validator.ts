import type { Image, LinodeType, Region, StackScript } from '../../contract/linode.contract';
import { isValidLinodeLabel } from '../../../linode/contract/linode.vocabulary';
import type { LinodeErrorItem } from '../http/sandbox-api.error';
import { rootPasswordProblem } from './root-password';
import { isSshPublicKey } from './ssh-public-key';
import { stackScriptDataErrors } from './stackscript-data';

/** What the validator needs to know about the world. */
export interface CreateInstanceContext {
  type(id: string): LinodeType | undefined;
  region(id: string): Region | undefined;
  image(id: string): Image | undefined;
  stackScript(id: number): StackScript | undefined;
  /** Whether the account already has a Linode with this label. */
  labelTaken(label: string): boolean;
}

/** A `POST /linode/instances` body that passed every check. */
export interface ValidCreateInstance {
  type: LinodeType;
  region: Region;
  image: Image | null;
  /** Null when the caller gave none: the store then names it `linode<id>`, like Linode. */
  label: string | null;
  group: string;
  tags: string[];
  booted: boolean;
  backupsEnabled: boolean;
  stackScript: StackScript | null;
}

export type CreateInstanceValidation = { ok: true; value: ValidCreateInstance } | { ok: false; errors: LinodeErrorItem[] };

export const TAG_MIN = 3;
export const TAG_MAX = 50;
export const LABEL_RULES_REASON =
  'Labels must begin and end with a letter or number, and contain only letters, numbers, ' +
  'dashes, underscores and periods, never two dashes, underscores or periods in a row';
export const DUPLICATE_LABEL_REASON = 'Label must be unique among your linodes';

type Body = Record<string, unknown>;
type Fail = (field: string, reason: string) => void;

function isPlainObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a create request the way Linode does: every error names its field and as many
 * problems as can be found are reported together. Reasons are Linode's where known
 * (`Password does not meet strength requirement`, `Label must be unique among your linodes`).
 */
export function validateCreateInstance(body: unknown, context: CreateInstanceContext): CreateInstanceValidation {
  if (!isPlainObject(body)) return { ok: false, errors: [{ reason: 'The request body must be a JSON object' }] };
  const errors: LinodeErrorItem[] = [];
  const fail: Fail = (field, reason) => {
    errors.push({ field, reason });
  };

  const type = lookup(body, 'type', 'A Linode type is required', 'Not a valid Linode type', (id) => context.type(id), fail);
  const region = lookup(body, 'region', 'A region is required', 'Not a valid region', (id) => context.region(id), fail);
  if (region && !region.capabilities.includes('Linodes')) fail('region', 'Linodes cannot be created in this region');
  else if (region && region.status !== 'ok') fail('region', 'This region is currently unavailable');

  const stackScript = checkStackScript(body, context, fail);
  const image = checkImage(body, context, stackScript, fail);
  checkRootPass(body, image, fail);
  const label = checkLabel(body, context, fail);
  const group = typeof body.group === 'string' ? body.group : '';
  if (body.group !== undefined && body.group !== null && typeof body.group !== 'string') fail('group', 'Must be a string');
  const tags = checkTags(body.tags, fail);
  checkAuthorizedKeys(body.authorized_keys, fail);
  const booted = checkBoolean(body, 'booted', true, fail);
  const backupsEnabled = checkBoolean(body, 'backups_enabled', false, fail);
  if (stackScript) errors.push(...stackScriptDataErrors(stackScript.user_defined_fields, body.stackscript_data));

  if (errors.length > 0 || !type || !region) return { ok: false, errors };
  return {
    ok: true,
    value: { type, region, image, label, group, tags, booted, backupsEnabled, stackScript },
  };
}

function lookup<T>(
  body: Body,
  field: string,
  missing: string,
  unknown: string,
  find: (id: string) => T | undefined,
  fail: Fail,
): T | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    fail(field, missing);
    return undefined;
  }
  if (typeof value !== 'string') {
    fail(field, 'Must be a string');
    return undefined;
  }
  const found = find(value);
  if (!found) fail(field, unknown);
  return found;
}

function checkStackScript(body: Body, context: CreateInstanceContext, fail: Fail): StackScript | null {
  const id = body.stackscript_id;
  if (id === undefined || id === null) return null;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    fail('stackscript_id', 'Must be an integer');
    return null;
  }
  const stackScript = context.stackScript(id);
  if (!stackScript) {
    fail('stackscript_id', 'StackScript not found');
    return null;
  }
  return stackScript;
}

function checkImage(body: Body, context: CreateInstanceContext, stackScript: StackScript | null, fail: Fail): Image | null {
  const id = body.image;
  if (id === undefined || id === null) {
    if (stackScript) fail('image', 'An image is required to deploy a StackScript');
    return null;
  }
  if (typeof id !== 'string') {
    fail('image', 'Must be a string');
    return null;
  }
  const image = context.image(id);
  if (!image) {
    fail('image', 'Not a valid image');
    return null;
  }
  const supported = stackScript?.images ?? [];
  if (stackScript && !supported.includes(image.id) && !supported.includes('any/all')) {
    fail('image', 'This StackScript does not support this image');
  }
  return image;
}

function checkRootPass(body: Body, image: Image | null, fail: Fail): void {
  if (body.root_pass === undefined || body.root_pass === null) {
    if (image) fail('root_pass', 'A root password is required when deploying an image');
    return;
  }
  const problem = rootPasswordProblem(body.root_pass);
  if (problem) fail('root_pass', problem);
}

function checkLabel(body: Body, context: CreateInstanceContext, fail: Fail): string | null {
  const label = body.label;
  if (label === undefined || label === null) return null;
  if (typeof label !== 'string') {
    fail('label', 'Must be a string');
    return null;
  }
  if (label.length < 3 || label.length > 64) {
    fail('label', 'Length must be 3-64 characters');
    return null;
  }
  if (!isValidLinodeLabel(label)) {
    fail('label', LABEL_RULES_REASON);
    return null;
  }
  if (context.labelTaken(label)) fail('label', DUPLICATE_LABEL_REASON);
  return label;
}

/** A flag left out or null takes its default. */
function checkBoolean(body: Body, field: string, fallback: boolean, fail: Fail): boolean {
  const value = body[field];
  if (typeof value === 'boolean') return value;
  if (value !== undefined && value !== null) fail(field, 'Must be true or false');
  return fallback;
}

function checkTags(tags: unknown, fail: Fail): string[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    fail('tags', 'Must be an array of strings');
    return [];
  }
  if (tags.some((tag: string) => tag.length < TAG_MIN || tag.length > TAG_MAX)) {
    fail('tags', `Each tag must be ${TAG_MIN}-${TAG_MAX} characters`);
  }
  return [...new Set(tags)];
}

function checkAuthorizedKeys(keys: unknown, fail: Fail): void {
  if (keys === undefined || keys === null) return;
  if (!Array.isArray(keys)) {
    fail('authorized_keys', 'Must be an array of SSH public keys');
    return;
  }
  const bad = keys.findIndex((key) => !isSshPublicKey(key));
  if (bad >= 0) fail('authorized_keys', `Item ${bad + 1} is not a valid SSH public key`);
}
