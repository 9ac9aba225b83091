import type { UserDefinedField } from '../../contract/linode.contract';
import type { LinodeErrorItem } from '../http/sandbox-api.error';

export const STACKSCRIPT_DATA_MAX_CHARS = 65_535;

function choices(list: string | undefined): string[] {
  return list === undefined ? [] : list.split(',').map((choice) => choice.trim());
}

/**
 * A UDF without a default must be given a value; `default: ""` makes it optional. A `required`
 * attribute makes it required even with a default (Cloud Manager's rule), unless it says false.
 */
export function isRequiredUdf(udf: UserDefinedField): boolean {
  if (udf.required !== undefined && !/^(false|no|0)$/i.test(udf.required.trim())) return true;
  return udf.default === undefined || udf.default === null;
}

/**
 * Checks `stackscript_data` against the StackScript's UDFs: every required UDF has a non-empty
 * value, values are strings (what first-party clients send), a single choice is one of its list
 * and a multiple choice (comma-joined) only holds listed values. Keys no UDF declares are ignored.
 * Errors name the UDF as `stackscript_data.<NAME>`.
 */
export function stackScriptDataErrors(udfs: readonly UserDefinedField[], data: unknown): LinodeErrorItem[] {
  if (data === undefined || data === null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return [{ field: 'stackscript_data', reason: 'Must be an object of UDF names to values' }];
  }
  if (JSON.stringify(data).length > STACKSCRIPT_DATA_MAX_CHARS) {
    return [{ field: 'stackscript_data', reason: 'Must be at most 65,535 characters as JSON' }];
  }
  const values = data as Record<string, unknown>;
  const errors: LinodeErrorItem[] = [];
  for (const udf of udfs) {
    const field = `stackscript_data.${udf.name}`;
    const value = values[udf.name];
    if (value === undefined || value === '') {
      if (isRequiredUdf(udf)) errors.push({ field, reason: `A value for ${udf.name} is required` });
      continue;
    }
    if (typeof value !== 'string') {
      errors.push({ field, reason: 'Must be a string' });
      continue;
    }
    const single = choices(udf.oneof);
    const many = choices(udf.manyof);
    if (single.length > 0 && !single.includes(value)) {
      errors.push({ field, reason: `Must be one of: ${single.join(', ')}` });
    } else if (many.length > 0 && !value.split(',').every((part) => many.includes(part.trim()))) {
      errors.push({ field, reason: `Each value must be one of: ${many.join(', ')}` });
    }
  }
  return errors;
}
