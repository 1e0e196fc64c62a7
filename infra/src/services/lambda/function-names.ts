import { invalidParameterValue, resourceNotFound, validationError } from './errors.js';

/** The pattern Lambda's API model gives Invoke's FunctionName (partial ARNs and qualifiers allowed). */
const INVOKE_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const INVOKE_NAME = new RegExp(`^${INVOKE_NAME_PATTERN}$`);
const QUALIFIER_PATTERN = '(|[a-zA-Z0-9$_-]+)';
const QUALIFIER = /^(|[a-zA-Z0-9$_-]+)$/;
const MAX_NAME_LENGTH = 170;

export interface FunctionReference {
  name: string;
  /** `$LATEST` unless another qualifier was asked for. */
  qualifier: string;
}

/**
 * Reads every FunctionName form Lambda accepts — `name`, `name:qualifier`,
 * `123456789012:function:name`, the full ARN — and checks it against `?Qualifier=`, the account and the
 * region, failing with the error Lambda gives for each case.
 */
export function parseFunctionReference(
  raw: string,
  queryQualifier: string | undefined,
  where: { region: string; accountId: string },
): FunctionReference {
  if (raw.length < 1 || raw.length > MAX_NAME_LENGTH) {
    throw validationError(
      `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must have length ${raw.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_NAME_LENGTH}`}`,
    );
  }
  const match = INVOKE_NAME.exec(raw);
  if (!match) {
    throw validationError(
      `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${INVOKE_NAME_PATTERN}`,
    );
  }
  if (queryQualifier !== undefined && (!QUALIFIER.test(queryQualifier) || queryQualifier.length > 128)) {
    throw validationError(
      `1 validation error detected: Value '${queryQualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ${QUALIFIER_PATTERN}`,
    );
  }
  const region = match[3]?.slice(0, -1);
  const account = match[8]?.slice(0, -1);
  const name = match[10] as string;
  const nameQualifier = match[12];
  if (nameQualifier !== undefined && queryQualifier && nameQualifier !== queryQualifier) {
    throw invalidParameterValue(
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  const qualifier = nameQualifier ?? (queryQualifier || '$LATEST');
  if ((region && region !== where.region) || (account && account !== where.accountId)) {
    throw resourceNotFound(
      `Function not found: ${functionArn(name, { region: region ?? where.region, accountId: account ?? where.accountId }, qualifier)}`,
    );
  }
  return { name, qualifier };
}

export function functionArn(
  name: string,
  where: { region: string; accountId: string },
  qualifier?: string,
): string {
  return `arn:aws:lambda:${where.region}:${where.accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}
