import { tableArn } from './arns.js';
import {
  generatedBucketName,
  generatedIdentityPoolName,
  generatedRoleName,
  generatedTableName,
  identityPoolIdOf,
  stableRoleId,
} from './physical-names.js';
import { functionArn, roleArn, type StackEnvironment } from './pseudo-parameters.js';
import { UnresolvableError } from './unresolvable.js';
import { ownValue } from './values.js';

/**
 * An attribute the resource does not have as the template declares it (the stream of a table
 * without one): AWS fails the deployment, so the evaluator turns it into a TemplateError at the
 * place that asks for it.
 */
export class MissingAttributeError extends Error {
  override readonly name = 'MissingAttributeError';
}

/** The face of a resource that `Ref` and `Fn::GetAtt` need. */
export interface ResourceView {
  logicalId: string;
  type: string;
  env: StackEnvironment;
  /** A property of the resource, evaluated to a string; undefined when the template leaves it out. */
  property(key: string): string | undefined;
  /** Whether the resource sets a property (after conditions: `AWS::NoValue` counts as not set). */
  has(key: string): boolean;
}

interface ResourceKind {
  /** The property that names the resource. */
  nameProperty?: string;
  /**
   * The name AWS makes up when the name property is absent, for the resources the local cloud
   * creates under their AWS name; others are named after their logical id locally.
   */
  generatedName?: (resource: ResourceView) => string;
  /** What `Ref` returns when it is not the name (an ARN for topics, a URL for queues). */
  ref?: (resource: ResourceView, name: string) => string;
  attributes: Record<string, (resource: ResourceView, name: string) => string>;
}

const functionKind: ResourceKind = {
  nameProperty: 'FunctionName',
  attributes: { Arn: ({ env }, name) => functionArn(env, name) },
};

/**
 * The stream label of every table's `StreamArn`. On AWS the label is the time the stream was
 * enabled, known only once the table exists; the template reader cannot know the one DynamoDB
 * Local will assign, so it writes the label of the epoch. Readers of the ARN go by the table name
 * in it (`tableNameOfArn`), never by the label.
 */
export const STREAM_LABEL_PLACEHOLDER = '1970-01-01T00:00:00.000';

const tableKind: ResourceKind = {
  nameProperty: 'TableName',
  generatedName: ({ env, logicalId }) => generatedTableName(env, logicalId),
  attributes: {
    Arn: ({ env }, name) => tableArn(env.region, env.accountId, name),
    StreamArn: (table, name) => {
      if (!table.has('StreamSpecification')) {
        throw new MissingAttributeError(
          `Fn::GetAtt ${table.logicalId}.StreamArn: ${table.logicalId} has no StreamSpecification, so it has no stream (AWS fails the deployment)`,
        );
      }
      return `${tableArn(table.env.region, table.env.accountId, name)}/stream/${STREAM_LABEL_PLACEHOLDER}`;
    },
  },
};

const stateMachineKind: ResourceKind = {
  nameProperty: 'StateMachineName',
  ref: ({ env }, name) => `arn:${env.partition}:states:${env.region}:${env.accountId}:stateMachine:${name}`,
  attributes: {
    Arn: ({ env }, name) => `arn:${env.partition}:states:${env.region}:${env.accountId}:stateMachine:${name}`,
    Name: (_, name) => name,
  },
};

const queueUrl = ({ env }: ResourceView, name: string) =>
  `https://sqs.${env.region}.${env.urlSuffix}/${env.accountId}/${name}`;
const queueArn = ({ env }: ResourceView, name: string) =>
  `arn:${env.partition}:sqs:${env.region}:${env.accountId}:${name}`;
const topicArn = ({ env }: ResourceView, name: string) =>
  `arn:${env.partition}:sns:${env.region}:${env.accountId}:${name}`;

/**
 * What `Ref` and `Fn::GetAtt` return per resource type, as the CloudFormation resource reference
 * documents it. Buckets and tables get the name AWS would generate (`stack-Logical-SUFFIX`); other
 * unnamed resources are named after their logical id locally, and attributes only AWS can assign
 * (a generated id) are left unresolvable.
 */
const KINDS: Record<string, ResourceKind> = {
  'AWS::Serverless::Function': functionKind,
  'AWS::Lambda::Function': functionKind,
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    generatedName: ({ env, logicalId }) => generatedRoleName(env, logicalId),
    attributes: {
      Arn: (role, name) => roleArn(role.env, name, role.property('Path')),
      RoleId: ({ env, logicalId }) => stableRoleId(env, logicalId),
    },
  },
  'AWS::Cognito::IdentityPool': {
    nameProperty: 'IdentityPoolName',
    generatedName: ({ env, logicalId }) => generatedIdentityPoolName(env, logicalId),
    ref: ({ env, logicalId }) => identityPoolIdOf(env, logicalId),
    attributes: {
      Id: ({ env, logicalId }) => identityPoolIdOf(env, logicalId),
      Name: (_, name) => name,
    },
  },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    ref: (policy, name) =>
      `arn:${policy.env.partition}:iam::${policy.env.accountId}:policy${policy.property('Path') ?? '/'}${name}`,
    attributes: {
      PolicyArn: (policy, name) =>
        `arn:${policy.env.partition}:iam::${policy.env.accountId}:policy${policy.property('Path') ?? '/'}${name}`,
    },
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    generatedName: ({ env, logicalId }) => generatedBucketName(env, logicalId),
    attributes: {
      Arn: ({ env }, name) => `arn:${env.partition}:s3:::${name}`,
      DomainName: ({ env }, name) => `${name}.s3.${env.urlSuffix}`,
      RegionalDomainName: ({ env }, name) => `${name}.s3.${env.region}.${env.urlSuffix}`,
      DualStackDomainName: ({ env }, name) => `${name}.s3.dualstack.${env.region}.${env.urlSuffix}`,
      // Older regions write `s3-website-<region>`, newer ones `s3-website.<region>`; the dash form is the common one.
      // On the local cloud, its own website endpoint (README, "S3").
      WebsiteURL: ({ env }, name) =>
        env.websitePort === undefined
          ? `http://${name}.s3-website-${env.region}.${env.urlSuffix}`
          : `http://${name}.s3-website.localhost:${env.websitePort}`,
    },
  },
  'AWS::DynamoDB::Table': tableKind,
  'AWS::DynamoDB::GlobalTable': tableKind,
  'AWS::Serverless::SimpleTable': tableKind,
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    ref: queueUrl,
    attributes: { Arn: queueArn, QueueName: (_, name) => name, QueueUrl: queueUrl },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: topicArn,
    attributes: { TopicArn: topicArn, TopicName: (_, name) => name },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    attributes: {
      Arn: ({ env }, name) => `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:${name}:*`,
    },
  },
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    attributes: {
      Arn: ({ env }, name) => `arn:${env.partition}:events:${env.region}:${env.accountId}:event-bus/${name}`,
      Name: (_, name) => name,
    },
  },
  // `Ref` is the identity itself; its DKIM tokens (`Fn::GetAtt`) exist only once AWS made the keys.
  'AWS::SES::EmailIdentity': { nameProperty: 'EmailIdentity', attributes: {} },
  'AWS::StepFunctions::StateMachine': stateMachineKind,
  'AWS::Serverless::StateMachine': stateMachineKind,
};

/** The physical name of a resource: its name property when set, else the generated name or its logical id. */
export function physicalName(resource: ResourceView): string {
  const kind = ownValue(KINDS, resource.type);
  const named = kind?.nameProperty && resource.property(kind.nameProperty);
  return named || kind?.generatedName?.(resource) || resource.logicalId;
}

/** What `Ref` to the resource returns. */
export function refValue(resource: ResourceView): string {
  const name = physicalName(resource);
  return ownValue(KINDS, resource.type)?.ref?.(resource, name) ?? name;
}

/** What `Fn::GetAtt` returns for one attribute; unresolvable when the local cloud cannot know it. */
export function attributeValue(resource: ResourceView, attribute: string): string {
  const kind = ownValue(KINDS, resource.type);
  const compute = kind && ownValue(kind.attributes, attribute);
  if (!compute) {
    throw new UnresolvableError(
      `Fn::GetAtt ${resource.logicalId}.${attribute}: the local cloud does not know the ${attribute} attribute of ${resource.type}`,
    );
  }
  return compute(resource, physicalName(resource));
}
