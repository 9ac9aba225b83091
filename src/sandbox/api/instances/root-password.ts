import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';

export const ROOT_PASS_MIN = 7;
export const ROOT_PASS_MAX = 128;
/**
 * Linode checks root passwords against "a password strength score requirement that is calculated
 * internally by the API"; the rule is not published. The sandbox asks zxcvbn (common dictionaries
 * and keyboard graphs) for a score of at least 3 of 4 ("safely unguessable"), which rejects the
 * passwords Linode is known to reject (dictionary words, short patterns) and accepts long random ones.
 */
export const ROOT_PASS_MIN_SCORE = 3;
export const WEAK_PASSWORD_REASON = 'Password does not meet strength requirement';

let configured = false;
function configure(): void {
  if (configured) return;
  zxcvbnOptions.setOptions({
    dictionary: { ...zxcvbnCommon.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
  });
  configured = true;
}

/** Why Linode would refuse this `root_pass`, or null when it is acceptable. */
export function rootPasswordProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'Must be a string';
  if (value.length < ROOT_PASS_MIN || value.length > ROOT_PASS_MAX) {
    return `Length must be ${ROOT_PASS_MIN}-${ROOT_PASS_MAX} characters`;
  }
  configure();
  return zxcvbn(value).score >= ROOT_PASS_MIN_SCORE ? null : WEAK_PASSWORD_REASON;
}
