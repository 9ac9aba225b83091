import { isPasswordName, type UdfInputField } from '../catalog/udf/udf-form';

// Cloud Manager only hides "password" fields; tokens and keys are just as secret on a results page.
const SECRET_NAME = /password|passwd|secret|token|api_?key|private/i;

/**
 * A UDF whose value must never be shown again, put in a URL or kept past the create: a password
 * field, or one whose name suggests a secret (token, secret, key).
 */
export function isSecretUdf(field: Pick<UdfInputField, 'kind' | 'name'>): boolean {
  return field.kind === 'password' || isPasswordName(field.name) || SECRET_NAME.test(field.name);
}
