import { functionArn, roleArn, type StackEnvironment } from './pseudo-parameters.js';
import { UnresolvableError } from './unresolvable.js';
import { ownValue } from './values.js';

/** The face of a resource that `Ref` and `Fn::GetAtt` need. */
export interface ResourceView {
  logicalId: string;
  type: string;
  env: StackEnvironment;
  /** A property of the resource, evaluated to a string; undefined when the template leaves it out. */
  property(key: string): string | undefined;
}

interface ResourceKind {
  /** The property that names the resource; without it the local cloud names it after the logical id. */
  nameProperty?: string;
  /** What `Ref` returns when it is not the name (an ARN for topics, a URL for queues). */
  ref?: (resource: ResourceView, name: string) => string;
  attributes: Record<string, (resource: ResourceView, name: string) => string>;
}

const functionKind: ResourceKind = {
  nameProperty: 'FunctionName',
  attributes: { Arn: ({ env }, name) => functionArn(env, name) },
};

const tableKind: ResourceKind = {
  nameProperty: 'TableName',
  attributes: {
    Arn: ({ env }, name) => `arn:${env.partition}:dynamodb:${env.region}:${env.accountId}:table/${name}`,
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
 * documents it. Names AWS would generate (`stack-Logical-RANDOM`) are the logical id locally, and
 * attributes only AWS can assign (a stream label, a generated id) are left unresolvable.
 */
const KINDS: Record<string, ResourceKind> = {
  'AWS::Serverless::Function': functionKind,
  'AWS::Lambda::Function': functionKind,
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    attributes: { Arn: (role, name) => roleArn(role.env, name, role.property('Path')) },
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
    attributes: {
      Arn: ({ env }, name) => `arn:${env.partition}:s3:::${name}`,
      DomainName: ({ env }, name) => `${name}.s3.${env.urlSuffix}`,
      RegionalDomainName: ({ env }, name) => `${name}.s3.${env.region}.${env.urlSuffix}`,
      DualStackDomainName: ({ env }, name) => `${name}.s3.dualstack.${env.region}.${env.urlSuffix}`,
      // Older regions write `s3-website-<region>`, newer ones `s3-website.<region>`; the dash form is the common one.
      WebsiteURL: ({ env }, name) => `http://${name}.s3-website-${env.region}.${env.urlSuffix}`,
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
  'AWS::StepFunctions::StateMachine': stateMachineKind,
  'AWS::Serverless::StateMachine': stateMachineKind,
};

/** The physical name of a resource: its name property when set, else (locally) its logical id. */
export function physicalName(resource: ResourceView): string {
  const nameProperty = ownValue(KINDS, resource.type)?.nameProperty;
  return (nameProperty && resource.property(nameProperty)) || resource.logicalId;
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
