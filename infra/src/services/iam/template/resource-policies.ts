import { TemplateError } from '../../../core/errors.js';
import { functionNameOf, parseFunctionArn } from '../../../stack/arns.js';
import { generatedStatementId } from '../../../stack/physical-names.js';
import { requiredAt } from '../../../stack/property-values.js';
import { functionArn, type StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type {
  BucketDefinition,
  FunctionDefinition,
  PolicyDocumentJson,
  ResourcePolicyDefinition,
} from '../../../stack/types.js';
import { isObject } from '../../../stack/values.js';
import { policyDocumentAt } from './policy-documents.js';

/** What reading a resource policy needs: the stack, and its functions and buckets by name. */
export interface ResourcePolicyContext {
  env: StackEnvironment;
  functions: ReadonlyMap<string, FunctionDefinition>;
  buckets: ReadonlyMap<string, BucketDefinition>;
}

/** Properties that make a permission conditional on something the local cloud does not have. */
const NOT_CREATED_WITH = [
  'PrincipalOrgID',
  'FunctionUrlAuthType',
  'InvokedViaFunctionUrl',
  'EventSourceToken',
];

/** The fields of one `AddPermission` call. */
interface Permission {
  logicalId: string;
  action: string;
  functionName: string;
  principal: unknown;
  sourceArn?: string;
  sourceAccount?: string;
}

/**
 * An `AWS::Lambda::Permission`: the statement Lambda adds to the function's policy. A permission
 * on a function outside the local stack, or one that only an organization, a function URL or an
 * Alexa skill could use, is reported (by the property rules for the latter) and not created.
 */
export function readLambdaPermission(
  reader: ResourceReader,
  context: ResourcePolicyContext,
): ResourcePolicyDefinition | undefined {
  if (NOT_CREATED_WITH.some((key) => reader.has(key))) return undefined;
  const [action, reference, principal, sourceArn, sourceAccount] = [
    'Action',
    'FunctionName',
    'Principal',
    'SourceArn',
    'SourceAccount',
  ].map((key) => reader.string(key, 'optional'));
  // A permission missing a part only AWS knows is left out whole: without its condition it would allow more.
  if (
    ['Action', 'FunctionName', 'Principal', 'SourceArn', 'SourceAccount'].some((key) =>
      reader.wasUnresolved(key),
    )
  ) {
    return undefined;
  }
  if (action === undefined || reference === undefined || principal === undefined) {
    const missing = action === undefined ? 'Action' : reference === undefined ? 'FunctionName' : 'Principal';
    throw reader.fail(missing, 'is required');
  }
  if (!/^(lambda:\*|lambda:[a-zA-Z]+|\*)$/.test(action)) {
    throw reader.fail('Action', `'${action}' is not a Lambda action (lambda:InvokeFunction, lambda:*, …)`);
  }
  const functionName = localFunctionOf(reader, reference, context);
  if (functionName === undefined) return undefined;
  const permission: Permission = {
    logicalId: reader.logicalId,
    action,
    functionName,
    principal: principalOf(reader, principal, context.env),
  };
  if (sourceArn !== undefined) {
    if (!sourceArn.startsWith('arn:')) throw reader.fail('SourceArn', `'${sourceArn}' is not an ARN`);
    permission.sourceArn = sourceArn;
  }
  if (sourceAccount !== undefined) {
    if (!/^\d{12}$/.test(sourceAccount))
      throw reader.fail('SourceAccount', `'${sourceAccount}' is not an account id`);
    permission.sourceAccount = sourceAccount;
  }
  return permissionPolicy(context.env, permission);
}

/**
 * The permission SAM adds for each S3 event of a function (`<Function><Event>Permission`), which
 * lets S3 invoke it for buckets of the account (SAM sets `SourceAccount`, not `SourceArn`).
 */
export function samS3Permissions(
  fn: FunctionDefinition,
  events: unknown,
  env: StackEnvironment,
): ResourcePolicyDefinition[] {
  if (!isObject(events)) return [];
  return Object.entries(events)
    .filter(([, event]) => isObject(event) && event.Type === 'S3')
    .map(([name]) =>
      permissionPolicy(env, {
        logicalId: `${fn.logicalId}${name}Permission`,
        action: 'lambda:InvokeFunction',
        functionName: fn.functionName,
        principal: { Service: 's3.amazonaws.com' },
        sourceAccount: env.accountId,
      }),
    );
}

/**
 * An `AWS::S3::BucketPolicy` on a bucket of the stack, its document checked as S3 checks it (each
 * statement names a principal and a resource). A policy that cannot be known locally is left out
 * whole, with an issue.
 */
export function readBucketPolicy(
  reader: ResourceReader,
  context: ResourcePolicyContext,
): ResourcePolicyDefinition | undefined {
  const bucketName = reader.string('Bucket', 'optional');
  if (bucketName === undefined) {
    if (reader.wasUnresolved('Bucket')) return undefined;
    throw reader.fail('Bucket', 'is required (the name of the bucket)');
  }
  if (!context.buckets.has(bucketName)) {
    reader.report('Bucket', `${bucketName} is not a bucket of the local stack; the policy is not applied`);
    return undefined;
  }
  const raw = requiredAt(reader, 'PolicyDocument', reader.properties.PolicyDocument);
  const document = reader.whole(raw, 'PolicyDocument');
  if (document === undefined) return undefined;
  return {
    logicalId: reader.logicalId,
    kind: 'bucket-policy',
    resourceArn: `arn:${context.env.partition}:s3:::${bucketName}`,
    document: policyDocumentAt(reader, 'PolicyDocument', document, 'resource'),
  };
}

/** S3 keeps one policy per bucket: a second `AWS::S3::BucketPolicy` for a bucket fails to deploy. */
export function checkOnePolicyPerBucket(policies: ResourcePolicyDefinition[]): void {
  const seen = new Map<string, string>();
  for (const policy of policies.filter((candidate) => candidate.kind === 'bucket-policy')) {
    const other = seen.get(policy.resourceArn);
    if (other) {
      throw new TemplateError(
        `${policy.resourceArn} already has a bucket policy (${other})`,
        policy.logicalId,
        'Properties.Bucket',
      );
    }
    seen.set(policy.resourceArn, policy.logicalId);
  }
}

/**
 * The policy of a function holding one permission, as `GetPolicy` shows it:
 * `{Version, Id: default, Statement: [{Sid, Effect, Principal, Action, Resource, Condition}]}`;
 * the statement id is the physical id CloudFormation gives the permission.
 */
function permissionPolicy(env: StackEnvironment, permission: Permission): ResourcePolicyDefinition {
  const resourceArn = functionArn(env, permission.functionName);
  const statement: PolicyDocumentJson = {
    Sid: generatedStatementId(env, permission.logicalId),
    Effect: 'Allow',
    Principal: permission.principal,
    Action: permission.action,
    Resource: resourceArn,
  };
  const condition: Record<string, Record<string, string>> = {};
  if (permission.sourceAccount !== undefined)
    condition.StringEquals = { 'AWS:SourceAccount': permission.sourceAccount };
  if (permission.sourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': permission.sourceArn };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return {
    logicalId: permission.logicalId,
    kind: 'lambda-permission',
    resourceArn,
    document: { Version: '2012-10-17', Id: 'default', Statement: [statement] },
  };
}

/** Lambda's forms of a principal: `*`, an account id, an IAM ARN, or a service principal. */
function principalOf(reader: ResourceReader, principal: string, env: StackEnvironment): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:${env.partition}:iam::${principal}:root` };
  if (/^arn:[^:]+:iam::\d{12}:\S+$/.test(principal)) return { AWS: principal };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(principal)) return { Service: principal };
  throw reader.fail(
    'Principal',
    `'${principal}' is not a principal Lambda takes (a service such as s3.amazonaws.com, an account id, an IAM ARN or *)`,
  );
}

/**
 * The local function `FunctionName` names (a name, a partial or full ARN); undefined, reported,
 * when it is in another account or region or not in the stack. A version or alias is reported:
 * only $LATEST runs locally, so the permission is put on the function.
 */
function localFunctionOf(
  reader: ResourceReader,
  reference: string,
  context: ResourcePolicyContext,
): string | undefined {
  const { env } = context;
  const arn = parseFunctionArn(reference);
  const account = arn?.accountId ?? /^(\d{12}):function:/.exec(reference)?.[1] ?? env.accountId;
  const elsewhere = arn !== undefined && (arn.partition !== env.partition || arn.region !== env.region);
  if (elsewhere || account !== env.accountId) {
    reader.report(
      'FunctionName',
      `${reference} is outside this stack's account and region; the permission is not created`,
    );
    return undefined;
  }
  const functionName = functionNameOf(reference);
  const qualifier = reference.replace(/^.*:function:/, '').split(':')[1];
  if (!context.functions.has(functionName)) {
    reader.report(
      'FunctionName',
      `function ${functionName} is not in the local stack; the permission is not created`,
    );
    return undefined;
  }
  if (qualifier !== undefined && qualifier !== '$LATEST') {
    reader.report(
      'FunctionName',
      `versions and aliases are not published locally; the permission for ${qualifier} is put on ${functionName} ($LATEST)`,
    );
  }
  return functionName;
}
