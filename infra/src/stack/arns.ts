import type { StackEnvironment } from './pseudo-parameters.js';
import type { ResourceReader } from './resource-reader.js';
/** The parts of a Lambda function ARN, `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`. */
export interface FunctionArnParts {
  partition: string;
  region: string;
  accountId: string;
  functionName: string;
  qualifier?: string;
}

const LAMBDA_ARN =
  /^arn:(?<partition>[^:]+):lambda:(?<region>[^:]+):(?<accountId>\d{12}):function:(?<functionName>[A-Za-z0-9_-]+)(?::(?<qualifier>.+))?$/;

/** Splits a full function ARN; undefined when the text is not one. */
export function parseFunctionArn(arn: string): FunctionArnParts | undefined {
  const groups = LAMBDA_ARN.exec(arn)?.groups;
  if (!groups) return undefined;
  const { partition = '', region = '', accountId = '', functionName = '', qualifier } = groups;
  return qualifier === undefined
    ? { partition, region, accountId, functionName }
    : { partition, region, accountId, functionName, qualifier };
}

/**
 * The function name in a `FunctionName` that may be a name, a partial ARN (`123456789012:function:name`)
 * or a full ARN, with or without a qualifier.
 */
export function functionNameOf(reference: string): string {
  return (
    parseFunctionArn(reference)?.functionName ??
    reference.replace(/^.*:function:/, '').split(':')[0] ??
    reference
  );
}

/**
 * The function a Lambda ARN names, when it can be one of this stack's: an ARN of another account or
 * region is reported and gives undefined, a qualifier is reported ($LATEST is what runs locally),
 * and a text that is not a function ARN gives null for the caller to refuse.
 */
export function localFunctionOfArn(
  reader: ResourceReader,
  path: string,
  arn: string,
  env: StackEnvironment,
): string | undefined | null {
  const parts = parseFunctionArn(arn);
  if (!parts) return null;
  const { partition, region, accountId, functionName, qualifier } = parts;
  if (partition !== env.partition || region !== env.region || accountId !== env.accountId) {
    reader.report(path, `${arn} is outside this stack's account and region; ignored`);
    return undefined;
  }
  if (qualifier !== undefined && qualifier !== '$LATEST') {
    reader.report(
      path,
      `versions and aliases are not published locally; ${functionName} ($LATEST) is called instead of ${qualifier}`,
    );
  }
  return functionName;
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>`. */
export function tableArn(region: string, accountId: string, tableName: string): string {
  return `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}`;
}

/** The table name inside a table, index or stream ARN (`…:table/<name>/stream/<label>`). */
export function tableNameOfArn(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:dynamodb:[^:]*:[^:]*:table\/([^/]+)/.exec(arn);
  return match?.[1];
}
