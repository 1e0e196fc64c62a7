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
