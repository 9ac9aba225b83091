import type { UdfInputField } from '../catalog/udf/udf-form';

// Wider than the names rendered as password inputs (isPasswordName): tokens and keys are just as
// secret on a results page. Every name isPasswordName matches, this matches too.
const SECRET_NAME = /password|passwd|secret|token|api_?key|private/i;

/**
 * A UDF whose value must never be shown again, put in a URL or kept past the create: a password
 * field, or one whose name suggests a secret (token, secret, key).
 */
export function isSecretUdf(field: Pick<UdfInputField, 'kind' | 'name'>): boolean {
  return field.kind === 'password' || SECRET_NAME.test(field.name);
}
