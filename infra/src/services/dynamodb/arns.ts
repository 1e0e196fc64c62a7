export { tableArn, tableNameOfArn } from '../../stack/arns.js';

/**
 * DynamoDB Local names every table `arn:aws:dynamodb:ddblocal:000000000000:table/<name>` (with
 * `-sharedDb`). Clients of the local cloud must see the ARNs of the stack's own region and account,
 * as on AWS, so ARNs are rewritten on their way out and back in.
 */
export const LOCAL_ARN_PREFIX = 'arn:aws:dynamodb:ddblocal:000000000000:';

export function publicArnPrefix(region: string, accountId: string): string {
  return `arn:aws:dynamodb:${region}:${accountId}:`;
}

/** Rewrites every DynamoDB Local ARN in a text (a JSON response body) to the stack's region and account. */
export function toPublicArns(text: string, region: string, accountId: string): string {
  return text.includes(LOCAL_ARN_PREFIX)
    ? text.replaceAll(LOCAL_ARN_PREFIX, publicArnPrefix(region, accountId))
    : text;
}

/** Rewrites the stack's DynamoDB ARNs in a text (a JSON request body) to the ones DynamoDB Local knows. */
export function toLocalArns(text: string, region: string, accountId: string): string {
  const prefix = publicArnPrefix(region, accountId);
  return text.includes(prefix) ? text.replaceAll(prefix, LOCAL_ARN_PREFIX) : text;
}
