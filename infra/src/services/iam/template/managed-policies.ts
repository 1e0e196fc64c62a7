import type { StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { PolicyDocumentJson } from '../../../stack/types.js';
import { ownValue } from '../../../stack/values.js';

/**
 * The AWS managed policies the local cloud knows, with the documents of their default versions as
 * IAM publishes them (`aws iam get-policy-version`). SAM attaches several of them by itself (basic
 * execution, the pollers' execution roles, X-Ray, VPC access) and templates name a few more; any
 * other managed policy is attached without a document, and reported.
 */

interface ManagedPolicy {
  /** The path in the ARN, `/` or `/service-role/`. */
  path: string;
  document: PolicyDocumentJson;
}

const anywhere = (actions: string[]): PolicyDocumentJson => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
});

const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

const MANAGED_POLICIES: Record<string, ManagedPolicy> = {
  AWSLambdaBasicExecutionRole: { path: '/service-role/', document: anywhere(LOGS) },
  AWSLambdaDynamoDBExecutionRole: {
    path: '/service-role/',
    document: anywhere([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      ...LOGS,
    ]),
  },
  AWSLambdaKinesisExecutionRole: {
    path: '/service-role/',
    document: anywhere([
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:ListShards',
      'kinesis:ListStreams',
      'kinesis:SubscribeToShard',
      ...LOGS,
    ]),
  },
  AWSLambdaSQSQueueExecutionRole: {
    path: '/service-role/',
    document: anywhere(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOGS]),
  },
  AWSLambdaVPCAccessExecutionRole: {
    path: '/service-role/',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AWSLambdaVPCAccessExecutionPermissions',
          Effect: 'Allow',
          Action: [
            ...LOGS,
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          Resource: '*',
        },
      ],
    },
  },
  AWSLambdaRole: {
    path: '/service-role/',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['*'] }],
    },
  },
  AWSLambdaExecute: {
    path: '/',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['logs:*'], Resource: 'arn:aws:logs:*:*:*' },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::*' },
      ],
    },
  },
  AWSXrayWriteOnlyAccess: {
    path: '/',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
            'xray:GetSamplingStatisticSummaries',
          ],
          Resource: ['*'],
        },
      ],
    },
  },
  AmazonS3ReadOnlyAccess: {
    path: '/',
    document: anywhere([
      's3:Get*',
      's3:List*',
      's3:Describe*',
      's3-object-lambda:Get*',
      's3-object-lambda:List*',
    ]),
  },
  AmazonS3FullAccess: { path: '/', document: anywhere(['s3:*', 's3-object-lambda:*']) },
  AmazonDynamoDBReadOnlyAccess: {
    path: '/',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GeneralReadOnlyAccess',
          Action: [
            'application-autoscaling:DescribeScalableTargets',
            'application-autoscaling:DescribeScalingActivities',
            'application-autoscaling:DescribeScalingPolicies',
            'cloudwatch:DescribeAlarmHistory',
            'cloudwatch:DescribeAlarms',
            'cloudwatch:DescribeAlarmsForMetric',
            'cloudwatch:GetMetricStatistics',
            'cloudwatch:ListMetrics',
            'cloudwatch:GetMetricData',
            'datapipeline:DescribeObjects',
            'datapipeline:DescribePipelines',
            'datapipeline:GetPipelineDefinition',
            'datapipeline:ListPipelines',
            'datapipeline:QueryObjects',
            'dynamodb:BatchGetItem',
            'dynamodb:Describe*',
            'dynamodb:List*',
            'dynamodb:GetItem',
            'dynamodb:GetResourcePolicy',
            'dynamodb:Query',
            'dynamodb:Scan',
            'dynamodb:PartiQLSelect',
            'dax:Describe*',
            'dax:List*',
            'dax:GetItem',
            'dax:BatchGetItem',
            'dax:Query',
            'dax:Scan',
            'ec2:DescribeVpcs',
            'ec2:DescribeSubnets',
            'ec2:DescribeSecurityGroups',
            'iam:GetRole',
            'iam:ListRoles',
            'kms:DescribeKey',
            'kms:ListAliases',
            'sns:ListSubscriptionsByTopic',
            'sns:ListTopics',
            'lambda:ListFunctions',
            'lambda:ListEventSourceMappings',
            'lambda:GetFunctionConfiguration',
            'resource-groups:ListGroups',
            'resource-groups:ListGroupResources',
            'resource-groups:GetGroup',
            'resource-groups:GetGroupQuery',
            'tag:GetResources',
            'kinesis:ListStreams',
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
          ],
          Effect: 'Allow',
          Resource: '*',
        },
        {
          Sid: 'CCIAccess',
          Action: 'cloudwatch:GetInsightRuleReport',
          Effect: 'Allow',
          Resource: 'arn:aws:cloudwatch:*:*:insight-rule/DynamoDBContributorInsights*',
        },
      ],
    },
  },
};

/**
 * The ARN of an AWS managed policy given by name, as SAM resolves the names in `Policies`;
 * undefined for a name the local cloud does not know.
 *
 * @example managedPolicyArn(env, 'AWSLambdaRole') // 'arn:aws:iam::aws:policy/service-role/AWSLambdaRole'
 */
export function managedPolicyArn(env: StackEnvironment, name: string): string | undefined {
  const policy = ownValue(MANAGED_POLICIES, name);
  return policy && `arn:${env.partition}:iam::aws:policy${policy.path}${name}`;
}

/** The document of an AWS managed policy given by ARN (a copy the caller may keep); undefined when unknown. */
export function managedPolicyDocument(arn: string): PolicyDocumentJson | undefined {
  const match = /^arn:[^:]+:iam::aws:policy(\/(?:.*\/)?)([^/]+)$/.exec(arn);
  const policy = match ? ownValue(MANAGED_POLICIES, match[2] ?? '') : undefined;
  return policy && policy.path === match?.[1] ? structuredClone(policy.document) : undefined;
}
