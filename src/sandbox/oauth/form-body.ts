import type { Request } from 'express';

/** The login service takes form posts only, like RFC 6749 §4.1.3 and Linode's docs describe. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export function isFormRequest(request: Request): boolean {
  return Boolean(request.is(FORM_TYPES));
}

/** Multipart bounds: OAuth forms have a dozen short fields and no files. */
export const FORM_LIMITS = { fields: 50, fieldSize: 16 * 1024, parts: 50 } as const;
