import type { LinodeErrorItem } from '../http/sandbox-api.error';
import { udfTagProblems } from '../catalog/udf-tags';

/** The image id that lets a StackScript deploy on any image. */
export const ANY_IMAGE = 'any/all';

/**
 * The sandbox's bound on a script (Linode documents none): a little under the API's JSON body
 * limit, so a script registered from a file cannot grow past what the API itself would accept.
 */
export const SCRIPT_MAX_CHARS = 200_000;
const LABEL_MIN = 3;
const LABEL_MAX = 128;
const TEXT_MAX = 10_000;

/** What `POST /v4/linode/stackscripts` takes; read-only fields a client echoes back are ignored. */
export interface StackScriptInput {
  label: string;
  script: string;
  images: string[];
  is_public: boolean;
  description: string;
  rev_note: string;
}

export type StackScriptInputResult = { ok: true; value: StackScriptInput } | { ok: false; errors: LinodeErrorItem[] };

type Fields = Readonly<Record<string, unknown>>;

/**
 * Checks a StackScript body as Linode does: a 3–128 character label, a script that starts with a
 * shebang and whose `<UDF>` tags are well formed, and a non-empty list of known images (or
 * `any/all`). `is_public`, `description` and `rev_note` are optional. With `previous` (an update),
 * every field is optional and falls back to it; a public StackScript cannot be made private.
 */
export function validateStackScriptInput(
  body: unknown,
  imageExists: (id: string) => boolean,
  previous?: StackScriptInput,
): StackScriptInputResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ reason: 'The request body must be a JSON object' }] };
  }
  const fields = body as Fields;
  const errors: LinodeErrorItem[] = [];
  const fail = (field: string, reason: string) => errors.push({ field, reason });

  const label = text(fields, 'label', previous?.label, fail);
  if (label !== undefined && (label.length < LABEL_MIN || label.length > LABEL_MAX)) {
    fail('label', `Length must be ${LABEL_MIN}-${LABEL_MAX} characters`);
  }
  const script = text(fields, 'script', previous?.script, fail);
  if (script !== undefined) {
    if (script.length > SCRIPT_MAX_CHARS) fail('script', `Must be at most ${SCRIPT_MAX_CHARS.toLocaleString('en')} characters`);
    else if (!script.startsWith('#!')) fail('script', 'Script must begin with a shebang (example: #!/bin/bash)');
    else for (const problem of udfTagProblems(script)) fail('script', problem);
  }
  const images = imageList(fields, previous?.images, imageExists, fail);
  const isPublic = flag(fields, 'is_public', previous?.is_public ?? false, fail);
  if (previous?.is_public && isPublic === false) fail('is_public', 'A public StackScript cannot be made private');
  const description = optionalText(fields, 'description', previous?.description ?? '', fail);
  const revNote = optionalText(fields, 'rev_note', previous?.rev_note ?? '', fail);

  if (errors.length > 0 || label === undefined || script === undefined || images === undefined || isPublic === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, value: { label, script, images, is_public: isPublic, description: description ?? '', rev_note: revNote ?? '' } };
}

type Fail = (field: string, reason: string) => void;

function text(fields: Fields, name: string, fallback: string | undefined, fail: Fail): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') {
    if (fallback === undefined) fail(name, `${name} is required`);
    return fallback;
  }
  if (typeof value !== 'string') {
    fail(name, 'Must be a string');
    return undefined;
  }
  return value;
}

function optionalText(fields: Fields, name: string, fallback: string, fail: Fail): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') {
    fail(name, 'Must be a string');
    return undefined;
  }
  if (value.length > TEXT_MAX) {
    fail(name, `Must be at most ${TEXT_MAX.toLocaleString('en')} characters`);
    return undefined;
  }
  return value;
}

function flag(fields: Fields, name: string, fallback: boolean, fail: Fail): boolean | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') {
    fail(name, 'Must be true or false');
    return undefined;
  }
  return value;
}

function imageList(fields: Fields, fallback: string[] | undefined, imageExists: (id: string) => boolean, fail: Fail): string[] | undefined {
  const value = fields.images;
  if (value === undefined || value === null) {
    if (fallback === undefined) fail('images', 'images is required');
    return fallback;
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((id): id is string => typeof id === 'string')) {
    fail('images', 'Must be a non-empty list of image ids');
    return undefined;
  }
  const unknown = value.filter((id) => id !== ANY_IMAGE && !imageExists(id));
  if (unknown.length > 0) {
    fail('images', `Image not found: ${unknown.join(', ')}`);
    return undefined;
  }
  return [...new Set(value)];
}
