import type {
  ContextValue,
  Decision,
  RequestPrincipal,
} from '../../../../../src/services/iam/policy/types.js';

/**
 * One row of the evaluator's behaviour table, run by the unit tests and, unchanged, by the differential
 * test against @cloud-copilot/iam-simulate.
 */
export interface PolicyCase {
  /** The behaviour, as a sentence. */
  name: string;
  /** Identity-based documents of the caller's role, compiled as IdentityPolicy0, IdentityPolicy1, … */
  identity?: Document[];
  /** The resource-based document of the resource, compiled as ResourcePolicy. */
  resourcePolicy?: Document;
  /** Who asks; a session of AppRole unless said otherwise. */
  principal?: RequestPrincipal;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  /** The owner of an S3 resource (its ARN names none) when it is not the caller's account. */
  resourceAccountId?: string;
  expected: Decision;
  /**
   * Where the simulator's verdict differs from AWS's documentation, which this evaluator follows:
   * the simulator's verdict and the documented rule.
   */
  simulatorDiffers?: { simulator: Decision; why: string };
}

export type Document = Record<string, unknown>;
type Statement = Record<string, unknown>;

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'us-east-1';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/AppRole`;
export const SESSION = 'CognitoIdentityCredentials';
export const USER_ID = `AROAAPPROLEEXAMPLE:${SESSION}`;
export const IDENTITY_ID = `${REGION}:11111111-2222-3333-4444-555555555555`;
export const POOL_ID = `${REGION}:99999999-8888-7777-6666-555555555555`;

export const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumbnail`;
export const BUCKET = 'arn:aws:s3:::photos';
export const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Photos`;
export const POOL = `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${POOL_ID}`;
export const LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/thumbnail`;

export const ROLE_SESSION: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AppRole/${SESSION}`,
  accountId: ACCOUNT,
  userId: USER_ID,
  roleArn: ROLE_ARN,
};

export const OTHER_ROLE_SESSION: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OtherRole/worker`,
  accountId: ACCOUNT,
  userId: 'AROAOTHERROLEEXAMPLE:worker',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/OtherRole`,
};

export const FOREIGN_ROLE_SESSION: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/Partner/job`,
  accountId: OTHER_ACCOUNT,
  userId: 'AROAPARTNEREXAMPLE:job',
  roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/Partner`,
};

export const ROOT: RequestPrincipal = {
  type: 'Root',
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  accountId: ACCOUNT,
};
export const FOREIGN_ROOT: RequestPrincipal = {
  type: 'Root',
  arn: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
  accountId: OTHER_ACCOUNT,
};

export function service(name: string): RequestPrincipal {
  return { type: 'Service', arn: name, accountId: ACCOUNT, service: name };
}

export function policy(...statements: Statement[]): Document {
  return { Version: '2012-10-17', Statement: statements };
}

export function allow(
  action: string | string[],
  resource: string | string[],
  condition?: Statement,
): Statement {
  return statement('Allow', action, resource, condition);
}

export function deny(
  action: string | string[],
  resource: string | string[],
  condition?: Statement,
): Statement {
  return statement('Deny', action, resource, condition);
}

function statement(
  effect: string,
  action: string | string[],
  resource: string | string[],
  condition?: Statement,
) {
  return {
    Effect: effect,
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** An allow of `s3:GetObject` on every object, under a condition: the shape of the condition cases. */
export function allowGetWhen(condition: Statement): Document {
  return policy(allow('s3:GetObject', `${BUCKET}/*`, condition));
}

export const OBJECT = `${BUCKET}/uploads/cat.jpg`;
