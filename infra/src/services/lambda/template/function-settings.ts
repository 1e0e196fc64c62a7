import type { ResourceReader } from '../../../stack/resource-reader.js';
import { describe, isObject, scalarToString } from '../../../stack/values.js';

/** Variables Lambda sets itself and refuses in a function's configuration. */
const RESERVED_VARIABLES = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-/]+$/;

/** `Environment.Variables`, values as strings; Lambda's rules on names and reserved variables apply. */
export function environmentOf(reader: ResourceReader): Record<string, string> {
  const environment = reader.optional('Environment');
  if (environment === undefined) return {};
  if (!isObject(environment)) {
    throw reader.fail('Environment', `must be a mapping, got ${describe(environment)}`);
  }
  for (const key of Object.keys(environment)) {
    if (key !== 'Variables') throw reader.fail(`Environment.${key}`, 'Environment takes only Variables');
  }
  const variables = environment.Variables ?? {};
  if (!isObject(variables)) {
    throw reader.fail('Environment.Variables', `must be a mapping, got ${describe(variables)}`);
  }
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    const path = `Environment.Variables.${name}`;
    if (!/^[a-zA-Z]\w+$/.test(name)) {
      throw reader.fail(path, 'a variable name is a letter then letters, digits or _');
    }
    if (RESERVED_VARIABLES.has(name)) {
      throw reader.fail(path, `${name} is reserved by Lambda and cannot be set`);
    }
    const text = scalarToString(value);
    if (text === undefined) throw reader.fail(path, `must be a string, got ${describe(value)}`);
    result[name] = text;
  }
  return result;
}

/** `Architectures`: exactly one of x86_64 and arm64; x86_64 when absent. */
export function architecturesOf(reader: ResourceReader): Array<'x86_64' | 'arm64'> {
  const value = reader.optional('Architectures');
  if (value === undefined) return ['x86_64'];
  const valid = Array.isArray(value) && value.length === 1 && (value[0] === 'x86_64' || value[0] === 'arm64');
  if (!valid) {
    // SAM concatenates Globals lists, so a Globals value plus a function's own gives two entries.
    throw reader.fail(
      'Architectures',
      `must list exactly one of x86_64, arm64 (Globals lists are added to the function's), got ${describe(value)}`,
    );
  }
  return value as Array<'x86_64' | 'arm64'>;
}

/** `Role` as an IAM role ARN; undefined when the template sets none. */
export function roleOf(reader: ResourceReader): string | undefined {
  const role = reader.string('Role', 'essential');
  if (role !== undefined && !ROLE_ARN.test(role)) {
    throw reader.fail('Role', `must be the ARN of an IAM role, got '${role}'`);
  }
  return role;
}
