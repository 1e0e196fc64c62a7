import { implicitRoleName, stableRoleId } from '../../../stack/physical-names.js';
import { tagsOf } from '../../../stack/property-values.js';
import { roleArn, type StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { PolicyDocumentJson, RoleDefinition } from '../../../stack/types.js';
import { isObject, ownValue, type TemplateObject } from '../../../stack/values.js';
import { managedPolicyArn } from './managed-policies.js';
import { policyDocumentAt } from './policy-documents.js';
import { attachedPolicy, rolePathOf } from './roles.js';
import { samPoliciesOf } from './sam-policies.js';

type InlinePolicy = RoleDefinition['policies'][number];
type AttachedPolicy = RoleDefinition['managedPolicies'][number];

/** SAM's trust policy for a function's role (`IAMRolePolicies.lambda_assume_role_policy`). */
const LAMBDA_TRUST: PolicyDocumentJson = {
  Version: '2012-10-17',
  Statement: [
    { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
  ],
};

/** The managed policy SAM gives the role of a function with each kind of pull event. */
const EVENT_POLICIES: Record<string, string> = {
  DynamoDB: 'AWSLambdaDynamoDBExecutionRole',
  Kinesis: 'AWSLambdaKinesisExecutionRole',
  SQS: 'AWSLambdaSQSQueueExecutionRole',
};

/** What SAM lets a role do with a destination, by `Type`: the action and the policy name's ending. */
const DESTINATION_GRANTS: Record<string, { action: string; suffix: string }> = {
  SQS: { action: 'sqs:SendMessage', suffix: 'SQSPolicy' },
  // SAM writes the action in lower case; IAM compares actions without regard to case.
  SNS: { action: 'sns:publish', suffix: 'SNSPolicy' },
  EventBridge: { action: 'events:PutEvents', suffix: 'EventBridgePolicy' },
  Lambda: { action: 'lambda:InvokeFunction', suffix: 'LambdaPolicy' },
};

/**
 * The role SAM creates for an `AWS::Serverless::Function` without `Role` (`<LogicalId>Role`, named
 * `<stack>-<LogicalId>Role` locally), built as SAM's `_construct_role` builds it: the Lambda trust
 * policy (or the function's `AssumeRolePolicyDocument`), `AWSLambdaBasicExecutionRole` plus the
 * X-Ray and VPC policies when tracing or a VPC is set, inline policies for the dead-letter queue and
 * the asynchronous destinations, then `Policies`; the function's events add theirs last. `reader`
 * reads the function (Globals merged).
 */
export function readImplicitRole(reader: ResourceReader, env: StackEnvironment): RoleDefinition {
  const logicalId = `${reader.logicalId}Role`;
  const roleName = implicitRoleName(env, reader.logicalId);
  const path = rolePathOf(reader, 'RolePath');
  const trust = reader.essential('AssumeRolePolicyDocument');
  const policies = new RolePolicies();
  for (const [name, when] of [
    ['AWSLambdaBasicExecutionRole', true],
    ['AWSXrayWriteOnlyAccess', Boolean(reader.optional('Tracing'))],
    ['AWSLambdaVPCAccessExecutionRole', Boolean(reader.optional('VpcConfig'))],
  ] as const) {
    if (when) policies.addManagedArn(reader, 'Policies', managedPolicyArn(env, name) ?? name);
  }
  const deadLetter = deadLetterPolicy(reader);
  if (deadLetter) policies.addInline(deadLetter);
  for (const policy of destinationPolicies(reader)) policies.addInline(policy);
  const sam = samPoliciesOf(reader, logicalId, env);
  for (const policy of sam.inline) policies.addInline(policy);
  for (const policy of sam.managed) policies.addManaged(policy);
  addEventPolicies(reader, env, policies);
  return {
    logicalId,
    roleName,
    arn: roleArn(env, roleName, path),
    roleId: stableRoleId(env, logicalId),
    path,
    assumeRolePolicyDocument:
      trust === undefined
        ? structuredClone(LAMBDA_TRUST)
        : policyDocumentAt(reader, 'AssumeRolePolicyDocument', trust, 'trust'),
    policies: policies.inline,
    managedPolicies: policies.managed,
    maxSessionDuration: 3600,
    tags: { 'lambda:createdBy': 'SAM', ...tagsOf(reader, 'map') },
  };
}

/** The policies of a role being built, without the duplicates SAM leaves out. */
class RolePolicies {
  readonly inline: InlinePolicy[] = [];
  readonly managed: AttachedPolicy[] = [];

  addInline(policy: InlinePolicy): void {
    this.inline.push(policy);
  }

  /** What an event adds is left out when the role already has the same document (SAM's `_link_policy`). */
  addEventInline(policy: InlinePolicy): void {
    const document = JSON.stringify(policy.document);
    if (this.inline.some((other) => JSON.stringify(other.document) === document)) return;
    this.inline.push(policy);
  }

  addManaged(policy: AttachedPolicy): void {
    if (this.managed.some((other) => other.arn === policy.arn)) return;
    this.managed.push(policy);
  }

  /** A managed policy SAM attaches by itself, its document looked up (`path` says what made SAM attach it). */
  addManagedArn(reader: ResourceReader, path: string, arn: string): void {
    if (this.managed.some((other) => other.arn === arn)) return;
    this.managed.push(attachedPolicy(reader, path, arn));
  }
}

/** `DeadLetterQueue`: SAM lets the role send to the queue or topic (`DeadLetterQueuePolicy`). */
function deadLetterPolicy(reader: ResourceReader): InlinePolicy | undefined {
  const value = reader.properties.DeadLetterQueue;
  if (!isObject(value) || value.TargetArn === undefined) return undefined;
  const action = ownValue({ SQS: 'sqs:SendMessage', SNS: 'sns:Publish' }, String(value.Type));
  if (action === undefined) {
    throw reader.fail('DeadLetterQueue.Type', `must be SQS or SNS, got '${String(value.Type)}'`);
  }
  const target = reader.whole(value.TargetArn, 'DeadLetterQueue.TargetArn');
  if (target === undefined) return undefined;
  return {
    name: 'DeadLetterQueuePolicy',
    document: { Version: '2012-10-17', Statement: [{ Action: action, Resource: target, Effect: 'Allow' }] },
  };
}

/**
 * `EventInvokeConfig.DestinationConfig`: SAM lets the role reach each destination given by ARN,
 * in a policy named `<Function>EventInvokeConfig<OnSuccess|OnFailure><Type>Policy`.
 */
function destinationPolicies(reader: ResourceReader): InlinePolicy[] {
  const config = reader.properties.EventInvokeConfig;
  const destinations = isObject(config) ? config.DestinationConfig : undefined;
  if (!isObject(destinations)) return [];
  return ['OnSuccess', 'OnFailure'].flatMap((key) => {
    const target = destinations[key];
    const grant = isObject(target) ? ownValue(DESTINATION_GRANTS, String(target.Type)) : undefined;
    if (!isObject(target) || !grant || target.Destination === undefined) return [];
    const path = `EventInvokeConfig.DestinationConfig.${key}.Destination`;
    const arn = reader.whole(target.Destination, path);
    if (arn === undefined) return [];
    return [grantPolicy(`${reader.logicalId}EventInvokeConfig${key}${grant.suffix}`, grant.action, arn)];
  });
}

/**
 * What the function's pull events add (SAM's `_link_policy`), events taken in SAM's order: the
 * managed policy of the event source, and access to an `OnFailure` destination whose `Type` is given.
 */
function addEventPolicies(reader: ResourceReader, env: StackEnvironment, policies: RolePolicies): void {
  const events = reader.properties.Events;
  if (!isObject(events)) return;
  // Python's sort compares code points, as `<` on strings does.
  const ordered = Object.entries(events).sort(([a, x], [b, y]) =>
    compareCodePoints(orderKey(a, x), orderKey(b, y)),
  );
  for (const [name, event] of ordered) {
    if (!isObject(event)) continue;
    const managed = ownValue(EVENT_POLICIES, String(event.Type));
    if (managed === undefined) continue;
    policies.addManagedArn(reader, `Events.${name}`, managedPolicyArn(env, managed) ?? managed);
    const failure = failureDestinationPolicy(reader, name, event.Properties);
    if (failure) policies.addEventInline(failure);
  }
}

function failureDestinationPolicy(
  reader: ResourceReader,
  eventName: string,
  properties: unknown,
): InlinePolicy | undefined {
  const onFailure =
    isObject(properties) && isObject(properties.DestinationConfig)
      ? properties.DestinationConfig.OnFailure
      : undefined;
  if (!isObject(onFailure) || onFailure.Destination === undefined) return undefined;
  const type = String(onFailure.Type);
  if (!['SQS', 'SNS', 'S3'].includes(type)) return undefined;
  const path = `Events.${eventName}.Properties.DestinationConfig.OnFailure.Destination`;
  const arn = reader.whole(onFailure.Destination, path);
  if (arn === undefined) return undefined;
  const logicalId = `${reader.logicalId}${eventName}`;
  if (type !== 'S3') {
    const grant = DESTINATION_GRANTS[type] ?? { action: '', suffix: '' };
    return grantPolicy(`${logicalId}${grant.suffix}`, grant.action, arn);
  }
  // SAM's `s3_send_event_payload_role_policy`: write the records, list the bucket.
  return {
    name: `${logicalId}S3Policy`,
    document: {
      Statement: [
        { Action: 's3:PutObject', Effect: 'Allow', Resource: `${String(arn)}/*` },
        { Action: 's3:ListBucket', Effect: 'Allow', Resource: arn },
      ],
    },
  };
}

/** One Allow statement on a destination, as SAM's `IAMRolePolicies` write it (no `Version`). */
function grantPolicy(name: string, action: string, resource: unknown): InlinePolicy {
  return {
    name,
    document: { Statement: [{ Action: action, Effect: 'Allow', Resource: resource }] },
  };
}

/** SAM orders a function's events by their `Path` property, else their name (`order_events`). */
function orderKey(name: string, event: unknown): string {
  const properties: TemplateObject | undefined =
    isObject(event) && isObject(event.Properties) ? event.Properties : undefined;
  return typeof properties?.Path === 'string' ? properties.Path : name;
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
